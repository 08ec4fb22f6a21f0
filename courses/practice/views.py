"""Thin views: parse, call one service or selector, render. The audio itself is served
by the one checked media view (courses/files/views.py), with range requests."""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.audit.models import AuditAction
from community.audit.services import audit_record

from . import access, selectors, services
from .forms import AssignmentForm, CommentForm, LogForm, PolicyForm, TakeUploadForm

# The recorder plays the new take back from a blob: URL before it is uploaded; only the
# pages with the recorder allow that.
RECORDER_CSP = csp_update({"media-src": ["blob:"]})


def _message_of(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@login_required
def home(request):
    context = selectors.home(request.user)
    lesson = request.GET.get("lesson", "")
    context["lesson_id"] = int(lesson) if lesson.isdigit() else None
    return render(request, "courses/practice/home.html", context)


@login_required
def assignment_new(request):
    if not access.teaching_school_ids(request.user):
        raise PermissionDenied(_("Only teachers give recording assignments."))
    lesson = None
    lesson_id = request.GET.get("lesson") or request.POST.get("lesson")
    if lesson_id and str(lesson_id).isdigit():
        from courses.learning.models import LessonPage

        lesson = LessonPage.objects.filter(pk=int(lesson_id)).first()
    form = AssignmentForm(request.POST or None, teacher=request.user)
    if request.method == "POST" and form.is_valid():
        memberships = form.cleaned_data["pupils"]
        try:
            assignment = services.assignment_create(
                teacher=request.user,
                school_id=memberships[0].school_id,
                pupils=[m.user for m in memberships],
                lesson=lesson,
                **{
                    k: form.cleaned_data[k]
                    for k in ("title", "instructions", "tempo", "reference", "due_on")
                },
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _message_of(error))
        else:
            messages.success(request, _("The assignment is given."))
            return redirect("practice:assignment", assignment.pk)
    return render(
        request,
        "courses/practice/assignment_form.html",
        {"form": form, "lesson": lesson},
        status=400 if form.errors else 200,
    )


def _assignment_page(request, assignment, upload_form=None, status=200):
    context = selectors.assignment_detail(request.user, assignment)
    context["cannot_record"] = (
        "" if context["staff"] else access.why_cannot_record(request.user, assignment)
    )
    context["upload_form"] = upload_form or TakeUploadForm()
    return render(request, "courses/practice/assignment.html", context, status=status)


@login_required
@RECORDER_CSP
def assignment(request, pk: int):
    return _assignment_page(request, access.assignment_for(request.user, pk))


@login_required
@require_POST
@RECORDER_CSP
def take_upload(request, pk: int):
    """A recorded take (sent by the recorder script) or an uploaded file."""
    assignment = access.assignment_for(request.user, pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = TakeUploadForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            take = services.take_create(
                pupil=request.user, assignment=assignment, upload=form.cleaned_data["file"]
            )
        except (ValidationError, PermissionDenied) as exc:
            error = _message_of(exc)
            form.add_error(None, error)
        else:
            url = reverse("practice:take", args=[take.pk])
            if wants_json:
                return JsonResponse({"url": url})
            messages.success(request, _("Your take is saved. Listen, then hand it in."))
            return redirect(url)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    if wants_json:
        return JsonResponse({"error": error}, status=400)
    return _assignment_page(request, assignment, upload_form=form, status=400)


def _take_page(request, take, comment_form=None, status=200):
    context = selectors.take_detail(request.user, take)
    context["comment_form"] = comment_form or CommentForm()
    return render(request, "courses/practice/take.html", context, status=status)


def _audit_take(request, take) -> None:
    """A teacher's or leader's look at a pupil's recording is audited; the pupil's own is not."""
    if take.pupil_id != request.user.pk:
        audit_record(
            action=AuditAction.RECORDING_VIEWED,
            actor=request.user,
            subject_id=take.pupil_id,
            school_id=take.school_id,
            detail=f"take {take.pk}",
        )


@login_required
def take(request, pk: int):
    found = access.take_for(request.user, pk)
    if request.method == "GET":
        _audit_take(request, found)
    return _take_page(request, found)


@login_required
def compare(request, pk: int, other: int):
    first, second = access.take_for(request.user, pk), access.take_for(request.user, other)
    if (first.assignment_id, first.pupil_id) != (second.assignment_id, second.pupil_id):
        raise Http404
    if first.created_at > second.created_at:
        first, second = second, first
    _audit_take(request, second)
    return render(request, "courses/practice/compare.html", {"first": first, "second": second})


@login_required
@require_POST
def take_hand_in(request, pk: int):
    take = access.take_for(request.user, pk)
    try:
        services.take_hand_in(pupil=request.user, take=take)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message_of(error))
    else:
        messages.success(request, _("Handed in. Your teacher has been told."))
    return redirect("practice:take", take.pk)


@login_required
@require_POST
def take_comment(request, pk: int):
    take = access.take_for(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.take_comment_add(author=request.user, take=take, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _message_of(error))
        else:
            return redirect("practice:take", take.pk)
    return _take_page(request, take, comment_form=form, status=400)


@login_required
@require_POST
def take_review(request, pk: int):
    take = access.take_for(request.user, pk)
    decision = request.POST.get("decision")
    if decision not in {"approve", "again"}:
        messages.error(request, _("Choose approve or ask for another take."))
        return redirect("practice:take", take.pk)
    try:
        services.take_review(reviewer=request.user, take=take, approve=decision == "approve")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message_of(error))
    else:
        messages.success(request, _("The pupil has been told."))
    return redirect("practice:inbox")


@login_required
def inbox(request):
    context = selectors.inbox(request.user)
    if not context["teaches"] and not context["schools"]:
        raise PermissionDenied(_("The inbox is for teachers and school leaders."))
    for school in context["schools"]:
        policy = getattr(school, "practice_policy", None)
        school.policy_form = PolicyForm(instance=policy, prefix=f"school-{school.pk}")
    return render(request, "courses/practice/inbox.html", context)


@login_required
@require_POST
def retention(request, school_id: int):
    if school_id not in access.led_school_ids(request.user):
        raise PermissionDenied(_("Only the school's leaders change this."))
    form = PolicyForm(request.POST, prefix=f"school-{school_id}")
    if form.is_valid():
        services.practice_policy_set(
            leader=request.user,
            school_id=school_id,
            retention_days=form.cleaned_data["retention_days"],
        )
        messages.success(request, _("Saved. The keep dates of the school's takes follow."))
    else:
        messages.error(request, _("Enter a number of days from 1 to 3650, or leave it empty."))
    return redirect("practice:inbox")


@login_required
def log(request):
    form = LogForm(request.POST or None, pupil=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_log_add(pupil=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _message_of(error))
        else:
            messages.success(request, _("Logged."))
            return redirect("practice:log")
    context = selectors.practice_log(request.user)
    context.update({"form": form, "pupil": request.user, "own": True})
    return render(request, "courses/practice/log.html", context, status=400 if form.errors else 200)


@login_required
def pupil_log(request, school_id: int, user_id: int):
    pupil = get_user_model().objects.filter(pk=user_id).first()
    if pupil is None or not access.may_see_pupil(request.user, pupil, school_id):
        raise Http404
    if pupil.pk != request.user.pk:
        audit_record(
            action=AuditAction.PRACTICE_LOG_VIEWED,
            actor=request.user,
            subject=pupil,
            school_id=school_id,
        )
    context = selectors.practice_log(pupil)
    context.update({"pupil": pupil, "own": pupil.pk == request.user.pk})
    return render(request, "courses/practice/log.html", context)
