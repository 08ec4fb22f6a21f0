"""Reads for the practice room; every query count here is fixed whatever the number of
takes (pinned in tests/courses/practice)."""

import datetime
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community import charts
from community.schools.models import MembershipRole, School, SchoolMembership
from courses.audience import Audience

from . import access
from .models import Assignment, PracticeLogEntry, Take, TakeStatus

CHART_WEEKS = 12
# The inbox is worked oldest first: the page shows this many, the counts show the rest.
INBOX_ROWS = 50


def take_for_media_path(name: str) -> Take | None:
    return Take.objects.filter(file=name).select_related("assignment").first()


def reference_audio():
    """Library audio a pupil may play: documents in the live content of live resources
    open to visitors or members (the library's own file rule lets pupils fetch them)."""
    from wagtail.documents import get_document_model

    from courses.models import FileUse

    used = FileUse.objects.filter(
        kind=FileUse.Kind.DOCUMENT,
        live=True,
        page__live=True,
        page__resourcepage__audience__in=[Audience.PUBLIC, Audience.MEMBERS],
    ).values("object_id")
    return (
        get_document_model()
        .objects.filter(pk__in=used, file__iregex=r"\.(mp3|ogg|wav|m4a)$")
        .order_by("title")
    )


def pupils_of(user):
    """The pupils of the schools where the user teaches (for choosing whom to assign)."""
    return (
        SchoolMembership.objects.filter(
            role=MembershipRole.PUPIL, school_id__in=access.teaching_school_ids(user)
        )
        .select_related("user", "school")
        .order_by("school__name", "user__display_name")
    )


def home(user) -> dict:
    teaching = access.teaching_school_ids(user)
    mine = (
        Assignment.objects.filter(pupils=user)
        .select_related("teacher", "lesson")
        .annotate(
            my_takes=Count("takes", filter=Q(takes__pupil=user)),
            approved=Count("takes", filter=Q(takes__pupil=user, takes__status=TakeStatus.APPROVED)),
        )
        .order_by("due_on", "-created_at")
    )
    given = (
        Assignment.objects.filter(school_id__in=teaching)
        .select_related("lesson")
        .annotate(
            pupil_count=Count("pupils", distinct=True),
            waiting=Count("takes", filter=Q(takes__status=TakeStatus.WAITING), distinct=True),
        )
        .order_by("-created_at")[:50]
        if teaching
        else []
    )
    return {"mine": list(mine), "given": list(given), "teaches": bool(teaching)}


def assignment_detail(user, assignment) -> dict:
    takes = Take.objects.filter(assignment=assignment).select_related("pupil")
    staff = assignment.school_id in access.staff_school_ids(user)
    if not staff:
        takes = takes.filter(pupil=user)
    return {
        "assignment": assignment,
        "takes": list(takes.order_by("pupil__display_name", "-created_at")),
        "pupils": list(assignment.pupils.order_by("display_name")) if staff else [],
        "staff": staff,
    }


def take_detail(user, take) -> dict:
    others = list(
        Take.objects.filter(assignment_id=take.assignment_id, pupil_id=take.pupil_id)
        .exclude(pk=take.pk)
        .order_by("created_at")
    )
    return {
        "take": take,
        "comments": list(take.comments.select_related("author")),
        "others": others,
        "reviews": access.reviews(user, take),
        "is_pupil": take.pupil_id == user.pk,
    }


def inbox(user) -> dict:
    """Takes waiting for feedback at the schools where the user teaches, oldest first,
    and for leaders the counts of their schools."""
    teaching = access.teaching_school_ids(user)
    waiting = list(
        Take.objects.filter(school_id__in=teaching, status=TakeStatus.WAITING)
        .select_related("pupil", "assignment", "school")
        .order_by("handed_in_at", "pk")[:INBOX_ROWS]
    )
    counts = Take.objects.filter(school_id__in=teaching).aggregate(
        waiting=Count("pk", filter=Q(status=TakeStatus.WAITING)),
        again=Count("pk", filter=Q(status=TakeStatus.AGAIN)),
        approved=Count("pk", filter=Q(status=TakeStatus.APPROVED)),
        pupils=Count("pupil", filter=Q(status=TakeStatus.WAITING), distinct=True),
    )
    led = access.led_school_ids(user)
    schools = list(
        School.objects.filter(pk__in=led)
        .annotate(
            waiting=Count("practice_takes", filter=Q(practice_takes__status=TakeStatus.WAITING)),
            approved=Count("practice_takes", filter=Q(practice_takes__status=TakeStatus.APPROVED)),
            takes=Count("practice_takes"),
        )
        .select_related("practice_policy")
        .order_by("name")
    )
    return {"waiting": waiting, "counts": counts, "schools": schools, "teaches": bool(teaching)}


def _week_start(day: datetime.date) -> datetime.date:
    return day - timedelta(days=day.weekday())


def practice_log(pupil, *, today=None) -> dict:
    """The pupil's recent entries and minutes per week (the last CHART_WEEKS weeks)."""
    today = today or timezone.localdate()
    first = _week_start(today) - timedelta(weeks=CHART_WEEKS - 1)
    entries = list(
        PracticeLogEntry.objects.filter(pupil=pupil)
        .select_related("take", "take__assignment")
        .order_by("-practised_on", "-pk")[:50]
    )
    per_day = dict(
        PracticeLogEntry.objects.filter(pupil=pupil, practised_on__gte=first)
        .values_list("practised_on")
        .annotate(total=Sum("minutes"))
        .values_list("practised_on", "total")
    )
    takes_per_day = dict(
        Take.objects.filter(pupil=pupil, created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    weeks = []
    for index in range(CHART_WEEKS):
        start = first + timedelta(weeks=index)
        days = [start + timedelta(days=d) for d in range(7)]
        weeks.append(
            {
                "start": start,
                "minutes": sum(per_day.get(day, 0) for day in days),
                "takes": sum(takes_per_day.get(day, 0) for day in days),
            }
        )
    return {"entries": entries, "weeks": weeks, "chart": week_chart(weeks)}


def week_chart(weeks: list[dict]):
    """Minutes per week as columns; the takes per week join them in the table."""
    return charts.columns(
        [(date_format(week["start"], "j.n"), week["minutes"]) for week in weeks],
        long_labels=[
            _("Week from %(day)s") % {"day": date_format(week["start"], "DATE_FORMAT")}
            for week in weeks
        ],
        extra=[(_("Takes"), [week["takes"] for week in weeks])],
        chart_id="practice-chart",
        caption=_("Minutes practised per week, the last twelve weeks"),
        label_header=_("Week"),
        value_header=_("Minutes"),
    )
