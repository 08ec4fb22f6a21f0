"""Reads for learning pages. Each page loads a fixed number of queries whatever the
number of modules, lessons, learners or attempts (pinned in tests/courses/learning)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from community import charts, l10n
from courses.audience import can_view, is_library_editor, is_library_teacher
from courses.snippets import Discipline, Level

from . import access, grading
from .models import (
    Attempt,
    Completion,
    CourseAudience,
    CourseIndexPage,
    CourseModulePage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    RegradeLog,
)

PER_PAGE = 24
LEARNERS_PER_PAGE = 50
LENGTHS = {
    "short": (Decimal(0), Decimal(2)),
    "medium": (Decimal("2.1"), Decimal(10)),
    "long": (Decimal("10.1"), Decimal(100000)),
}


def length_choices():
    return [
        ("short", _("Up to 2 hours")),
        ("medium", _("2 to 10 hours")),
        ("long", _("More than 10 hours")),
    ]


def _options(choices, selected):
    return [{"value": v, "label": label, "selected": v in selected} for v, label in choices]


def course_listing(user, params) -> dict:
    audience = [v for v in params.getlist("audience") if v in CourseAudience.values]
    disciplines = params.getlist("discipline")[:20]
    levels = params.getlist("level")[:20]
    lengths = [v for v in params.getlist("length") if v in LENGTHS]
    query = (params.get("q") or "").replace("\x00", "").strip()[:200]
    courses = l10n.originals(CoursePage.objects.live()).select_related("cover_image")
    if audience:
        wanted = set(audience)
        if wanted & {"teachers", "pupils"}:
            wanted.add("both")
        courses = courses.filter(audience__in=wanted)
    if disciplines:
        courses = courses.filter(disciplines__slug__in=disciplines)
    if levels:
        courses = courses.filter(levels__slug__in=levels)
    if lengths:
        condition = Q()
        for length in lengths:
            low, high = LENGTHS[length]
            condition |= Q(estimated_hours__gte=low, estimated_hours__lte=high)
        courses = courses.filter(condition)
    if query:
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(learning_goals__icontains=word)
            )
        courses = courses.filter(condition)
    courses = courses.distinct().order_by("title").prefetch_related("disciplines", "levels")
    paginator = Paginator(courses, PER_PAGE)
    page_obj = paginator.get_page(params.get("page"))
    page_obj.object_list = l10n.localize(page_obj.object_list)
    mine = {}
    if user.is_authenticated:
        mine = {
            e.course_id: e
            for e in Enrolment.objects.filter(
                member=user, course_id__in=[c.pk for c in page_obj.object_list]
            )
        }
    for course in page_obj.object_list:
        course.my_enrolment = mine.get(course.pk)
    query_string = params.copy()
    query_string.pop("page", None)
    return {
        "courses": page_obj.object_list,
        "page_obj": page_obj,
        "total": paginator.count,
        "query": query,
        "querystring": query_string.urlencode(),
        "filtered": bool(audience or disciplines or levels or lengths or query),
        "audience_options": _options(CourseAudience.choices, audience),
        "discipline_options": _options(
            [(t.slug, t.label) for t in Discipline.objects.all()], disciplines
        ),
        "level_options": _options([(t.slug, t.label) for t in Level.objects.all()], levels),
        "length_options": _options(length_choices(), lengths),
    }


@dataclass
class OutlineModule:
    pk: int
    title: str


@dataclass
class OutlineLesson:
    pk: int
    title: str
    url: str
    required: bool
    minutes: int
    # The lesson's self-checks: block id -> (question, kind), for the teacher view.
    questions: dict = field(default_factory=dict)
    number: int = 0
    is_done: bool = False
    is_current: bool = False


OUTLINE_VERSION_KEY = "courses:outline-version"
OUTLINE_SECONDS = 3600


def outline_bump() -> None:
    """A course, module or lesson changed: every cached outline is stale."""
    from community import pagecache

    pagecache.bump_on_commit()
    try:
        cache.incr(OUTLINE_VERSION_KEY)
    except ValueError:
        cache.set(OUTLINE_VERSION_KEY, 1, None)


def _outline_rows(course) -> list:
    modules = list(
        CourseModulePage.objects.child_of(course)
        .live()
        .order_by("path")
        .values_list("pk", "title", "path")
    )
    lessons = LessonPage.objects.live().filter(path__startswith=course.path).order_by("path")
    by_module = defaultdict(list)
    for lesson in lessons:
        questions = {
            block_id: (block.value.get("question"), block.value.get("kind"))
            for block_id, block in lesson.check_blocks().items()
        }
        row = (lesson.pk, lesson.title, lesson.url, lesson.required, lesson.minutes, questions)
        by_module[lesson.path[: len(lesson.path) - lesson.steplen]].append(row)
    return [((pk, title), by_module.get(path, [])) for pk, title, path in modules]


def outline(course) -> list[dict]:
    """Modules with their live lessons, in tree order. The same for every learner, so
    kept in the cache until any course page changes (signals.py bumps the version);
    without a cache it costs two queries and parsing the lessons."""
    version = cache.get(OUTLINE_VERSION_KEY, 0)
    key = f"courses:outline:{course.pk}:{version}"
    rows = cache.get(key)
    if rows is None:
        rows = _outline_rows(course)
        cache.set(key, rows, OUTLINE_SECONDS)
    return [
        {
            "module": OutlineModule(*module),
            "lessons": [OutlineLesson(*lesson) for lesson in lessons],
        }
        for module, lessons in rows
    ]


def _annotate(parts, done_ids: set[int], current_id=None):
    number = 0
    flat = []
    for part in parts:
        for lesson in part["lessons"]:
            number += 1
            lesson.number = number
            lesson.is_done = lesson.pk in done_ids
            lesson.is_current = lesson.pk == current_id
            flat.append(lesson)
    return flat


def enrolment_of(user, course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(member=user, course=course).select_related("cohort").first()


def _done_ids(enrolment) -> set[int]:
    if enrolment is None:
        return set()
    return set(
        LessonProgress.objects.filter(enrolment=enrolment, done_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )


def course_detail(user, course) -> dict:
    parts = outline(course)
    enrolment = enrolment_of(user, course)
    lessons = _annotate(parts, _done_ids(enrolment))
    teaches = access.teaches(user, course)
    leads = bool(access.led_school_ids(user)) if user.is_authenticated else False
    cohorts = [c for c in course.cohorts.all() if c.is_open()]
    completion = None
    if enrolment is not None and enrolment.completed_at:
        completion = Completion.objects.filter(enrolment=enrolment, revoked_at=None).first()
    return {
        "outline": parts,
        "progress_chart": _progress_chart(parts) if enrolment is not None else None,
        "lesson_count": len(lessons),
        "first_lesson": lessons[0] if lessons else None,
        "enrolment": enrolment,
        "may_enrol": enrolment is None and access.audience_includes(course, user),
        "why_not": "" if not user.is_authenticated else access.why_not_enrol(course, user),
        "cohorts": cohorts,
        "teaches": teaches,
        "leads": leads,
        "completion": completion,
        **course_facts(course),
    }


def _progress_chart(parts):
    """The learner's own lessons done and left per module (from the outline already
    annotated, so no query)."""
    rows = []
    for part in parts:
        lessons = part["lessons"]
        done = sum(1 for lesson in lessons if lesson.is_done)
        if lessons:
            rows.append((part["module"].title, [done, len(lessons) - done]))
    return charts.stacked_bars(
        rows,
        series=[_("Done"), _("Not yet")],
        chart_id="progress-chart",
        caption=_("Your lessons done per module"),
        label_header=_("Module"),
    )


def course_facts(course) -> dict:
    """What the course page shows about the course itself, the same for everyone:
    cached with the outline (same version), so a warm page loads none of it."""
    version = cache.get(OUTLINE_VERSION_KEY, 0)
    key = f"courses:facts:{course.pk}:{version}"
    facts = cache.get(key)
    if facts is None:
        facts = {
            "prerequisites": [
                {"title": c.title, "url": c.url}
                for c in course.prerequisites.live().only("id", "title", "url_path")
            ],
            "disciplines": list(course.disciplines.all()),
            "levels": list(course.levels.all()),
            "index_url": l10n.originals(CourseIndexPage.objects).get().url,
            "discussion_url": (
                course.discussion_category.get_absolute_url()
                if course.discussion_category_id
                else ""
            ),
        }
        cache.set(key, facts, OUTLINE_SECONDS)
    return facts


def course_of_lesson(lesson) -> CoursePage:
    course = getattr(lesson, "_course", None)
    if course is None:
        path = lesson.path[: len(lesson.path) - 2 * lesson.steplen]
        course = CoursePage.objects.select_related("discussion_category").get(path=path)
        lesson._course = course
    return course


def may_read_lesson(user, course, enrolment) -> bool:
    if enrolment is not None:
        return True
    if not user.is_authenticated:
        return False
    if is_library_editor(user) or access.teaches(user, course):
        return True
    # Teachers may look at what pupils learn, to teach with it.
    return course.audience != CourseAudience.TEACHERS and is_library_teacher(user)


# The library's own link block is shown under the same audience rule as resources.
EMBEDDED_TYPES = {"resource", "resource_link"}


def _embedded(user, lesson) -> dict[int, Page | None]:
    """Library pages embedded in the lesson, each shown only if the user may see it."""
    ids = [
        block.value["page"].pk if hasattr(block.value["page"], "pk") else block.value["page"]
        for block in lesson.body
        if block.block_type in EMBEDDED_TYPES and block.value.get("page")
    ]
    if not ids:
        return {}
    pages = Page.objects.filter(pk__in=ids).live().specific()
    return {page.pk: page for page in pages if can_view(user, page)}


def latest_attempts(user, lesson) -> dict[str, Attempt]:
    latest: dict[str, Attempt] = {}
    if not user.is_authenticated:
        return latest
    for attempt in Attempt.objects.filter(member=user, lesson=lesson).order_by(
        "block_id", "-created_at", "-pk"
    ):
        latest.setdefault(attempt.block_id, attempt)
    return latest


def check_view(block, attempt: Attempt | None, typed=None, error: str = "") -> dict:
    """What the page shows for one self-check: question, options in a neutral
    order, and the learner's own last answer with its feedback (never the key)."""
    value = block.value
    options = grading.options_of(value)
    shown = grading.shown_order(block.id, options)
    answer = attempt.answer if attempt else {}
    chosen = set(answer.get("choices", []))
    order = answer.get("order", [])
    if typed is not None:
        chosen = set(typed.getlist("choice"))
    return {
        "id": block.id,
        "kind": value.get("kind"),
        "question": value.get("question"),
        "audio": value.get("audio"),
        "options": [
            {
                "id": option.id,
                "text": option.text,
                "chosen": option.id in chosen,
                "position": (order.index(option.id) + 1) if option.id in order else "",
            }
            for option in shown
        ],
        "count": len(options),
        "text": (typed.get("text", "") if typed is not None else answer.get("text", "")),
        "attempt": attempt,
        "error": error,
    }


def lesson_detail(user, lesson, params=None, *, typed=None, errors=None) -> dict:
    course = course_of_lesson(lesson)
    enrolment = getattr(lesson, "_enrolment", None) or enrolment_of(user, course)
    parts = outline(course)
    done_ids = _done_ids(enrolment)
    flat = _annotate(parts, done_ids, lesson.pk)
    index = next((i for i, item in enumerate(flat) if item.pk == lesson.pk), 0)
    attempts = latest_attempts(user, lesson) if enrolment else {}
    errors = errors or {}
    checks = {
        block_id: check_view(
            block,
            attempts.get(block_id),
            typed if typed is not None and block_id in errors else None,
            errors.get(block_id, ""),
        )
        for block_id, block in lesson.check_blocks().items()
    }
    resume_position = 0
    resuming = params is not None and params.get("resume")
    if enrolment is not None and resuming and enrolment.last_lesson_id == lesson.pk:
        resume_position = enrolment.last_position
    return {
        "course": course,
        "outline": parts,
        "enrolment": enrolment,
        "checks": checks,
        "embedded": _embedded(user, lesson),
        "is_done": lesson.pk in done_ids,
        "checks_open": sum(
            1 for c in checks.values() if not (c["attempt"] and c["attempt"].passed)
        ),
        "previous_lesson": flat[index - 1] if index > 0 else None,
        "next_lesson": flat[index + 1] if index + 1 < len(flat) else None,
        "lesson_number": index + 1,
        "lesson_total": len(flat),
        "resume_position": resume_position,
        "may_regrade": bool(checks) and is_library_editor(user),
        "discussion_url": (
            course.discussion_category.get_absolute_url() if course.discussion_category_id else ""
        ),
    }


def my_courses(user) -> dict:
    enrolments = list(
        Enrolment.objects.filter(member=user)
        .select_related("course", "last_lesson", "cohort")
        .order_by("completed_at", "-last_seen_at", "-enrolled_at")
    )
    completions = {
        c.enrolment_id: c
        for c in Completion.objects.filter(enrolment__in=enrolments, revoked_at=None)
    }
    for enrolment in enrolments:
        enrolment.valid_completion = completions.get(enrolment.pk)
    return {
        "ongoing": [e for e in enrolments if not e.completed_at],
        "completed": [e for e in enrolments if e.completed_at],
    }


def teacher_view(user, course, params) -> dict:
    """Enrolment, progress per lesson and self-check results. Course teachers and
    editors see everyone (and pupils' reflections); a school leader sees only their
    own school's learners, without reflections."""
    teaches = access.teaches(user, course)
    schools = [] if teaches else access.led_school_ids(user)
    enrolments = Enrolment.objects.filter(course=course)
    cohorts = list(course.cohorts.all())
    cohort_id = params.get("cohort")
    cohort = next((c for c in cohorts if str(c.pk) == cohort_id), None)
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    if not teaches:
        enrolments = enrolments.filter(member__memberships__school_id__in=schools).distinct()
    figures = enrolments.aggregate(
        total=Count("pk", distinct=True),
        completed=Count("pk", distinct=True, filter=Q(completed_at__isnull=False)),
    )
    # The table is paged; the charts and figures above it count everyone.
    paginator = Paginator(
        enrolments.select_related("member", "cohort").order_by("member__display_name", "pk"),
        LEARNERS_PER_PAGE,
    )
    page_obj = paginator.get_page(params.get("page"))
    query_string = params.copy()
    query_string.pop("page", None)
    parts = outline(course)
    flat = _annotate(parts, set())
    # Everything below counts through the enrolments (indexed), not the page tree.
    enrolment_ids = enrolments.values("pk")
    done = dict(
        LessonProgress.objects.filter(enrolment__in=enrolment_ids, done_at__isnull=False)
        .values("lesson_id")
        .annotate(n=Count("pk"))
        .values_list("lesson_id", "n")
    )
    total = figures["total"]
    lesson_chart = charts.bars(
        [(f"{item.number}. {item.title}", done.get(item.pk, 0)) for item in flat],
        total=total,
        chart_id="lessons-chart",
        caption=_("Share of learners who have done each lesson"),
        label_header=_("Lesson"),
        value_header=_("Done"),
    )
    results = (
        Attempt.objects.filter(enrolment__in=enrolment_ids)
        .values("lesson_id", "block_id")
        .annotate(
            tried=Count("member_id", distinct=True),
            passed=Count("member_id", filter=~Q(correct=False), distinct=True),
            attempts=Count("pk"),
        )
    )
    items = {item.pk: item for item in flat}
    questions = {}
    check_rows = []
    for row in results:
        item = items.get(row["lesson_id"])
        question = item.questions.get(row["block_id"]) if item else None
        if question is None:
            continue
        questions[row["block_id"]] = question[0]
        check_rows.append(
            {
                "lesson": f"{item.number}. {item.title}",
                "question": question[0],
                "kind": question[1],
                "tried": row["tried"],
                "passed": row["passed"],
                "attempts": row["attempts"],
                "lesson_id": row["lesson_id"],
            }
        )
    check_chart = charts.bars(
        [(r["question"], r["passed"]) for r in check_rows],
        total=total,
        chart_id="checks-chart",
        caption=_("Share of learners who have passed each self-check"),
        label_header=_("Question"),
        value_header=_("Passed"),
    )
    reflections = []
    if teaches:
        reflections = list(
            Attempt.objects.filter(enrolment__in=enrolment_ids, kind="reflection")
            .select_related("member")
            .order_by("-created_at")[:200]
        )
        for reflection in reflections:
            reflection.question = questions.get(reflection.block_id, "")
    return {
        "learners": page_obj.object_list,
        "page_obj": page_obj,
        "querystring": query_string.urlencode(),
        "total": total,
        "completed": figures["completed"],
        "cohorts": cohorts,
        "cohort": cohort,
        "teaches": teaches,
        "lesson_chart": lesson_chart,
        "check_rows": check_rows,
        "check_chart": check_chart,
        "reflections": reflections,
        "regrades": list(RegradeLog.objects.filter(lesson__path__startswith=course.path)[:10]),
        "regrade_lessons": (
            [items[pk] for pk in dict.fromkeys(r["lesson_id"] for r in check_rows)]
            if is_library_editor(user)
            else []
        ),
    }


def completion_by_token(token: str) -> Completion | None:
    return Completion.objects.filter(token=token).select_related("course").first()
