"""Every library URL × every persona (see tests/access.py).

Teachers-only pages and everything on them (files, images, Wagtail's own document
links) stay closed to pupils, visitors and members without a teaching role.
"""

from tests.access import Row
from tests.factories.courses import make_document, make_image, resource


def _body(document, picture):
    return [
        ("document", {"document": document, "kind": "score", "title": "Noter"}),
        ("image", {"image": picture, "alt_text": "Elever", "caption": ""}),
    ]


def setup(people):
    public_doc, teacher_doc = make_document("offentlig"), make_document("for-laerere")
    public_image, teacher_image = make_image("offentlig", 1), make_image("for-laerere", 2)
    public = resource(slug="open", body=_body(public_doc, public_image), licence="cc-by-sa")
    members = resource(slug="members", audience="members")
    teachers = resource(
        slug="teachers", audience="teachers", body=_body(teacher_doc, teacher_image)
    )
    from courses import services

    # A document only in the teacher's unpublished draft, and one on no page at all.
    draft_doc, loose_doc = make_document("utkast"), make_document("løs")
    draft = resource(slug="draft", owner=people["teacher"], publish=False)
    draft.body = [("document", {"document": draft_doc, "kind": "score", "title": "Utkast"})]
    draft.save_revision()
    collection = services.collection_create(owner=people["teacher"], title="Onsdagsgruppa")
    services.collection_add(collection=collection, page=public, user=people["teacher"])
    services.collection_add(collection=collection, page=teachers, user=people["teacher"])
    return {
        "public": public,
        "members": members,
        "teachers": teachers,
        "public_doc": public_doc,
        "teacher_doc": teacher_doc,
        "public_image": public_image,
        "teacher_image": teacher_image,
        "collection": collection,
        "draft_doc": draft_doc,
        "loose_doc": loose_doc,
        "public_rendition": public_image.get_rendition("width-800"),
        "teacher_rendition": teacher_image.get_rendition("width-800"),
    }


LOGIN = 302
EVERYONE = {"*": 200}
MEMBERS = {"*": 200, "visitor": LOGIN}
# Teachers and school leaders (any school), editors and administrators.
TEACHERS = {
    "*": 200,
    "visitor": LOGIN,
    "pupil": 403,
    "pupil_no_consent": 403,
    "organiser": 403,
    "moderator": 403,
}
TEACHER_TOOLS = TEACHERS
TEACHER_POSTS = {**TEACHERS, "*": 302}
MANAGERS = {"*": 403, "visitor": LOGIN, "editor": 200, "admin": 200}
DRAFT_READERS = {**MANAGERS, "teacher": 200}
OWNER_ONLY = {**dict.fromkeys(TEACHERS, 403), "*": 403, "visitor": LOGIN, "teacher": 200}


def _media(key):
    return lambda objects: [objects[key].file.name]


def _doc_url(key):
    def path(objects):
        document = objects[key]
        return f"/documents/{document.pk}/{document.filename}"

    return path


ROWS = [
    Row(path="/resources/", expect=EVERYONE),
    Row(path="/guides/", expect=EVERYONE),
    Row(path="/resources/open/", expect=EVERYONE),
    Row(path="/resources/members/", expect=MEMBERS),
    Row(path="/resources/teachers/", expect=TEACHERS),
    Row(
        "courses:document",
        args=lambda o: [o["public"].pk, o["public_doc"].pk],
        expect=EVERYONE,
    ),
    Row(
        "courses:document",
        args=lambda o: [o["teachers"].pk, o["teacher_doc"].pk],
        expect=TEACHERS,
    ),
    # A document of one page cannot be fetched through another page's address.
    Row(
        "courses:document",
        args=lambda o: [o["public"].pk, o["teacher_doc"].pk],
        expect={"*": 404},
    ),
    Row(path=_doc_url("public_doc"), label_text="wagtail-document-public", expect=EVERYONE),
    Row(path=_doc_url("teacher_doc"), label_text="wagtail-document-teachers", expect=TEACHERS),
    Row(
        "courses:image",
        args=lambda o: [o["public"].pk, o["public_image"].pk, "width-800"],
        expect=EVERYONE,
    ),
    Row(
        "courses:image",
        args=lambda o: [o["teachers"].pk, o["teacher_image"].pk, "width-800"],
        expect=TEACHERS,
    ),
    Row(
        "courses:image",
        args=lambda o: [o["public"].pk, o["public_image"].pk, "width-9999"],
        expect={"*": 404},
    ),
    # Everything under /media/ is checked (courses/files/), in development and production
    # (more cases, fewer personas, in test_files.py).
    Row("media", args=_media("public_rendition"), expect=EVERYONE),
    Row("media", args=_media("teacher_rendition"), expect=TEACHERS),
    Row("media", args=_media("teacher_image"), expect=TEACHERS),
    Row("media", args=_media("draft_doc"), expect=DRAFT_READERS),
    Row("media", args=_media("loose_doc"), expect=MANAGERS),
    Row(path=_doc_url("loose_doc"), label_text="wagtail-document-unattached", expect=MANAGERS),
    Row("courses:submit", expect=TEACHER_TOOLS),
    Row("courses:mine", expect=TEACHER_TOOLS),
    Row("courses:collections", expect=TEACHER_TOOLS),
    Row("courses:collection", args=lambda o: [o["collection"].pk], expect=OWNER_ONLY),
    Row("courses:collection_shared", args=lambda o: [o["collection"].share_token], expect=EVERYONE),
    Row(
        "courses:collection_add",
        method="post",
        args=lambda o: [o["public"].pk],
        data={"new_title": "Ny liste"},
        expect=TEACHER_POSTS,
    ),
    # Adapting a CC BY-SA resource opens the new draft in the editor.
    Row(
        "courses:adapt",
        method="post",
        args=lambda o: [o["public"].pk],
        expect=TEACHER_POSTS,
    ),
]
