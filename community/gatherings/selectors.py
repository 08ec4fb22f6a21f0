from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from community import l10n
from community.members.models import User
from community.members.roles import SiteRole, has_site_role
from community.schools.models import County

from .audience import refusal
from .models import (
    BreakoutGroup,
    Format,
    GatheringPage,
    Kind,
    Registration,
    RegistrationStatus,
    RegistrationTally,
    Session,
)


def registration_for(user, gathering) -> Registration | None:
    """The member's registration, whatever its status (None for visitors)."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_registrations", {})
    if gathering.pk not in cache:
        cache[gathering.pk] = Registration.objects.filter(gathering=gathering, user=user).first()
        user._registrations = cache
    return cache[gathering.pk]


def is_participant(user, gathering) -> bool:
    registration = registration_for(user, gathering)
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def is_organiser(user, gathering) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_site_role(user, SiteRole.ORGANISER) and (
        gathering.organisers.filter(pk=user.pk).exists()
    )


def breakout_group_for(user, session) -> BreakoutGroup | None:
    if session is None or not user.is_authenticated:
        return None
    return BreakoutGroup.objects.filter(session=session, members=user).first()


def participants(gathering):
    """Members with a confirmed registration."""
    return User.objects.filter(
        gathering_registrations__gathering=gathering,
        gathering_registrations__status=RegistrationStatus.CONFIRMED,
    )


def counts(gathering) -> dict:
    """Confirmed and waiting per attendance mode."""
    rows = (
        Registration.objects.filter(gathering=gathering)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values("mode", "status")
        .annotate(n=Count("id"))
    )
    result = {mode: {"confirmed": 0, "waiting": 0} for mode in gathering.modes}
    for row in rows:
        result.setdefault(row["mode"], {"confirmed": 0, "waiting": 0})[row["status"]] = row["n"]
    for mode, numbers in result.items():
        capacity = gathering.capacity(mode)
        numbers["capacity"] = capacity
        numbers["free"] = None if capacity is None else max(0, capacity - numbers["confirmed"])
    return result


def tallies(gathering) -> list:
    """Counts kept after the registrations were deleted (retention)."""
    return list(
        RegistrationTally.objects.filter(gathering=gathering).select_related("municipality")
    )


def gathering_listing(params) -> dict:
    """Upcoming and past gatherings with filters by county, format and kind."""
    now = timezone.now()
    pages = l10n.originals(GatheringPage.objects.live()).select_related("county")
    county = params.get("county", "")
    if county == "national":
        pages = pages.filter(county__isnull=True)
    elif county:
        pages = pages.filter(county__slug=county)
    if params.get("format") in Format.values:
        pages = pages.filter(format=params["format"])
    if params.get("kind") in Kind.values:
        pages = pages.filter(kind=params["kind"])
    show_past = params.get("when") == "past"
    if show_past:
        pages = pages.filter(end__lt=now).order_by("-start")
    else:
        pages = pages.filter(end__gte=now).order_by("start")
    page = Paginator(pages, 20).get_page(params.get("page"))
    page.object_list = l10n.localize(page.object_list)
    query = params.copy()
    query.pop("page", None)
    return {
        "gatherings": page,
        "show_past": show_past,
        "counties": County.objects.all(),
        "formats": Format.choices,
        "kinds": Kind.choices,
        "filters": {
            "county": county,
            "format": params.get("format", ""),
            "kind": params.get("kind", ""),
            "when": params.get("when", ""),
        },
        "querystring": query.urlencode(),
    }


def gathering_detail(gathering, user) -> dict:
    sessions = list(
        Session.objects.filter(gathering=gathering)
        .select_related("slides")
        .prefetch_related(
            Prefetch("breakout_groups", queryset=BreakoutGroup.objects.order_by("name"))
        )
        .order_by("start", "sort_order")
    )
    registration = registration_for(user, gathering)
    organiser = is_organiser(user, gathering)
    confirmed = registration is not None and registration.status == RegistrationStatus.CONFIRMED
    my_groups = {}
    if user.is_authenticated:
        my_groups = {
            g.session_id: g
            for g in BreakoutGroup.objects.filter(session__gathering=gathering, members=user)
        }
    now = timezone.now()
    chat_rooms = []
    from django.apps import apps

    if apps.is_installed("community.chat") and user.is_authenticated:
        from community.chat.selectors import rooms_for_gathering

        chat_rooms = [
            (room, access, room.is_open(now))
            for room, access in rooms_for_gathering(user, gathering)
        ]
    exchange_url = ""
    if gathering.exchange_category_id and apps.is_installed("forums"):
        from forums.models import Category

        category = Category.objects.filter(pk=gathering.exchange_category_id).first()
        exchange_url = category.get_absolute_url() if category else ""
    return {
        "chat_rooms": chat_rooms,
        "exchange_url": exchange_url,
        "sessions": sessions,
        "registration": registration,
        "is_organiser": organiser,
        "counts": counts(gathering),
        "registration_state": gathering.registration_state(),
        # The audience is checked again: a registration made before the organisers
        # narrowed it (or before a consent was withdrawn) does not carry the link.
        "show_stream": bool(gathering.stream_url)
        and (
            organiser
            or (confirmed and registration.mode == "online" and not refusal(user, gathering))
        ),
        "registration_refusal": "" if organiser else refusal(user, gathering),
        "my_groups": my_groups,
        "now": now,
        "days": _days(sessions, gathering.zone),
    }


def _days(sessions, zone) -> list[dict]:
    """The programme grouped by local day, for the timetable."""
    days: list[dict] = []
    for session in sessions:
        day = timezone.localtime(session.start, zone).date()
        if not days or days[-1]["date"] != day:
            days.append({"date": day, "sessions": []})
        days[-1]["sessions"].append(session)
    return days


def my_registrations(user):
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("gathering")
        .order_by("gathering__start")
    )


def upcoming(limit: int = 4):
    return l10n.localize(
        l10n.originals(GatheringPage.objects.live())
        .filter(end__gte=timezone.now())
        .select_related("county")
        .order_by("start")[:limit]
    )


def participant_list(gathering, params):
    registrations = (
        Registration.objects.filter(gathering=gathering)
        .select_related("user")
        .prefetch_related("user__memberships__school__municipality")
        .order_by("status", "mode", "user__display_name")
    )
    if params.get("mode") in ("on-site", "online"):
        registrations = registrations.filter(mode=params["mode"])
    if params.get("status") in RegistrationStatus.values:
        registrations = registrations.filter(status=params["status"])
    query = (params.get("q") or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    if query:
        registrations = registrations.filter(
            Q(user__display_name__icontains=query) | Q(user__email__icontains=query)
        )
    return registrations


def registrations_chart(gathering):
    """Confirmed registrations per municipality (from the member's schools) and mode,
    as a stacked bar chart: one grouped query, whatever the number of registrations.
    A member of schools in two municipalities counts in each; one without a school
    counts under "No school"."""
    from django.utils.translation import gettext as _

    from community import charts

    from .models import Mode

    rows = (
        Registration.objects.filter(gathering=gathering, status=RegistrationStatus.CONFIRMED)
        .values("mode", "user__memberships__school__municipality__name")
        .annotate(n=Count("user", distinct=True))
    )
    modes = list(gathering.modes)
    per_place: dict[str, list[int]] = {}
    for row in rows:
        if row["mode"] not in modes:  # the format changed after people registered
            modes.append(row["mode"])
        place = row["user__memberships__school__municipality__name"] or _("No school")
        numbers = per_place.setdefault(place, [0] * len(Mode.values))
        numbers[modes.index(row["mode"])] += row["n"]
    ordered = sorted(per_place.items(), key=lambda item: (-sum(item[1]), item[0]))
    return charts.stacked_bars(
        [(place, numbers[: len(modes)]) for place, numbers in ordered],
        series=[str(Mode(mode).label) for mode in modes],
        chart_id="registrations-chart",
        caption=_("Confirmed registrations per municipality and attendance mode"),
        label_header=_("Municipality"),
    )
