"""A course from a gathering: after it ends, an organiser turns the programme into a
draft course. One module per session (breaks left out) with one lesson holding the
description, the slides, the published chat transcript and the answered questions,
and a link to the session's topic in the exchange space. Participants who attended
a session are enrolled and that lesson is marked done for them.

Attended means: checked in on site, or wrote in the session's chat room (online).
Transcripts go in without names: a course reaches people who were not in the room,
and pupils may have taken part; the exchange topic keeps the named version for the
participants.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.gatherings import selectors as gathering_selectors
from community.gatherings.models import RegistrationStatus, SessionKind
from courses.audience import is_library_editor

from . import build, services
from .models import CoursePage, Enrolment, LessonProgress

MAX_TRANSCRIPT_LINES = 300


def _transcript(session) -> tuple[list[str], list[str]]:
    """The session room's messages and answered questions, if its transcript was
    published (the organisers' decision that it may be shared)."""
    from community.chat.models import Message, ModerationAction, Question, Room

    room = Room.objects.filter(session=session, kind="session").first()
    if room is None:
        return [], []
    if not ModerationAction.objects.filter(room=room, action="publish_transcript").exists():
        return [], []
    lines = list(
        Message.objects.filter(room=room, deleted_at=None)
        .order_by("seq")
        .values_list("text", flat=True)[:MAX_TRANSCRIPT_LINES]
    )
    answered = list(
        Question.objects.filter(room=room, hidden_at=None, answered_at__isnull=False)
        .order_by("-votes")
        .values_list("text", flat=True)
    )
    return lines, answered


def _attendees(gathering, session) -> set[int]:
    from community.chat.models import Message

    on_site = set(
        gathering.registrations.filter(
            status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=False
        ).values_list("user_id", flat=True)
    )
    confirmed = gathering.registrations.filter(status=RegistrationStatus.CONFIRMED)
    online = set(
        Message.objects.filter(
            room__session=session,
            author_id__in=confirmed.values("user_id"),
        ).values_list("author_id", flat=True)
    )
    return on_site | online


def _lesson_body(gathering, session) -> list[dict]:
    body = []
    if session.description:
        body.append(build.paragraph(f"<p>{escape(session.description)}</p>"))
    if session.speaker_list:
        speakers = ", ".join(escape(s) for s in session.speaker_list)
        body.append(build.paragraph(f"<p>{escape(_('Speakers'))}: {speakers}</p>"))
    if session.slides_id:
        body.append(build.document(session.slides_id, _("Slides"), kind="other"))
    lines, answered = _transcript(session)
    if lines:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        heading = escape(_("From the chat (without names)"))
        body.append(build.paragraph(f"<h2>{heading}</h2><ul>{items}</ul>"))
    if answered:
        items = "".join(f"<li>{escape(q)}</li>" for q in answered)
        heading = escape(_("Questions answered in the session"))
        body.append(build.paragraph(f"<h2>{heading}</h2><ul>{items}</ul>"))
    if not body:
        body.append(build.paragraph(f"<p>{escape(session.title)}</p>"))
    return body


@transaction.atomic
def course_from_gathering(*, gathering, user) -> CoursePage:
    """Make the draft course; enrol the participants and mark what they attended."""
    from community.gatherings.services import exchange_topic_for

    if not (gathering_selectors.is_organiser(user, gathering) or is_library_editor(user)):
        raise PermissionDenied(_("Only the gathering's organisers make a course from it."))
    if gathering.end > timezone.now():
        raise ValidationError(_("A course can be made once the gathering has ended."))
    if CoursePage.objects.filter(source_gathering=gathering).exists():
        raise ValidationError(_("A course has already been made from this gathering."))
    sessions = list(
        gathering.sessions.exclude(kind=SessionKind.BREAK)
        .select_related("slides")
        .order_by("start", "sort_order")
    )
    if not sessions:
        raise ValidationError(_("The gathering has no sessions to make lessons of."))
    modules = []
    for session in sessions:
        topic = exchange_topic_for(gathering, session.title)
        lesson = {
            "title": session.title,
            "slug": slugify(session.title)[:50] or "okt",
            "summary": (session.description or "")[:300],
            "body": _lesson_body(gathering, session),
            "minutes": max(5, int((session.end - session.start).total_seconds() // 60)),
            "exchange_topic": topic,
            "source_session": session,
        }
        modules.append((session.title, [lesson]))
    hours = sum((s.end - s.start).total_seconds() for s in sessions) / 3600
    base_slug = slugify(gathering.title)[:40] or "samling"
    slug, n = base_slug, 1
    index = build.course_index()
    while index.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base_slug}-{n}"
    course = build.course_create(
        title=gathering.title,
        slug=slug,
        summary=(gathering.summary or gathering.title)[:300],
        audience="teachers",
        author_name=gathering.organiser_name or user.display_name,
        issuer_name=gathering.organiser_name,
        estimated_hours=round(hours, 1),
        learning_goals="",
        source_gathering=gathering,
        owner=user,
        modules=modules,
        publish=False,
    )
    course.teachers.set(list(gathering.organisers.all()))
    course.save()
    course.save_revision(user=user)
    _mark_attended(course, gathering, sessions)
    services.course_summaries_refresh(course=course)
    return course


def _mark_attended(course, gathering, sessions) -> None:
    from .models import LessonPage

    lessons = {
        lesson.source_session_id: lesson
        for lesson in LessonPage.objects.descendant_of(course).filter(source_session__in=sessions)
    }
    now = timezone.now()
    enrolments: dict[int, Enrolment] = {}
    for session in sessions:
        lesson = lessons.get(session.pk)
        if lesson is None:
            continue
        for member_id in _attendees(gathering, session):
            enrolment = enrolments.get(member_id)
            if enrolment is None:
                enrolment, _created = Enrolment.objects.get_or_create(
                    member_id=member_id, course=course
                )
                enrolments[member_id] = enrolment
            LessonProgress.objects.update_or_create(
                member_id=member_id,
                lesson=lesson,
                defaults={"enrolment": enrolment, "marked_done": True, "done_at": now},
            )
