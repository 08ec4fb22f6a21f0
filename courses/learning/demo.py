"""Demo courses: one for teachers, a learning path for pupils with listening
questions, and one made from a past demo gathering; demo members at different
stages. Called from courses/demo.py; safe to run again (existing courses are kept)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from courses.demo_media import melody_wav
from courses.snippets import Discipline, Level

from . import build, grading, services
from .models import CoursePage, Enrolment, LessonPage

TEACHERS_SLUG = "digital-undervisning-i-kulturskolen"
PUPILS_SLUG = "rytme-og-noter-for-nybegynnere"
GATHERING_SLUG = "dialogkonferanse-gardermoen-2018"
REFLECTIONS = {
    "Før du tar opp elever": "Vi tar opp konserter på iPad; de lagres i kommunens skylagring.",
}


def _clip(title: str, notes, beat: float):
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    document = model(title=title)
    document.file.save(
        f"{title.lower().replace(' ', '-')}.wav", ContentFile(melody_wav(notes, beat)), save=False
    )
    document._set_document_file_metadata()
    document.save()
    return document


def _page_id(slug: str) -> int | None:
    return Page.objects.filter(slug=slug).values_list("pk", flat=True).first()


def _embed(slug: str, note: str = "") -> list[dict]:
    page_id = _page_id(slug)
    return [build.resource(page_id, note)] if page_id else []


def _teachers_course(schools, users) -> CoursePage:
    p, c, o = build.paragraph, build.check, build.option
    modules = [
        (
            "Verktøy",
            [
                {
                    "title": "Velg verktøy med omhu",
                    "summary": "Hva spør du om før du tar i bruk et nytt digitalt verktøy?",
                    "body": [
                        p(
                            "<p>Et godt verktøy løser et pedagogisk behov, fungerer for alle elever "
                            "og er godkjent av kommunen. Start med behovet, ikke med appen.</p>"
                        ),
                        *_embed(
                            "musescore", "Les veiledningen og legg merke til personvernstatusen."
                        ),
                        c(
                            "single",
                            "Hva bør du sjekke først før elevene tar i bruk en ny app?",
                            [
                                o("At appen er gratis", feedback="Pris er viktig, men ikke først."),
                                o(
                                    "At kommunen har vurdert personvernet og har databehandleravtale",
                                    correct=True,
                                    feedback="Riktig: uten avtale skal ikke elevdata inn i appen.",
                                ),
                                o("At elevene liker appen"),
                            ],
                            right="Bra!",
                            wrong="Se på personvernstatusen i veiledningen.",
                        ),
                    ],
                },
            ],
        ),
        (
            "Personvern og GDPR i praksis",
            [
                {
                    "title": "Hva er en personopplysning?",
                    "body": [
                        p(
                            "<p>En personopplysning er alt som kan knyttes til en person: navn, "
                            "bilde, lydopptak av en elev som spiller, e-postadresse.</p>"
                        ),
                        c(
                            "multiple",
                            "Hvilke av disse er personopplysninger?",
                            [
                                o("Et lydopptak av en elev som spiller", correct=True),
                                o("Elevens navn på en konsertplakat", correct=True),
                                o(
                                    "Et notehefte uten navn",
                                    feedback="Uten navn er det ingen person.",
                                ),
                            ],
                        ),
                    ],
                },
                {
                    "title": "Før du tar opp elever",
                    "body": [
                        p(
                            "<p>Opptak av elever krever et behandlingsgrunnlag og tydelig informasjon.</p>"
                        ),
                        c(
                            "ordering",
                            "Sett stegene i riktig rekkefølge:",
                            [
                                o("Finn formålet med opptaket"),
                                o("Sjekk behandlingsgrunnlag og avtaler"),
                                o("Informer elever og foresatte"),
                                o("Ta opp og lagre på godkjent sted"),
                            ],
                        ),
                        c("reflection", "Hvilke opptak gjør du i dag, og hvor lagres de?"),
                    ],
                },
            ],
        ),
        (
            "Hybride timer",
            [
                {
                    "title": "Planlegg en hybrid time",
                    "body": [
                        p(
                            "<p>I en hybrid time er noen elever i rommet og noen på skjermen. Lyd "
                            "er viktigst: uten god lyd faller de på skjermen ut.</p>"
                        ),
                        *_embed("teams-undervisning", "Prøv lydinnstillingene før timen."),
                        c(
                            "single",
                            "Hva er viktigst for elevene som er med på nett?",
                            [
                                o("God lyd", correct=True),
                                o(
                                    "Høy bildeoppløsning",
                                    feedback="Bilde hjelper, men lyd er viktigst.",
                                ),
                            ],
                        ),
                    ],
                },
            ],
        ),
    ]
    course = build.course_create(
        title="Digital undervisning i kulturskolen",
        slug=TEACHERS_SLUG,
        summary="Verktøy, personvern og GDPR i praksis, og hybride timer – for lærere.",
        audience="teachers",
        author_name="Astrid Haugland",
        school=schools["Bergen"],
        estimated_hours=3,
        learning_goals="Velge digitale verktøy trygt\nVite hva en personopplysning er\n"
        "Planlegge en hybrid time",
        modules=modules,
        publish=False,
    )
    return _finish(course, ["music", "media"], ["beginner"], [users["astrid"]])


def _pupils_course(schools, users) -> CoursePage:
    p, c, o = build.paragraph, build.check, build.option
    four = _clip("Lytt: fire slag", (60, 60, 60, 60), 0.5)
    three = _clip("Lytt: tre slag i takt", (67, 60, 60, 67, 60, 60), 0.4)
    long_short = _clip("Lytt: lang og kort", (64, 64, 64), 0.25)
    modules = [
        (
            "Puls og takt",
            [
                {
                    "title": "Finn pulsen",
                    "body": [
                        p("<p>Pulsen er de jevne slagene i musikken. Klapp med mens du hører.</p>"),
                        *_embed("rytmelek-5-minutter", "Prøv oppvarmingen sammen med læreren din."),
                        *_embed("fordypning-repertoar-piano"),  # for teachers: pupils never see it
                        c(
                            "audio",
                            "Hør klippet. Hvor mange slag hører du?",
                            [
                                o("Tre"),
                                o("Fire", correct=True, feedback="Ja! Fire jevne slag."),
                                o("Seks"),
                            ],
                            audio=four.pk,
                            wrong="Klapp med og tell en gang til.",
                        ),
                    ],
                },
                {
                    "title": "Takt",
                    "body": [
                        p("<p>Taktarten forteller hvor mange slag det er i hver takt.</p>"),
                        c(
                            "audio",
                            "Hør etter det sterke slaget. Hvilken taktart er det?",
                            [o("2/4"), o("3/4", correct=True), o("4/4")],
                            audio=three.pk,
                        ),
                    ],
                },
            ],
        ),
        (
            "Noteverdier",
            [
                {
                    "title": "Hel-, halv- og fjerdedelsnoter",
                    "body": [
                        p(
                            "<p>En helnote varer i fire slag, en halvnote i to og en fjerdedel i ett.</p>"
                        ),
                        c(
                            "ordering",
                            "Sett notene fra lengst til kortest:",
                            [o("Helnote"), o("Halvnote"), o("Fjerdedelsnote")],
                        ),
                        c(
                            "single",
                            "Hvor mange fjerdedeler er det i en halvnote?",
                            [o("En"), o("To", correct=True), o("Fire")],
                        ),
                    ],
                },
                {
                    "title": "Lytt og tell",
                    "body": [
                        c(
                            "audio",
                            "Er tonene i klippet like lange?",
                            [o("Ja", correct=True), o("Nei")],
                            audio=long_short.pk,
                        ),
                    ],
                },
            ],
        ),
        (
            "Første rytmelesing",
            [
                {
                    "title": "Les og klapp",
                    "body": [
                        p(
                            "<p>Klapp en takt med to fjerdedeler og en halvnote. Si «ta ta taa».</p>"
                        ),
                        c("reflection", "Hva var lett, og hva var vanskelig?"),
                    ],
                },
            ],
        ),
    ]
    course = build.course_create(
        title="Rytme og noter for nybegynnere",
        slug=PUPILS_SLUG,
        summary="En læringssti for elever: puls, takt og noteverdier, med lytteoppgaver.",
        audience="pupils",
        author_name="Astrid Haugland",
        school=schools["Bergen"],
        estimated_hours=2,
        learning_goals="Kjenne pulsen\nHøre taktarten\nLese enkle rytmer",
        modules=modules,
        publish=False,
    )
    return _finish(course, ["music"], ["beginner"], [users["astrid"]])


def _finish(course, disciplines, levels, teachers) -> CoursePage:
    course.disciplines.set(Discipline.objects.filter(slug__in=disciplines))
    course.levels.set(Level.objects.filter(slug__in=levels))
    course.teachers.set(teachers)
    course.save()
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def _answer(member, lesson, *, right: bool = True) -> None:
    for block_id, block in lesson.check_blocks().items():
        options = grading.options_of(block.value)
        kind = block.value["kind"]
        if kind == "reflection":
            data = (
                {"text": [REFLECTIONS[lesson.title]]}
                if lesson.title in REFLECTIONS
                else {"text": ["Det var lett å klappe, vanskeligere å telle samtidig."]}
            )
        elif kind == "ordering":
            order = options if right else list(reversed(options))
            data = {f"position-{o.id}": [str(n)] for n, o in enumerate(order, start=1)}
        else:
            chosen = [o.id for o in options if o.correct == right]
            if kind != "multiple" or not right:
                chosen = chosen[:1]
            data = {"choice": chosen}
        services.attempt_submit(member=member, lesson=lesson, block_id=block_id, data=data)


def _progress(course, member, done: int, *, wrong_next: bool = False) -> None:
    if Enrolment.objects.filter(member=member, course=course).exists():
        return
    enrolment = services.enrolment_create(course=course, member=member)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    for lesson in lessons[:done]:
        _answer(member, lesson)
        services.lesson_done(member=member, lesson=lesson)
    if wrong_next and done < len(lessons):
        _answer(member, lessons[done], right=False)
    if done:
        services.lesson_visit(enrolment=enrolment, lesson=lessons[min(done, len(lessons) - 1)])


def _gathering_course(users):
    from community.gatherings import services as gathering_services
    from community.gatherings.models import GatheringPage

    from .gathering import course_from_gathering

    gathering = GatheringPage.objects.filter(slug=GATHERING_SLUG).first()
    if gathering is None or CoursePage.objects.filter(source_gathering=gathering).exists():
        return
    before = gathering.start - timedelta(days=10)
    for key in ("jon", "kari", "lars"):
        registration = gathering.registrations.filter(user=users[key]).first()
        if registration is None:
            registration = gathering_services.registration_create(
                gathering=gathering, user=users[key], mode="on-site", now=before
            )
        if registration.checked_in_at is None:
            registration.checked_in_at = gathering.start
            registration.save(update_fields=["checked_in_at"])
    course = course_from_gathering(gathering=gathering, user=users["oda"])
    course.learning_goals = "Dele praksis på tvers av kommuner\nPlanlegge kvalitetsutvikling lokalt"
    course.save()
    course.save_revision(user=users["oda"]).publish()


def seed(context: dict) -> None:
    users, schools = context["users"], context["schools"]
    teachers = CoursePage.objects.filter(slug=TEACHERS_SLUG).first() or _teachers_course(
        schools, users
    )
    pupils = CoursePage.objects.filter(slug=PUPILS_SLUG).first() or _pupils_course(schools, users)
    _progress(teachers, users["astrid"], done=4)  # completed: a completion page and badge
    _progress(teachers, users["kari"], done=2, wrong_next=True)
    _progress(teachers, users["ola"], done=0)
    _progress(pupils, users["ingrid"], done=2, wrong_next=True)
    _progress(pupils, users["emil"], done=0)
    _gathering_course(users)
    context.setdefault("courses", {}).update({"teachers": teachers, "pupils": pupils})
