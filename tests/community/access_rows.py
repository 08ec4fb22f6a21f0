from tests.access import Row
from tests.factories.community import InvitationFactory, NotificationFactory


def setup(people):
    return {
        "invitation": InvitationFactory(school=people["bergen"], max_uses=100),
        "note": NotificationFactory(recipient=people["teacher"]),
        "archive": _ready_archive(people["teacher"]),
        "pupil_membership": people["pupil"].memberships.get(),
    }


def _ready_archive(user):
    from community.members import services

    export = services.data_export_request(user=user)
    return services.data_export_build(export_id=export.pk)


LOGIN = 302  # redirect to the login page

ROWS = [
    Row(path="/", expect={"*": 200}),
    Row("health", expect={"*": 200}),
    Row("members:me", expect={"*": 200, "visitor": LOGIN}),
    Row("members:data_export", expect={"*": 200, "visitor": LOGIN}),
    Row("members:data_archive", expect={"*": 200, "visitor": LOGIN}),
    Row("members:data_archive", method="post", expect={"*": 302, "visitor": LOGIN}),
    # Only its member may fetch an archive; everyone else is told it does not exist.
    Row(
        "members:data_archive_download",
        args=lambda o: [o["archive"].pk],
        expect={"*": 404, "teacher": 200, "visitor": LOGIN},
    ),
    Row("members:delete", expect={"*": 200, "visitor": LOGIN}),
    Row("notifications:list", expect={"*": 200, "visitor": LOGIN}),
    Row("notifications:read_all", method="post", expect={"*": 302}),
    # Someone else's notification is not found, never shown.
    Row(
        "notifications:open",
        args=lambda o: [o["note"].pk],
        expect={"*": 404, "teacher": 302, "visitor": LOGIN},
    ),
    Row(
        "schools:detail",
        args=lambda o: ["bergen-kulturskole"],
        expect={"*": 403, "leader": 200, "admin": 200, "visitor": LOGIN},
    ),
    Row(
        "schools:consent",
        method="post",
        args=lambda o: ["bergen-kulturskole", o["pupil_membership"].pk],
        expect={"*": 403, "leader": 302, "admin": 302, "visitor": LOGIN},
    ),
    Row(
        "schools:remove",
        method="post",
        args=lambda o: ["lorenskog-kulturskole", 999999],
        expect={"*": 403, "other_school_leader": 404, "admin": 404, "visitor": LOGIN},
    ),
    Row(
        "schools:revoke",
        method="post",
        args=lambda o: ["bergen-kulturskole", o["invitation"].pk],
        expect={"*": 403, "leader": 302, "admin": 302, "visitor": LOGIN},
    ),
    Row("join", args=lambda o: [o["invitation"].code], expect={"*": 200}),
    Row("set_language", method="post", data={"language": "en", "next": "/"}, expect={"*": 302}),
]
ROWS.append(Row("search", data={"q": "piano"}, expect={"*": 200}))
# The privacy notices, accessibility statement and approval pack are open to everyone
# (the other two notices are the same view kind; test_policies.py fetches each).
ROWS += [
    Row(
        "policies:privacy",
        expect={"*": 200},
        covers=("policies:privacy_pupils", "policies:accessibility"),
    ),
    Row("policies:approval_pack", expect={"*": 200}),
]
# The audit trail: administrators see all of it, leaders their own schools' entries.
ROWS.append(
    Row(
        "audit:list",
        expect={
            "*": 403,
            "visitor": LOGIN,
            "leader": 200,
            "other_school_leader": 200,
            "admin": 200,
        },
    )
)
# A leader (or an administrator) may erase a pupil of the school after confirming.
ROWS.append(
    Row(
        "schools:pupil_erase",
        args=lambda o: ["bergen-kulturskole", o["pupil_membership"].pk],
        expect={"*": 403, "leader": 200, "admin": 200, "visitor": LOGIN},
    )
)
# allauth's OpenID Connect endpoints (Feide, UNI-Login): with no provider configured, as in
# the tests' settings, they find nothing; test_federated_login.py runs the real flow.
ROWS += [
    Row(
        "openid_connect_login",
        args=lambda o: ["feide"],
        expect={"*": 404},
        covers=("openid_connect_callback",),
    ),
]
# Retention periods (a Wagtail setting): administrators only; everyone else is sent
# away (Wagtail redirects to the login page or the admin's start page).
ROWS.append(
    Row(
        path=lambda o: f"/admin/settings/members/retentionsettings/{_retention_pk()}/",
        label_text="retention settings",
        expect={"*": 302, "admin": 200},
    )
)


def _retention_pk():
    from community.members.retention import periods

    return periods().pk


def _library_index_id(objects):
    from community import l10n
    from courses.models import ResourceIndexPage

    return [l10n.originals(ResourceIndexPage.objects).get().pk]


def _discipline(objects):
    from courses.snippets import Discipline

    return ["courses", "discipline", Discipline.objects.first().pk]


# Wagtail's simple translation (community/l10n.py): editors and administrators make a
# Danish or English copy of a page they may edit (the admin answers others with a
# redirect and a message, or the login page); the library's terms carry their own names per language,
# so a snippet has no copies to make (404 for those who may translate).
ROWS += [
    Row(
        "simple_translation:submit_page_translation",
        args=_library_index_id,
        expect={"*": 302, "editor": 200, "admin": 200, "visitor": LOGIN},
    ),
    Row(
        "simple_translation:submit_snippet_translation",
        args=_discipline,
        expect={"*": 302, "editor": 404, "admin": 404, "visitor": LOGIN},
    ),
]
