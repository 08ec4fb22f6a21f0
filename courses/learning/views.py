"""Thin views for learning: parse, call one service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.schools.models import MembershipRole, SchoolMembership
from courses.audience import is_library_editor

from . import access, credentials, selectors, services
from .models import Cohort, CourseAudience


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("That is not allowed.")


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def lesson_access(request, lesson):
    """None when the user may read the lesson; else the response to send."""
    course = selectors.course_of_lesson(lesson)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not course.live and not (
        is_library_editor(request.user) or access.teaches(request.user, course)
    ):
        raise Http404
    enrolment = selectors.enrolment_of(request.user, course)
    lesson._enrolment = enrolment
    if selectors.may_read_lesson(request.user, course, enrolment):
        if enrolment is not None:
            services.lesson_visit(enrolment=enrolment, lesson=lesson)
        return None
    if access.audience_includes(course, request.user):
        messages.info(request, _("Enrol in the course to open its lessons."))
        return redirect(course.url)
    raise PermissionDenied(access.why_not_enrol(course, request.user))


def enrol(request, course):
    refused = _post_only(request)
    if refused:
        return refused
    cohort = None
    raw = request.POST.get("cohort", "")
    if raw:
        cohort = None
        if raw.isdigit() and len(raw) < 12:
            cohort = Cohort.objects.filter(course=course, pk=int(raw)).first()
        if cohort is None:
            messages.error(request, _("Choose one of the course's cohorts."))
            return redirect(course.url)
    try:
        services.enrolment_create(course=course, member=request.user, cohort=cohort)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _message(error))
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Welcome!"))
    return redirect(course.url + "continue/")


def enrol_members(request, course):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    schools = access.led_school_ids(request.user)
    if not schools:
        raise PermissionDenied(_("Only school leaders enrol others."))
    roles = {
        CourseAudience.TEACHERS: [MembershipRole.TEACHER, MembershipRole.LEADER],
        CourseAudience.PUPILS: [MembershipRole.PUPIL],
        CourseAudience.BOTH: list(MembershipRole.values),
    }[course.audience]
    memberships = (
        SchoolMembership.objects.filter(school_id__in=schools, role__in=roles)
        .select_related("user", "school")
        .order_by("role", "user__display_name")
    )
    enrolled = set(course.enrolments.values_list("member_id", flat=True))
    cohorts = [c for c in course.cohorts.all() if c.is_open()]
    if request.method == "POST":
        raw = request.POST.getlist("member")
        try:
            if any(not value.isdigit() or len(value) > 11 for value in raw):
                raise ValueError(raw)
            member_ids = [int(value) for value in raw]
            cohort = None
            if request.POST.get("cohort"):
                cohort = next(c for c in cohorts if str(c.pk) == request.POST["cohort"])
            if not member_ids:
                raise ValidationError(_("Choose at least one member."))
            new = services.enrolments_create_for_school(
                course=course, leader=request.user, member_ids=member_ids, cohort=cohort
            )
        except (ValueError, StopIteration):
            messages.error(request, _("Choose members and a cohort from the lists."))
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, _("%(n)s members enrolled.") % {"n": new})
            return redirect(course.url + "members/")
    return render(
        request,
        "courses/enrol_members.html",
        {
            "page": course,
            "memberships": memberships,
            "enrolled": enrolled,
            "cohorts": cohorts,
            "chosen": set(request.POST.getlist("member")) if request.method == "POST" else set(),
        },
    )


def teach(request, course):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (access.teaches(request.user, course) or access.led_school_ids(request.user)):
        raise PermissionDenied(_("This is for the course's teachers and school leaders."))
    context = selectors.teacher_view(request.user, course, request.GET)
    _audit_progress(request.user, course, context["learners"])
    return render(request, "courses/course_teach.html", {"page": course, **context})


def _audit_progress(user, course, enrolments) -> None:
    """Seeing others' progress is audited: one entry, and one per school whose members
    the page showed (their leaders see it)."""
    from community.audit.models import AuditAction
    from community.audit.services import audit_record_per_school
    from community.schools.models import SchoolMembership

    member_ids = [enrolment.member_id for enrolment in enrolments if enrolment.member_id != user.pk]
    if not member_ids:
        return
    audit_record_per_school(
        action=AuditAction.PROGRESS_VIEWED,
        actor=user,
        school_ids=SchoolMembership.objects.filter(user_id__in=member_ids).values_list(
            "school_id", flat=True
        ),
        detail=f"{course.title} (course {course.pk}, {len(member_ids)})",
    )


def resume(request, course):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment is None:
        return redirect(course.url)
    lesson = enrolment.last_lesson
    if lesson is not None and lesson.live:
        return redirect(lesson.url + "?resume=1")
    parts = selectors.outline(course)
    for part in parts:
        if part["lessons"]:
            return redirect(part["lessons"][0].url)
    return redirect(course.url)


def check(request, lesson, block_id: str):
    refused = _post_only(request)
    if refused:
        return refused
    block_id = block_id[:64]
    try:
        services.attempt_submit(
            member=request.user, lesson=lesson, block_id=block_id, data=request.POST
        )
    except PermissionDenied as error:
        messages.error(request, _message(error))
        return redirect(selectors.course_of_lesson(lesson).url)
    except ValidationError as error:
        # Shown beside the question, keeping what was typed.
        context = selectors.lesson_detail(
            request.user, lesson, typed=request.POST, errors={block_id: _message(error)}
        )
        response = lesson.render(request, context_overrides=context)
        response.status_code = 400
        return response
    return redirect(f"{lesson.url}#check-{block_id}-result")


def done(request, lesson):
    refused = _post_only(request)
    if refused:
        return refused
    try:
        services.lesson_done(member=request.user, lesson=lesson)
    except PermissionDenied as error:
        messages.error(request, _message(error))
        return redirect(selectors.course_of_lesson(lesson).url)
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(lesson.url)
    course = selectors.course_of_lesson(lesson)
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment and enrolment.completed_at:
        messages.success(request, _("You have completed the course. Well done!"))
        return redirect(course.url)
    context = selectors.lesson_detail(request.user, lesson)
    following = context["next_lesson"]
    messages.success(request, _("Lesson done."))
    return redirect(following.url if following else course.url)


def position(request, lesson):
    refused = _post_only(request)
    if refused:
        return refused
    course = selectors.course_of_lesson(lesson)
    enrolment = selectors.enrolment_of(request.user, course)
    if enrolment is None:
        return HttpResponse(status=204)
    try:
        value = int(request.POST.get("y", "0"))
    except ValueError:
        return HttpResponse(_("A whole number is expected."), status=400)
    services.lesson_visit(enrolment=enrolment, lesson=lesson, position=value)
    return HttpResponse(status=204)


def regrade(request, lesson):
    refused = _post_only(request)
    if refused:
        return refused
    course = selectors.course_of_lesson(lesson)
    try:
        log = services.lesson_regrade(lesson=lesson, editor=request.user)
    except PermissionDenied as error:
        raise PermissionDenied(_message(error)) from error
    messages.success(
        request,
        _(
            "Regraded: %(attempts)s answers changed, %(gained)s completed, %(lost)s no longer complete."
        )
        % {
            "attempts": log.attempts_changed,
            "gained": log.completions_gained,
            "lost": log.completions_lost,
        },
    )
    return redirect(course.url + "teach/")


@login_required
def my_courses(request):
    return render(request, "courses/my_courses.html", selectors.my_courses(request.user))


def completion(request, token: str):
    record = selectors.completion_by_token(token[:64])
    if record is None:
        raise Http404
    return render(
        request,
        "courses/completion.html",
        {
            "completion": record,
            "may_revoke": is_library_editor(request.user) and not record.revoked_at,
        },
    )


def credential(request, token: str):
    record = selectors.completion_by_token(token[:64])
    if record is None or record.revoked_at:
        raise Http404
    response = HttpResponse(credentials.credential_for(record), content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="samspill-{record.pk}.jwt"'
    return response


def status_list(request):
    return HttpResponse(credentials.status_list_jwt(), content_type="application/vc+jwt")


def issuer_key(request):
    return HttpResponse(credentials.public_pem(), content_type="application/x-pem-file")


@require_POST
def completion_revoke(request, token: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    record = selectors.completion_by_token(token[:64])
    if record is None:
        raise Http404
    try:
        services.completion_revoke(
            completion=record, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, _message(error))
    else:
        messages.success(request, _("The completion is revoked."))
    return redirect("courses:completion", token=record.token)


@require_POST
def from_gathering(request, gathering_id: int):
    from community.gatherings.models import GatheringPage

    from .gathering import course_from_gathering

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    gathering = GatheringPage.objects.filter(pk=gathering_id).first()
    if gathering is None:
        raise Http404
    try:
        course = course_from_gathering(gathering=gathering, user=request.user)
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(gathering.url)
    messages.success(
        request,
        _("The draft course is ready. Edit it, then send it to the editors for publishing."),
    )
    return redirect("wagtailadmin_pages:edit", course.pk)
