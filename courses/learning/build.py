"""Build courses from Python: the demo content, a course from a gathering, tests and
benchmarks share these, so a course made in code looks like one made in the admin
(raw stream blocks with ids, pages added under their parents and published)."""

import json
import uuid

from django.utils.text import slugify

from community import l10n

from .models import CourseIndexPage, CourseModulePage, CoursePage, LessonPage


def _id() -> str:
    return str(uuid.uuid4())


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": _id()}


def callout(html: str, kind: str = "tip") -> dict:
    return {"type": "callout", "value": {"kind": kind, "text": html}, "id": _id()}


def document(document_id: int, title: str = "", kind: str = "other") -> dict:
    value = {"document": document_id, "kind": kind, "title": title, "description": ""}
    value.update({"preview_image": None, "preview_alt": ""})
    return {"type": "document", "value": value, "id": _id()}


def resource(page_id: int, note: str = "") -> dict:
    return {"type": "resource", "value": {"page": page_id, "note": note}, "id": _id()}


def option(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "correct": correct, "feedback": feedback}


def check(
    kind: str,
    question: str,
    options=(),
    *,
    audio: int | None = None,
    right: str = "",
    wrong: str = "",
    block_id: str = "",
) -> dict:
    return {
        "type": "self_check",
        "id": block_id or _id(),
        "value": {
            "kind": kind,
            "question": question,
            "audio": audio,
            "options": [{"type": "item", "value": o, "id": _id()} for o in options],
            "feedback_correct": right,
            "feedback_wrong": wrong,
        },
    }


def course_index() -> CourseIndexPage:
    return l10n.originals(CourseIndexPage.objects).get()


def course_create(*, modules, publish: bool = True, parent=None, **fields) -> CoursePage:
    """A course with modules of lessons (live; the course itself is published only with
    `publish`, and a draft course's lessons open only to its teachers and editors).

    `modules` is a list of (title, [lesson, ...]); a lesson is a dict with title and
    optionally slug, summary, body (raw blocks), required, minutes, exchange_topic,
    source_session. Many-to-many fields (disciplines, levels, teachers) are set by
    the caller afterwards.
    """
    parent = parent or course_index()
    fields.setdefault("slug", slugify(fields["title"])[:50])
    course = CoursePage(**fields)
    course.live = False
    parent.add_child(instance=course)
    for m_number, (module_title, lessons) in enumerate(modules, start=1):
        module = CourseModulePage(title=module_title, slug=f"modul-{m_number}", live=True)
        course.add_child(instance=module)
        for l_number, data in enumerate(lessons, start=1):
            data = dict(data)
            body = data.pop("body", [])
            data.setdefault("slug", slugify(data["title"])[:50] or f"leksjon-{l_number}")
            lesson = LessonPage(body=json.dumps(body), live=True, **data)
            # Live without a revision, like an import: the admin edits it all the same.
            module.add_child(instance=lesson)
    if publish:
        course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)
