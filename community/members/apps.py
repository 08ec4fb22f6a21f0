from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    # Two AppConfig classes live in this module: without `default`, Django would use a
    # plain AppConfig for "community.members" and ready() (the logout receiver) never ran.
    default = True
    name = "community.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import federation, privacy, signals  # noqa: F401

        signals.connect_role_changes()
        # What member_export() writes itself, and what it leaves out on purpose.
        privacy.register_exporter_models("account", ACCOUNT_MODELS)
        for label, reason in EXCLUDED.items():
            privacy.register_excluded(label, reason)
        _register_purgers()


def _register_purgers():
    """The kinds of data with a retention period that exist today; other apps (e.g.
    practice recordings) register theirs from their own ready()."""
    from community.audit.services import audit_purge
    from community.chat.services import messages_purge
    from community.notifications.services import notifications_purge

    from . import services
    from .retention import periods, register_purger

    def chat(*, now):
        return messages_purge(older_than_days=periods().chat_message_days, now=now)

    register_purger("chat_messages", chat)
    register_purger("notifications", notifications_purge)
    register_purger("audit_trail", audit_purge)
    register_purger("data_archives", services.data_exports_purge)
    register_purger("inactive_accounts", services.inactive_members_purge)


ACCOUNT_MODELS = (
    "members.User",
    "account.EmailAddress",
    "schools.SchoolMembership",
    "schools.Invitation",
    "notifications.Notification",
    "notifications.NotificationPreference",
    "audit.AuditEntry",
    "socialaccount.SocialAccount",
)
EXCLUDED = {
    "wagtailcore.Page": "Page ownership: the member's library pages are in the library export.",
    "home.HomePage": "Made by setup; owned by staff, not members.",
    "gatherings.GatheringIndexPage": "Made by setup; owned by staff, not members.",
    "courses.ResourceIndexPage": "Made by setup; owned by staff, not members.",
    "courses.ToolGuideIndexPage": "Made by setup; owned by staff, not members.",
    "wagtailcore.Revision": "Saved versions of pages; the member's pages are in the export.",
    "wagtailcore.PageLogEntry": "The editing history of pages, kept as the content's record.",
    "wagtailcore.ModelLogEntry": "The editing history of snippets, kept as the content's record.",
    "wagtailcore.WorkflowState": "Review bookkeeping; the pages' review state is in the export.",
    "wagtailcore.TaskState": "Review bookkeeping; the pages' review state is in the export.",
    "wagtailcore.Comment": "Editors' review comments on a draft, part of the page's review.",
    "wagtailcore.CommentReply": "Editors' review comments on a draft, part of the page's review.",
    "wagtailcore.PageSubscription": "A switch for comment mails in the editor; no content.",
    "wagtailcore.UploadedFile": "A file while it is being uploaded; removed once saved.",
    "wagtailcore.APIToken": "Samspill issues no API tokens.",
    "wagtailusers.UserProfile": "The editor's display settings (language, time zone).",
    "wagtailadmin.EditingSession": "Who has a page open in the editor, kept for minutes.",
    "wagtailadmin.FormState": "Unsaved form state while editing in the admin.",
    "admin.LogEntry": "Django admin's change history, used by administrators only.",
    "socialaccount.SocialToken": "Never stored (SOCIALACCOUNT_STORE_TOKENS is off).",
    "members.DataExport": "The export itself: a copy of the data above, deleted when it expires.",
}


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "community.members.viewsets.UserViewSet"
