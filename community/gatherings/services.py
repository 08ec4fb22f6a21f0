"""Registration, waiting list, check-in and breakout groups."""

import itertools
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import pagecache
from community.background import enqueue_on_commit
from community.members import services as member_services
from community.notifications.services import notify
from community.notifications.text import interpolate

from . import audience, selectors, tasks
from .models import (
    BreakoutGroup,
    BreakoutMembership,
    GatheringPage,
    Registration,
    RegistrationStatus,
    RegistrationTally,
    Session,
)


@transaction.atomic
def registration_create(*, gathering: GatheringPage, user, mode: str, now=None) -> Registration:
    """Register, or join the waiting list when the mode is full.

    The gathering's own row (not Wagtail's page row, which editors need) is locked first,
    so two people racing for the last place
    are served one after the other and the place is never given twice.
    """
    now = now or timezone.now()
    refused = audience.refusal(user, gathering)
    if refused:
        raise ValidationError(refused)
    if mode not in gathering.modes:
        raise ValidationError(_("This gathering has no such attendance mode."))
    state = gathering.registration_state(now)
    if state == "not_open":
        raise ValidationError(_("Registration has not opened yet."))
    if state == "closed":
        raise ValidationError(_("Registration has closed."))
    GatheringPage.objects.select_for_update(of=("self",)).filter(pk=gathering.pk).first()
    existing = Registration.objects.filter(gathering=gathering, user=user).first()
    if existing and existing.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are already registered."))
    capacity = gathering.capacity(mode)
    taken = Registration.objects.filter(
        gathering=gathering, mode=mode, status=RegistrationStatus.CONFIRMED
    ).count()
    status = (
        RegistrationStatus.CONFIRMED
        if capacity is None or taken < capacity
        else RegistrationStatus.WAITING
    )
    registration = existing or Registration(gathering=gathering, user=user)
    registration.mode = mode
    registration.status = status
    # The waiting list is served in the order people really joined it: the clock, not
    # `now` (which only decides the registration window, and which seeding and tests
    # set to a moment that may lie after someone who joined later).
    registration.queued_at = timezone.now()
    registration.checked_in_at = None
    registration.save()
    pagecache.bump_on_commit()  # the places left, as visitors see them
    if status == RegistrationStatus.CONFIRMED:
        _join_exchange(registration)
        enqueue_on_commit(tasks.registration_confirmation_send, registration.pk)
    return registration


def _join_exchange(registration: Registration) -> None:
    """Late registrations join the exchange space too, once it exists."""
    category_id = registration.gathering.exchange_category_id
    if category_id:
        from forums import services as forum_services
        from forums.models import Category

        forum_services.exchange_space_add_members(
            category=Category.objects.get(pk=category_id), members=[registration.user]
        )


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; the first on the waiting list for the same mode moves up.

    Returns the promoted registration, if any."""
    gathering = registration.gathering
    GatheringPage.objects.select_for_update(of=("self",)).filter(pk=gathering.pk).first()
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    pagecache.bump_on_commit()
    BreakoutMembership.objects.filter(session__gathering=gathering, user=registration.user).delete()
    # Sockets the member has open in the gathering's rooms close on every process.
    member_services.member_access_changed(user=registration.user)
    if not was_confirmed:
        return None
    return _promote(gathering, registration.mode)


def _promote(gathering, mode) -> Registration | None:
    capacity = gathering.capacity(mode)
    taken = Registration.objects.filter(
        gathering=gathering, mode=mode, status=RegistrationStatus.CONFIRMED
    ).count()
    if capacity is not None and taken >= capacity:
        return None
    waiting = (
        Registration.objects.select_related("user", "gathering")
        .filter(gathering=gathering, mode=mode, status=RegistrationStatus.WAITING)
        .order_by("queued_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.CONFIRMED
    waiting.save(update_fields=["status"])
    _join_exchange(waiting)
    notify(
        recipient=waiting.user,
        kind="gathering.promoted",
        title=interpolate(
            gettext_lazy("A place opened up: you are now registered for %(title)s"),
            {"title": gathering.title},
        ),
        url=gathering.url,
    )
    enqueue_on_commit(tasks.registration_confirmation_send, waiting.pk)
    return waiting


@transaction.atomic
def check_in_toggle(*, registration: Registration) -> Registration:
    registration.checked_in_at = None if registration.checked_in_at else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration


@transaction.atomic
def prework_save(*, registration: Registration, text: str) -> Registration:
    registration.prework = text.strip()[:10_000]
    registration.save(update_fields=["prework"])
    return registration


@transaction.atomic
def participants_message(*, gathering: GatheringPage, sender, subject: str, body: str) -> int:
    """A message from the organisers to every confirmed participant: in-app, and by mail
    as each member chose (per message, in the digest, or not at all), once."""
    recipients = list(selectors.participants(gathering))
    for member in recipients:
        notify(
            recipient=member,
            kind="gathering.message",
            title=" ".join(subject.split()),
            body=body,
            url=gathering.url,
            actor=sender,
        )
    return len(recipients)


def _municipality_of(user) -> str:
    membership = next(iter(user.memberships.all()), None)
    return membership.school.municipality.name if membership else ""


def _is_pupil(user) -> bool:
    roles = {m.role for m in user.memberships.all()}
    return "pupil" in roles and not roles & {"teacher", "leader"}


def _schools(user) -> set[int]:
    return {m.school_id for m in user.memberships.all()}


def place_pupils(plan: list[list], *, pupils: list, adults: list, size: int) -> list[list]:
    """Pupils join a group with an adult of their own school; a pupil is never left
    alone with adults from other schools. A school that sent pupils but no adult gets
    groups of its own pupils only."""
    schools_of = {user.pk: _schools(user) for user in adults}
    unplaced: dict[frozenset, list] = defaultdict(list)
    for pupil in pupils:
        mine = _schools(pupil)
        group = next(
            (
                keys
                for keys in sorted(plan, key=len)
                if any(schools_of.get(key, set()) & mine for key in keys)
            ),
            None,
        )
        if group is not None:
            group.append(pupil.pk)
        else:
            unplaced[frozenset(mine)].append(pupil.pk)
    for keys in unplaced.values():
        plan += [keys[i : i + size] for i in range(0, len(keys), size)]
    return plan


def plan_groups(people: list, *, method: str, size: int) -> list[list]:
    """Split people into groups.

    mixed: as many groups as needed for `size` people, municipalities dealt out
    round-robin so each group mixes municipalities as evenly as possible.
    by_municipality: one group per municipality (split when larger than `size`).
    `people` is a list of (key, municipality) pairs; returns lists of keys.
    """
    if not people:
        return []
    by_place: dict[str, list] = defaultdict(list)
    for key, place in people:
        by_place[place].append(key)
    if method == "by_municipality":
        groups = []
        for place in sorted(by_place):
            members = by_place[place]
            for i in range(0, len(members), size):
                groups.append(members[i : i + size])
        return groups
    count = max(1, -(-len(people) // size))
    groups = [[] for _ in range(count)]
    # Largest municipalities first, dealt across groups in turn: each group gets
    # floor or ceil of every municipality's share.
    ordered = itertools.chain.from_iterable(
        by_place[place] for place in sorted(by_place, key=lambda p: (-len(by_place[p]), p))
    )
    for index, key in enumerate(ordered):
        groups[index % count].append(key)
    return groups


@transaction.atomic
def groups_create(*, session: Session, method: str, size: int) -> list[BreakoutGroup]:
    if method not in ("mixed", "by_municipality"):
        raise ValidationError(_("Choose mixed groups or groups by municipality."))
    if not 2 <= size <= 50:
        raise ValidationError(_("A group has 2 to 50 people."))
    BreakoutGroup.objects.filter(session=session).delete()
    users = list(
        selectors.participants(session.gathering).prefetch_related(
            "memberships__school__municipality"
        )
    )
    pupils = [user for user in users if _is_pupil(user)]
    adults = [user for user in users if not _is_pupil(user)]
    plan = plan_groups(
        [(user.pk, _municipality_of(user)) for user in adults], method=method, size=size
    )
    plan = place_pupils(plan, pupils=pupils, adults=adults, size=size)
    groups = []
    names = {user.pk: _municipality_of(user) for user in users}
    for number, keys in enumerate(plan, start=1):
        if method == "by_municipality" and keys:
            name = names[keys[0]] or _("Group %(n)s") % {"n": number}
        else:
            name = _("Group %(n)s") % {"n": number}
        group = BreakoutGroup.objects.create(session=session, name=name)
        BreakoutMembership.objects.bulk_create(
            BreakoutMembership(group=group, user_id=key, session=session) for key in keys
        )
        groups.append(group)
    transaction.on_commit(lambda: _groups_changed(session))
    return groups


def _groups_changed(session) -> None:
    from django.apps import apps

    if apps.is_installed("community.chat"):
        from community.chat.services import rooms_sync

        rooms_sync(gathering=session.gathering)


@transaction.atomic
def group_notes_save(*, group: BreakoutGroup, text: str) -> BreakoutGroup:
    group.notes = text.strip()[:20_000]
    group.save(update_fields=["notes"])
    return group


# --- After the gathering ---------------------------------------------------------


def _exchange_members(gathering):
    return {*selectors.participants(gathering), *gathering.organisers.all()}


@transaction.atomic
def exchange_space_open(*, gathering: GatheringPage, user):
    """The gathering's experience-exchange forum: a topic per session and per group,
    readable by its participants and organisers; participants are told."""
    from forums import services as forum_services

    if gathering.exchange_category_id:
        raise ValidationError(_("The exchange space already exists."))
    topics = []
    for session in gathering.sessions.exclude(kind="break").order_by("start", "sort_order"):
        body = session.description or _("What did you take with you from “%(title)s”?") % {
            "title": session.title
        }
        topics.append((session.title, body))
        for group in session.breakout_groups.all():
            notes = group.notes or _("Share the group's notes and action plan here.")
            topics.append((f"{session.title}: {group.name}", notes))
    category = forum_services.exchange_space_create(
        title=_("Experience exchange: %(title)s") % {"title": gathering.title},
        description=_("Keep talking after %(title)s: a topic for every session and group.")
        % {"title": gathering.title},
        topics=topics,
        members=_exchange_members(gathering),
        created_by=user,
    )
    GatheringPage.objects.filter(pk=gathering.pk).update(exchange_category_id=category.pk)
    gathering.exchange_category_id = category.pk
    url = category.get_absolute_url()
    for member in selectors.participants(gathering):
        notify(
            recipient=member,
            kind="gathering.exchange",
            title=interpolate(
                gettext_lazy("The exchange continues: %(title)s"), {"title": gathering.title}
            ),
            url=url,
            actor=user,
        )
    return category


def exchange_topic_for(gathering, title: str):
    """The exchange space's topic with this title (a session's or a group's), if any."""
    if not gathering.exchange_category_id:
        return None
    from forums.models import Topic

    return Topic.objects.filter(category_id=gathering.exchange_category_id, title=title).first()


@transaction.atomic
def followups_send(*, now=None) -> int:
    """Remind each municipality group of a group-work session, 1, 3 and 6 months after the
    gathering, to report on its action plan (run daily from cron: `send_followups`)."""
    from .models import FollowUp

    now = now or timezone.now()
    sent = 0
    for months in (1, 3, 6):
        due_before = now - timezone.timedelta(days=30 * months)
        groups = (
            BreakoutGroup.objects.filter(
                session__kind="group-work",
                session__gathering__end__lte=due_before,
                session__gathering__end__gt=due_before - timezone.timedelta(days=30),
            )
            .exclude(followups__months=months)
            .select_related("session__gathering")
        )
        for group in groups:
            gathering = group.session.gathering
            topic = exchange_topic_for(gathering, f"{group.session.title}: {group.name}")
            url = topic.get_absolute_url() if topic else gathering.url
            for member in group.members.all():
                notify(
                    recipient=member,
                    kind="gathering.followup",
                    url=url,
                    title=interpolate(
                        gettext_lazy(
                            "%(months)s months since %(title)s: how is your action "
                            "plan going? Share a short report with your group."
                        ),
                        {"months": months, "title": gathering.title},
                    ),
                )
            FollowUp.objects.create(group=group, months=months)
            sent += 1
    return sent


# --- Retention ---------------------------------------------------------------------


def registrations_purge(*, now=None) -> int:
    """Delete the registrations of gatherings that ended more than the retention period
    ago (Settings → Retention periods), with their check-ins, pre-work and breakout
    groups' members. Confirmed registrations and check-ins are first added to
    `RegistrationTally` (per municipality of the member's first school, and attendance
    mode), so the organiser's statistics stay without personal rows. Waiting and
    cancelled ones leave no count. One transaction per gathering; safe to run again
    (deleted rows cannot be counted twice). Returns how many registrations it deleted."""
    from community.members.retention import periods

    cutoff = (now or timezone.now()) - timezone.timedelta(days=periods().registration_days)
    ended = GatheringPage.objects.filter(end__lt=cutoff)
    gathering_ids = set(
        Registration.objects.filter(gathering__in=ended).values_list("gathering_id", flat=True)
    ) | set(
        BreakoutMembership.objects.filter(session__gathering__in=ended).values_list(
            "session__gathering_id", flat=True
        )
    )
    deleted = 0
    for gathering_id in sorted(gathering_ids):
        deleted += _registrations_purge_one(gathering_id)
    return deleted


@transaction.atomic
def _registrations_purge_one(gathering_id: int) -> int:
    registrations = (
        Registration.objects.select_for_update()
        .filter(gathering_id=gathering_id)
        .prefetch_related("user__memberships__school")
    )
    tally = defaultdict(lambda: [0, 0])
    for registration in registrations:
        if registration.status != RegistrationStatus.CONFIRMED:
            continue
        membership = min(registration.user.memberships.all(), key=lambda m: m.pk, default=None)
        key = (membership.school.municipality_id if membership else None, registration.mode)
        tally[key][0] += 1
        tally[key][1] += 1 if registration.checked_in_at else 0
    for (municipality_id, mode), (registered, checked_in) in tally.items():
        row, _created = RegistrationTally.objects.get_or_create(
            gathering_id=gathering_id, municipality_id=municipality_id, mode=mode
        )
        row.registered += registered
        row.checked_in += checked_in
        row.save(update_fields=["registered", "checked_in"])
    BreakoutMembership.objects.filter(session__gathering_id=gathering_id).delete()
    _total, per_model = Registration.objects.filter(gathering_id=gathering_id).delete()
    return per_model.get("gatherings.Registration", 0)
