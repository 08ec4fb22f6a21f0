"""The register of processing: every kind of personal data Samspill keeps, for whom, why,
on what legal basis and for how long. The privacy notice and the approval pack are both
rendered from it, so they cannot disagree. A new kind of personal data adds a row here
(tests/community/test_policies.py fails when a model holding members' data is missing).
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DataKind:
    key: str
    title: str
    items: str
    roles: tuple[str, ...]
    purpose: str
    basis: str
    retention: str
    seen_by: str
    models: tuple[str, ...]


EVERYONE = ("pupil", "teacher", "leader", "organiser", "moderator", "editor")

PUBLIC_TASK = _(
    "GDPR art. 6(1)(e): the municipality's task of running the culture school "
    "(in Norway under the Education Act, in Denmark under the Music Act)."
)
CONSENT = _(
    "GDPR art. 6(1)(a) and art. 8: consent recorded by the school, from the pupil's "
    "guardian when the pupil is under the digital-consent age (13 in Norway and Denmark)."
)
LEGITIMATE = _("GDPR art. 6(1)(f) and art. 32: keeping the service secure.")
UNTIL_ERASED = _("Until the member erases the account (on My profile).")


def _periods():
    # The administrator's values (Settings → Retention periods), read when a page renders.
    from community.members.retention import periods

    return periods()


def _chat_retention() -> str:
    return _("%(days)s days, then deleted.") % {"days": _periods().chat_message_days}


chat_retention = lazy(_chat_retention, str)


def _audit_retention() -> str:
    return _("%(days)s days, then deleted.") % {"days": _periods().audit_days}


audit_retention = lazy(_audit_retention, str)


def _notification_retention() -> str:
    return _("%(days)s days, then deleted.") % {"days": _periods().notification_days}


notification_retention = lazy(_notification_retention, str)


def _account_retention() -> str:
    current = _periods()
    return _(
        "Until the member erases the account (on My profile). An account nobody has "
        "signed in to for %(months)s months gets a warning mail; unless the member signs "
        "in within %(days)s days, it is erased. A data archive can be downloaded for "
        "%(archive)s days, then it is deleted."
    ) % {
        "months": current.inactive_account_months,
        "days": current.inactive_grace_days,
        "archive": current.export_archive_days,
    }


account_retention = lazy(_account_retention, str)


def _registration_retention() -> str:
    return _(
        "Until %(days)s days after the gathering ends; then registrations, check-ins, "
        "pre-work and group members are deleted, and only counts per municipality and "
        "attendance mode are kept. Gatherings one organises: until erased."
    ) % {"days": _periods().registration_days}


registration_retention = lazy(_registration_retention, str)


def _practice_retention() -> str:
    days = _periods().practice_recording_days
    if days:
        default = _("%(days)s days after the take") % {"days": days}
    else:
        default = _("the end of the school year of the take")
    return _(
        "Takes until the school's own period if it set one, otherwise %(default)s; then "
        "deleted with their files. The log until erased."
    ) % {"default": default}


practice_retention = lazy(_practice_retention, str)


REGISTER: tuple[DataKind, ...] = (
    DataKind(
        key="account",
        title=_("Account"),
        items=_(
            "E-mail address, display name, language, age band for pupils (under or over the "
            "consent age, never a birth date), password (only as a salted hash), time of "
            "sign-up and last sign-in; the Feide or UNI-Login identifier if linked."
        ),
        roles=EVERYONE,
        purpose=_("Signing in, showing who wrote what, mail the member asked for."),
        basis=PUBLIC_TASK,
        retention=account_retention,
        seen_by=_(
            "The member; the display name by the members they meet; the e-mail address by "
            "their school's leaders and administrators."
        ),
        # The data archive is a copy of this data, deleted after its retention period.
        models=("members.User", "account.EmailAddress", "members.DataExport"),
    ),
    DataKind(
        key="membership",
        title=_("School membership and consent"),
        items=_(
            "Which school, role (pupil, teacher, leader), when the member joined, whether "
            "consent is recorded, by whom and when; invitations a leader made."
        ),
        roles=EVERYONE,
        purpose=_("Deciding what each member may see and do; the school's overview."),
        basis=CONSENT,
        retention=UNTIL_ERASED,
        seen_by=_("The member and the school's leaders."),
        models=("schools.SchoolMembership", "schools.Invitation"),
    ),
    DataKind(
        key="gatherings",
        title=_("Gatherings"),
        items=_(
            "Registrations (on site or online, waiting list, check-in), breakout groups, "
            "gatherings one organises."
        ),
        roles=EVERYONE,
        purpose=_("Organising gatherings: places, groups, messages to participants."),
        basis=PUBLIC_TASK,
        retention=registration_retention,
        seen_by=_("The member and the gathering's organisers."),
        models=(
            "gatherings.Registration",
            "gatherings.BreakoutGroup",
            "gatherings.BreakoutMembership",
            "gatherings.GatheringPage",
        ),
    ),
    DataKind(
        key="chat",
        title=_("Live chat"),
        items=_(
            "Messages, reactions, questions and votes, poll votes, presence in a room, "
            "mutes and moderation actions."
        ),
        roles=EVERYONE,
        purpose=_("Talking during gatherings; keeping the rooms safe."),
        basis=PUBLIC_TASK,
        retention=chat_retention,
        seen_by=_("The room's participants; moderators and organisers."),
        models=(
            "chat.Message",
            "chat.Reaction",
            "chat.Question",
            "chat.QuestionVote",
            "chat.Poll",
            "chat.PollVote",
            "chat.Presence",
            "chat.Mute",
            "chat.ModerationAction",
        ),
    ),
    DataKind(
        key="forums",
        title=_("Forums"),
        items=_(
            "Topics, posts and their earlier versions, reactions, follows, drafts, what "
            "one has read, reports, suspensions and the moderation log."
        ),
        roles=EVERYONE,
        purpose=_("Teachers and pupils sharing experience between gatherings."),
        basis=PUBLIC_TASK,
        retention=UNTIL_ERASED,
        seen_by=_(
            "Those who may read the category; drafts, follows and read state only by the "
            "member; reports and the log by moderators."
        ),
        models=(
            "forums.Topic",
            "forums.Post",
            "forums.PostRevision",
            "forums.Reaction",
            "forums.Subscription",
            "forums.ReadState",
            "forums.Draft",
            "forums.Report",
            "forums.Suspension",
            "forums.ModerationLogEntry",
            "forums.Category",
        ),
    ),
    DataKind(
        key="library",
        title=_("Library"),
        items=_(
            "Resources and tool guides one wrote (with author name and school), uploaded "
            "files and images, resource lists."
        ),
        roles=("teacher", "leader", "editor"),
        purpose=_("Sharing teaching material under the licence the author chose."),
        basis=PUBLIC_TASK,
        retention=_("Published work stays under its licence; drafts and lists until erased."),
        seen_by=_("The page's audience; drafts only by the author and editors."),
        models=("courses.ResourceCollection", "courses.ResourcePage", "courses.ToolGuidePage"),
    ),
    DataKind(
        key="courses",
        title=_("Courses"),
        items=_(
            "Enrolments and cohorts, progress per lesson and where one left off, self-check "
            "answers and reflections, completion records and their credentials; for a "
            "course's teachers, that they teach it; for editors, regrades they made."
        ),
        roles=EVERYONE,
        purpose=_("Learning paths for teachers and pupils, with progress that is not lost."),
        basis=PUBLIC_TASK,
        retention=_(
            "Until the member erases the account; a completion page stays valid until then."
        ),
        seen_by=_(
            "The member; the course's teachers; leaders for their own school's members "
            "(reflections only the member and the course's teachers); a completion page "
            "by whoever has its unguessable address."
        ),
        models=(
            "courses.CoursePage",
            "courses.CourseModulePage",
            "courses.LessonPage",
            "courses.Enrolment",
            "courses.LessonProgress",
            "courses.Attempt",
            "courses.RegradeLog",
        ),
    ),
    DataKind(
        key="practice",
        title=_("Practice room"),
        items=_(
            "Recording assignments, the pupil's recorded takes (audio), feedback at moments "
            "in them, approvals, and the practice log (date, minutes, what, a note)."
        ),
        roles=("pupil", "teacher", "leader"),
        purpose=_("Pupils practising between lessons with feedback from their teachers."),
        basis=PUBLIC_TASK,
        retention=practice_retention,
        seen_by=_(
            "The pupil, the teachers of the pupil's school and its leaders; never in "
            "search, forums or chat."
        ),
        models=(
            "courses.Assignment",
            "courses.Take",
            "courses.TakeComment",
            "courses.PracticeLogEntry",
        ),
    ),
    DataKind(
        key="notifications",
        title=_("Notifications"),
        items=_("Notifications and their texts, mail preferences, when the digest was sent."),
        roles=EVERYONE,
        purpose=_("Telling members about replies, mentions and gatherings, as they chose."),
        basis=PUBLIC_TASK,
        retention=notification_retention,
        seen_by=_("Only the member."),
        models=("notifications.Notification", "notifications.NotificationPreference"),
    ),
    DataKind(
        key="audit",
        title=_("Audit trail"),
        items=_(
            "Who viewed or exported others' personal data (participant lists, member "
            "lists), consents given and withdrawn, role changes, erasures and moderation: "
            "who, when, whose data (by reference, never a copied name)."
        ),
        roles=EVERYONE,
        purpose=_("Showing that access to personal data is controlled (accountability)."),
        basis=_("GDPR art. 5(2), art. 6(1)(c) and art. 32."),
        retention=audit_retention,
        seen_by=_("Administrators; school leaders for their own school."),
        models=("audit.AuditEntry",),
    ),
    DataKind(
        key="security",
        title=_("Security records"),
        items=_(
            "A session cookie while signed in, the language cookie, counts of failed "
            "sign-ins (kept in the cache for minutes)."
        ),
        roles=EVERYONE,
        purpose=_("Keeping accounts safe from guessing and hijacking."),
        basis=LEGITIMATE,
        retention=_("Sessions end at sign-out or after two weeks; counters after minutes."),
        seen_by=_("Nobody reads them; administrators of the server could."),
        models=(),
    ),
)

ROLES = {
    "pupil": _("Pupil"),
    "teacher": _("Teacher"),
    "leader": _("School leader"),
    "organiser": _("Organiser"),
    "moderator": _("Moderator"),
    "editor": _("Library editor"),
}

# Models that relate to members but are not personal data of their own, with the reason.
NOT_PERSONAL = {
    "home.HomePage": _("Wagtail's page owner: the site's own pages, written by staff."),
    "gatherings.GatheringIndexPage": _("Wagtail's page owner: an index page."),
    "courses.ResourceIndexPage": _("Wagtail's page owner: an index page."),
    "courses.ToolGuideIndexPage": _("Wagtail's page owner: an index page."),
    "courses.CourseIndexPage": _("Wagtail's page owner: an index page."),
}
