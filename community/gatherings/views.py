import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import l10n
from community.audit.models import AuditAction
from community.audit.services import audit_record_per_school

from . import calendar, selectors, services
from .forms import GroupsForm, MessageForm, NotesForm, PreworkForm, RegistrationForm
from .models import BreakoutGroup, GatheringPage, Registration, RegistrationStatus, Session


def _gathering(pk) -> GatheringPage:
    return get_object_or_404(GatheringPage.objects.live(), pk=pk)


def _organised(request, pk) -> GatheringPage:
    gathering = _gathering(pk)
    if not selectors.is_organiser(request.user, gathering):
        raise PermissionDenied(_("Only the gathering's organisers can open this page."))
    return gathering


@login_required
@require_POST
def register(request, pk):
    gathering = _gathering(pk)
    form = RegistrationForm(request.POST, gathering=gathering)
    if not form.is_valid():
        messages.error(request, _("Choose how you will take part."))
        return redirect(gathering.url + "#register")
    try:
        registration = services.registration_create(
            gathering=gathering, user=request.user, mode=form.cleaned_data["mode"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request, _("You are registered. A confirmation with a calendar file is on its way.")
            )
        else:
            messages.success(
                request,
                _(
                    "The places are taken: you are on the waiting list and will be told if a place opens up."
                ),
            )
    return redirect(gathering.url + "#register")


@login_required
@require_POST
def cancel(request, pk):
    gathering = _gathering(pk)
    registration = selectors.registration_for(request.user, gathering)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        messages.error(request, _("You are not registered for this gathering."))
    else:
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(gathering.url)


@login_required
@require_POST
def prework(request, pk):
    gathering = _gathering(pk)
    registration = selectors.registration_for(request.user, gathering)
    form = PreworkForm(request.POST)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise PermissionDenied(_("Only registered participants hand in pre-work."))
    if form.is_valid():
        services.prework_save(registration=registration, text=form.cleaned_data["prework"])
        messages.success(request, _("Your pre-work is saved."))
    else:
        messages.error(request, _("The pre-work is too long (at most 10,000 characters)."))
    return redirect(gathering.url + "#prework")


def gathering_ics(request, pk):
    gathering = _gathering(pk)
    response = HttpResponse(
        calendar.gathering_ics(gathering, request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{gathering.slug}.ics"'
    return response


def feed_ics(request):
    gatherings = l10n.originals(GatheringPage.objects.live()).order_by("start")
    return HttpResponse(
        calendar.feed_ics(gatherings, request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )


@login_required
def my_gatherings(request):
    now = timezone.now()
    registrations = list(selectors.my_registrations(request.user))
    return render(
        request,
        "community/gatherings/my_gatherings.html",
        {
            "upcoming": [r for r in registrations if r.gathering.end >= now],
            "past": [r for r in registrations if r.gathering.end < now],
        },
    )


def _audit_participants(action, user, gathering, registrations):
    """One audit entry, and one per school whose members the list showed."""
    school_ids = {m.school_id for r in registrations for m in r.user.memberships.all()}
    audit_record_per_school(
        action=action,
        actor=user,
        school_ids=school_ids,
        detail=f"{gathering.title} (gathering {gathering.pk}, {len(registrations)})",
    )


@login_required
def participants(request, pk):
    gathering = _organised(request, pk)
    registrations = list(selectors.participant_list(gathering, request.GET))
    _audit_participants(AuditAction.PARTICIPANTS_VIEWED, request.user, gathering, registrations)
    return render(
        request,
        "community/gatherings/participants.html",
        {
            "gathering": gathering,
            "registrations": registrations,
            "counts": selectors.counts(gathering),
            "tallies": selectors.tallies(gathering),
            "registrations_chart": selectors.registrations_chart(gathering),
            "filters": request.GET,
            "statuses": RegistrationStatus.choices,
        },
    )


@login_required
def participants_csv(request, pk):
    gathering = _organised(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{gathering.slug}-participants.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Norwegian letters right
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("E-mail address"),
            _("School"),
            _("Municipality"),
            _("Attendance"),
            _("Status"),
            _("Checked in"),
        ]
    )
    registrations = list(selectors.participant_list(gathering, request.GET))
    _audit_participants(AuditAction.PARTICIPANTS_EXPORTED, request.user, gathering, registrations)
    for r in registrations:
        membership = next(iter(r.user.memberships.all()), None)
        writer.writerow(
            map(
                spreadsheet_safe,
                [
                    r.user.display_name,
                    r.user.email,
                    membership.school.name if membership else "",
                    membership.school.municipality.name if membership else "",
                    r.get_mode_display(),
                    r.get_status_display(),
                    timezone.localtime(r.checked_in_at, gathering.zone).strftime("%H:%M")
                    if r.checked_in_at
                    else "",
                ],
            )
        )
    return response


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet never runs as a formula (OWASP "CSV injection"): a display
    name typed as `=HYPERLINK(…)` starts with an apostrophe, shown as text."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_POST
def check_in(request, pk, registration_pk):
    gathering = _organised(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, gathering=gathering)
    services.check_in_toggle(registration=registration)
    next_url = request.POST.get("next", "")
    if not (
        next_url.startswith("/")
        and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    ):
        next_url = f"/gatherings/{pk}/participants/"  # only ever back to this site
    return HttpResponseRedirect(next_url)


@login_required
def message(request, pk):
    gathering = _organised(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.participants_message(
            gathering=gathering, sender=request.user, **form.cleaned_data
        )
        messages.success(request, _("Sent to %(n)s participants.") % {"n": count})
        return redirect(f"/gatherings/{pk}/participants/")
    return render(
        request,
        "community/gatherings/message.html",
        {"gathering": gathering, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def groups(request, session_pk):
    session = get_object_or_404(Session.objects.select_related("gathering"), pk=session_pk)
    gathering = session.gathering
    if not selectors.is_organiser(request.user, gathering):
        raise PermissionDenied(_("Only the gathering's organisers can open this page."))
    form = GroupsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.groups_create(session=session, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(n)s groups made.") % {"n": len(made)})
            return redirect("gatherings:groups", session_pk=session.pk)
    existing = BreakoutGroup.objects.filter(session=session).prefetch_related(
        "members__memberships__school__municipality"
    )
    return render(
        request,
        "community/gatherings/groups.html",
        {
            "session": session,
            "gathering": gathering,
            "form": form,
            "groups": existing,
        },
        status=400 if form.errors else 200,
    )


@login_required
def group(request, pk):
    group = get_object_or_404(BreakoutGroup.objects.select_related("session__gathering"), pk=pk)
    gathering = group.session.gathering
    organiser = selectors.is_organiser(request.user, gathering)
    member = group.members.filter(pk=request.user.pk).exists()
    if not (organiser or member):
        raise PermissionDenied(_("Only the group's members and the organisers can open this page."))
    form = NotesForm(request.POST or None, initial={"notes": group.notes})
    if request.method == "POST" and form.is_valid():
        services.group_notes_save(group=group, text=form.cleaned_data["notes"])
        messages.success(request, _("The group notes are saved."))
        return redirect("gatherings:group", pk=group.pk)
    members = group.members.prefetch_related("memberships__school__municipality")
    prework = (
        Registration.objects.filter(
            gathering=gathering, user__in=members, status=RegistrationStatus.CONFIRMED
        )
        .exclude(prework="")
        .select_related("user")
    )
    return render(
        request,
        "community/gatherings/group.html",
        {
            "group": group,
            "gathering": gathering,
            "members": members,
            "form": form,
            "prework": prework,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def exchange(request, pk):
    gathering = _organised(request, pk)
    try:
        category = services.exchange_space_open(gathering=gathering, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(gathering.url)
    messages.success(request, _("The exchange space is open and the participants are told."))
    return redirect(category.get_absolute_url())
