from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from community.gatherings import selectors as gathering_selectors
from community.gatherings.audience import standing
from community.schools.models import MembershipRole

from . import events
from .access import room_access
from .models import Message, Poll, PollVote, Presence, Question, Room

RESUME_LIMIT = 1000


def room_by_id(room_id: int) -> Room | None:
    return (
        Room.objects.select_related("gathering", "session", "breakout_group")
        .filter(pk=room_id)
        .first()
    )


def access_room(user, room_id: int) -> tuple[Room, object]:
    """The room and the user's access, or 404 / 403 with a clear reason."""
    room = room_by_id(room_id)
    if room is None:
        raise Http404(_("This chat room does not exist."))
    access = room_access(user, room)
    if access.denied:
        raise PermissionDenied(
            _("Only registered participants of the gathering can enter its chat rooms.")
        )
    return room, access


def messages_since(room: Room, seq: int, limit: int = RESUME_LIMIT) -> list[Message]:
    """What a client that last saw `seq` missed, in order."""
    messages = list(
        Message.objects.filter(room=room, seq__gt=seq)
        .select_related("author", "reply_to")
        .order_by("seq")[:limit]
    )
    _attach_reaction_counts(messages)
    return messages


def recent_messages(room: Room, count: int = 100) -> list[Message]:
    messages = list(
        Message.objects.filter(room=room)
        .select_related("author", "reply_to")
        .order_by("-seq")[:count]
    )
    messages.reverse()
    _attach_reaction_counts(messages)
    return messages


def _attach_reaction_counts(messages: list[Message]) -> None:
    from .models import Reaction

    counts: dict[int, dict[str, int]] = {m.pk: {} for m in messages}
    rows = (
        Reaction.objects.filter(message_id__in=counts)
        .values_list("message_id", "emoji")
        .annotate(n=Count("id"))
    )
    for message_id, emoji, n in rows:
        counts[message_id][emoji] = n
    for message in messages:
        message.reaction_counts = counts[message.pk]


def rooms_for_gathering(user, gathering) -> list[tuple[Room, object]]:
    rooms = sorted(
        Room.objects.filter(gathering=gathering).select_related(
            "gathering", "session", "breakout_group"
        ),
        # The lobby first, then the programme in order, each group after its session.
        key=lambda r: (r.kind != "lobby", r.opens_at, r.kind == "group", r.title),
    )
    result = []
    # Once for the page, not once per room.
    member_standing = standing(user) if user.is_authenticated else None
    for room in rooms:
        access = room_access(user, room, member_standing=member_standing)
        if not access.denied:
            result.append((room, access))
    return result


def room_has_pupils(room: Room) -> bool:
    return (
        gathering_selectors.participants(room.gathering)
        .filter(memberships__role=MembershipRole.PUPIL)
        .exists()
    )


def presence_cutoff():
    """Rows not renewed since then belong to sockets that are gone."""
    return timezone.now() - timedelta(seconds=settings.SAMSPILL_CHAT_PRESENCE_EXPIRY_SECONDS)


def live_presence():
    return Presence.objects.filter(last_seen__gte=presence_cutoff())


def moderator_present(room: Room) -> bool:
    return live_presence().filter(room=room, mode="organiser").exists()


def message_by_client_id(room: Room, user, client_id: str) -> Message | None:
    if not client_id:
        return None
    return Message.objects.filter(room=room, author=user, client_id=client_id).first()


def mentionable_members(room: Room, names: set[str]):
    """Named members who can read this room: in a breakout group's room only the group
    and the organisers, never the rest of the gathering."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .access import room_access

    gathering = room.gathering
    candidates = (
        get_user_model()
        .objects.filter(display_name__in=names, is_active=True)
        .filter(
            Q(pk__in=gathering_selectors.participants(gathering).values("pk"))
            | Q(pk__in=gathering.organisers.values("pk"))
        )
        .distinct()[:10]
    )
    return [member for member in candidates if room_access(member, room).can_read]


def public_questions(room: Room) -> list[dict]:
    """Q&A as participants see it: anonymous askers stay anonymous."""
    return [
        {
            "id": q.pk,
            "text": q.text,
            "votes": q.votes,
            "author": "" if q.anonymous or q.author is None else q.author.display_name,
            "answered": q.answered_at is not None,
            "pinned": q.pinned,
        }
        for q in Question.objects.filter(room=room, hidden_at=None).select_related("author")
    ]


def moderator_questions(room: Room) -> list[dict]:
    """For moderators the asker is always named, even when anonymous to others."""
    return [
        {**q, "asked_by": asker}
        for q, asker in zip(
            public_questions(room),
            Question.objects.filter(room=room, hidden_at=None)
            .select_related("author")
            .values_list("author__display_name", flat=True),
            strict=True,
        )
    ]


def poll_state(poll: Poll) -> events.PollState:
    options = [{"id": o.pk, "label": o.label, "votes": o.votes} for o in poll.options.all()]
    return events.PollState(
        id=poll.pk,
        question=poll.question,
        options=options,
        closed=poll.closed_at is not None,
        total=sum(o["votes"] for o in options),
    )


def open_polls(room: Room) -> list[events.PollState]:
    return [poll_state(p) for p in Poll.objects.filter(room=room).prefetch_related("options")[:3]]


def poll_votes_of(room: Room, user) -> dict[int, int]:
    """The member's own vote per poll of the room ({poll id: option id})."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(
        PollVote.objects.filter(poll__room=room, user=user).values_list("poll_id", "option_id")
    )


def polls_for_viewer(room: Room, user=None) -> list[dict]:
    """The room's polls as the page draws them: each option's share in whole per
    cent and, for a member who voted, which option is theirs."""
    mine = poll_votes_of(room, user) if user is not None else {}
    polls = []
    for state in open_polls(room):
        chosen = mine.get(state.id)
        options = [
            {
                **o,
                "percent": round(100 * o["votes"] / state.total) if state.total else 0,
                "mine": o["id"] == chosen,
            }
            for o in state.options
        ]
        polls.append(
            {
                "id": state.id,
                "question": state.question,
                "closed": state.closed,
                "total": state.total,
                "options": options,
                "voted": chosen is not None,
            }
        )
    return polls


def presence_state(room: Room, *, full: bool = False) -> events.Presence:
    """Who is in the room now: everybody in a small room; in a room with more than
    `SAMSPILL_CHAT_PRESENCE_CAP` people, the counts and the first
    `SAMSPILL_CHAT_PRESENCE_NAMES` names (organisers first, then by name), unless
    `full`. A 1,000-name list sent to 1,000 sockets every second of a burst of joins
    was where the machine spent its time; the full list is asked for by one socket.
    """
    live = live_presence().filter(room=room)
    counts = dict(
        live.values_list("mode").annotate(n=Count("user", distinct=True)).order_by("mode")
    )
    total = sum(counts.values())
    capped = not full and total > settings.SAMSPILL_CHAT_PRESENCE_CAP
    rows = live.annotate(
        # Organisers first: they are whom a newcomer looks for.
        rank=Case(When(mode="organiser", then=Value(0)), default=Value(1))
    ).values_list("mode", "user__display_name", "rank")
    rows = rows.distinct().order_by("rank", "user__display_name", "mode")
    if capped:
        rows = rows[: settings.SAMSPILL_CHAT_PRESENCE_NAMES]
    lists: dict[str, list] = {"on-site": [], "online": [], "organiser": []}
    for mode, name, _rank in rows:
        bucket = lists.get(mode, lists["online"])
        if name not in bucket:
            bucket.append(name)
    if not capped:
        # A small room counts what it lists, as it always has.
        counts = {mode: len(names) for mode, names in lists.items()}
        total = sum(counts.values())
    return events.Presence(
        on_site=lists["on-site"],
        online=lists["online"],
        organisers=lists["organiser"],
        count=total,
        on_site_count=counts.get("on-site", 0),
        # A mode presence does not know is listed as online (above), and counted so.
        online_count=total - counts.get("on-site", 0) - counts.get("organiser", 0),
        organiser_count=counts.get("organiser", 0),
        capped=capped,
    )


def presence_full(room: Room) -> events.PresenceFull:
    """Everybody here, for the one socket that pressed "Show everyone"."""
    return events.PresenceFull(**asdict(presence_state(room, full=True)))


def sockets_of(user) -> int:
    return live_presence().filter(user=user).count()
