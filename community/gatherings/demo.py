"""Demo gatherings: the real ones from the public announcements, and future ones to try."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from community.home.models import HomePage
from community.schools.models import County

from . import services
from .models import GatheringIndexPage, GatheringPage, Registration, Session

ORDER = 60
OSLO = ZoneInfo("Europe/Oslo")
CPH = ZoneInfo("Europe/Copenhagen")


def at(day: date, hour: int, minute: int = 0, zone=OSLO) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


COUNTY_GATHERINGS = [
    # (county slug, date, place, venue)
    ("innlandet", date(2022, 10, 24), "Gjøvik", "Gjøvik kulturskole"),
    ("trondelag", date(2022, 10, 25), "Trondheim", "Trondheim kommunale kulturskole"),
    ("telemark", date(2022, 10, 27), "Porsgrunn", "Porsgrunn kulturskole"),
    ("more-og-romsdal", date(2022, 10, 28), "Ålesund", "Ålesund kulturskole"),
    ("vestland", date(2022, 11, 4), "Bergen", "Bergen kulturskole"),
    ("akershus", date(2022, 11, 7), "Bærum", "Bærum kulturskole"),
    ("rogaland", date(2022, 11, 8), "Stavanger", "Stavanger kulturskole"),
    ("nordland", date(2022, 11, 9), "", ""),
]


def _page(index, slug, **fields):
    page = GatheringPage.objects.filter(slug=slug).first()
    sessions = fields.pop("sessions", [])
    if page is None:
        page = GatheringPage(slug=slug, **fields)
        index.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
    page.sessions.all().delete()
    for order, (title, kind, start, end, speakers, description) in enumerate(sessions):
        page.sessions.add(
            Session(
                title=title,
                kind=kind,
                start=start,
                end=end,
                sort_order=order,
                speakers=speakers,
                description=description,
            )
        )
    page.save_revision().publish()
    return GatheringPage.objects.get(pk=page.pk)


def seed(context: dict) -> None:
    users = context["users"]
    home = HomePage.objects.filter(depth=2).first()  # the original, not a translation
    index = GatheringIndexPage.objects.first()
    if index is None:
        index = GatheringIndexPage(
            title="Samlinger",
            slug="gatherings",
            intro="Samlinger, konferanser og webinarer for kulturskolene.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    oda = users["oda"]
    gatherings = []

    for county_slug, day, place, venue in COUNTY_GATHERINGS:
        county = County.objects.get(slug=county_slug)
        online = not place
        title = (
            f"Erfaringsdelingssamling {county.name}"
            if not online
            else "Nettsamling Nordland / Troms, Finnmark og Svalbard"
        )
        gatherings.append(
            _page(
                index,
                f"erfaringsdeling-fordypning-{county_slug}-2022",
                title=title,
                kind="experience-sharing",
                format="online" if online else "on-site",
                start=at(day, 10),
                end=at(day, 15),
                venue=venue,
                address=place,
                county=county,
                organiser_name="Norsk kulturskoleråd",
                target_groups="Ansatte ved kulturskoler, videregående skoler, folkehøgskoler, "
                "universiteter og høgskoler, og frivillige organisasjoner",
                summary="Fylkesvis erfaringsdeling om fordypningstilbud i kulturskolen, med bidrag "
                "fra tiltakene som fikk midler fra ordningen Inkluderende kulturskoler.",
                stream_url="https://meet.example.no/nettsamling-2022" if online else "",
                sessions=[
                    (
                        "Velkommen og strategien «Fordypning med mangfold»",
                        "plenary",
                        at(day, 10),
                        at(day, 10, 45),
                        "Norsk kulturskoleråd",
                        "",
                    ),
                    (
                        "Erfaringer fra tiltakene i Inkluderende kulturskoler",
                        "panel",
                        at(day, 11),
                        at(day, 12),
                        "",
                        "",
                    ),
                    ("Lunsj", "break", at(day, 12), at(day, 12, 45), "", ""),
                    (
                        "Erfaringsdeling i grupper",
                        "group-work",
                        at(day, 12, 45),
                        at(day, 14, 15),
                        "",
                        "",
                    ),
                    (
                        "Oppsummering og veien videre",
                        "plenary",
                        at(day, 14, 30),
                        at(day, 15),
                        "",
                        "",
                    ),
                ],
            )
        )

    dialogue_day = date(2018, 5, 3)
    gatherings.append(
        _page(
            index,
            "dialogkonferanse-gardermoen-2018",
            title="Dialogkonferanse: erfaringsdeling etter veiledning i 50 kommuner",
            kind="dialogue",
            format="on-site",
            start=at(dialogue_day, 10),
            end=at(dialogue_day, 16),
            venue="Gardermoen",
            address="Gardermoen",
            county=None,
            organiser_name="Norsk kulturskoleråd",
            target_groups="Representanter for kulturskoleeier, ledere og ressurslærere ved kulturskolen",
            summary="Nærmere 100 representanter fra nesten 50 kommuner oppsummerer veiledningsordningens "
            "portefølje 1 og ser på videre kvalitetsutvikling.",
            prework="<p>Individuell «hjemmelekse»: beskriv kort én praksis fra din kulturskole som "
            "du vil dele med de andre i gruppen.</p>",
            prework_due=at(dialogue_day - timedelta(days=7), 16),
            sessions=[
                (
                    "Veiledningsordningen – hva var ambisjonen? Hvor står vi nå?",
                    "plenary",
                    at(dialogue_day, 10),
                    at(dialogue_day, 10, 30),
                    "Morten Christiansen – direktør, Norsk kulturskoleråd",
                    "",
                ),
                (
                    "Møte med andres praksis",
                    "group-work",
                    at(dialogue_day, 10, 30),
                    at(dialogue_day, 12),
                    "",
                    "Arbeid i blandede grupper, etter individuell hjemmelekse.",
                ),
                ("Lunsj", "break", at(dialogue_day, 12), at(dialogue_day, 12, 45), "", ""),
                (
                    "Innspill og forventninger",
                    "plenary",
                    at(dialogue_day, 12, 45),
                    at(dialogue_day, 13, 30),
                    "",
                    "",
                ),
                (
                    "Toøyd ledelse og utfordringer i kvalitetsutvikling",
                    "plenary",
                    at(dialogue_day, 13, 30),
                    at(dialogue_day, 14, 30),
                    "Eirik Irgens – professor i utdanningsledelse, NTNU",
                    "Faglig teoretisk påfyll.",
                ),
                (
                    "Videre kvalitetsutvikling i egen kommune",
                    "group-work",
                    at(dialogue_day, 14, 45),
                    at(dialogue_day, 16),
                    "",
                    "Arbeid i kommunegrupper.",
                ),
            ],
        )
    )

    leader_day = date(2024, 10, 31)
    gatherings.append(
        _page(
            index,
            "skole-pluss-kulturskole-2024",
            title="Skole pluss kulturskole – for integrering, mestring og trivsel",
            kind="leaders",
            format="hybrid",
            start=at(leader_day, 14),
            end=at(leader_day, 16),
            venue="Seilet",
            address="Oslo",
            county=County.objects.get(slug="oslo"),
            organiser_name="Musikk i Skolen",
            target_groups="Grunnskole- og kulturskoleledere, kommunaldirektører for skole og kultur, "
            "kultur- og skolepolitikere, musikklærere og andre interesserte",
            summary="Gratis ledersamling om samarbeidet mellom skole og kulturskole i Lørenskog "
            "(«Finn din stemme»).",
            stream_url="https://stream.example.no/skole-pluss-kulturskole",
            sessions=[
                (
                    "Lørenskog deler: slik får vi det til",
                    "panel",
                    at(leader_day, 14),
                    at(leader_day, 15, 15),
                    "Kjersti Østnes Eggum – DKS-leder og assisterende rektor, Lørenskog kulturskole\n"
                    "Finn Evensen – rektor, Lørenskog kulturskole\n"
                    "May Sommerud – rektor, Solheim skole\n"
                    "Ingvill Ringholm – rektor, Åsen skole\n"
                    "Kjell Audun Holestøl – virksomhetsleder, Lørenskog Hus",
                    "Forutsigbarhet og langsiktighet, økonomisk bærekraft og forankring i skolens "
                    "læreplaner.",
                ),
                (
                    "Spørsmål fra salen og fra nett",
                    "plenary",
                    at(leader_day, 15, 15),
                    at(leader_day, 16),
                    "",
                    "",
                ),
            ],
        )
    )

    herning_day = date(2013, 9, 25)
    gatherings.append(
        _page(
            index,
            "digital-innovation-herning-2013",
            title="Digital innovation i musik- og kulturskolernes læringsmiljø",
            kind="conference",
            format="on-site",
            start=at(herning_day, 9, zone=CPH),
            end=at(herning_day, 17, zone=CPH),
            time_zone="Europe/Copenhagen",
            venue="Kulturellen i Herning og Herning Musikskole",
            address="Herning",
            county=County.objects.get(slug="region-midtjylland"),
            organiser_name="DMKL Midtjylland og SINUS",
            capacity_on_site=400,
            target_groups="Lærere fra alle musik- og kulturskolerne i Region Midtjylland",
            summary="Oplæg, diskussioner og workshops om digitale redskaber i undervisningen.",
            sessions=[
                (
                    "Musikskolens rolle i det digitale rum",
                    "plenary",
                    at(herning_day, 9, zone=CPH),
                    at(herning_day, 10, 30, zone=CPH),
                    "",
                    "",
                ),
                (
                    "Workshops: praktiske værktøjer og digitale tjenester",
                    "workshop",
                    at(herning_day, 10, 45, zone=CPH),
                    at(herning_day, 12, 30, zone=CPH),
                    "",
                    "",
                ),
                (
                    "Faglige netværk på tværs af kommunerne",
                    "group-work",
                    at(herning_day, 13, 30, zone=CPH),
                    at(herning_day, 15, zone=CPH),
                    "",
                    "",
                ),
                (
                    "Fælles forståelse for gode digitale redskaber",
                    "plenary",
                    at(herning_day, 15, 15, zone=CPH),
                    at(herning_day, 17, zone=CPH),
                    "",
                    "",
                ),
            ],
        )
    )

    # Future gatherings, so registration and live chat can be tried today.
    today = timezone.localdate(timezone.now(), OSLO)
    live = _page(
        index,
        "digital-samspill-dag",
        title="Digital samspilldag: erfaringsdeling om digitale verktøy",
        kind="experience-sharing",
        format="hybrid",
        start=at(today, 8),
        end=at(today, 21),
        venue="Bergen kulturskole",
        address="Bergen",
        county=County.objects.get(slug="vestland"),
        organiser_name="Samspill",
        capacity_on_site=40,
        capacity_online=200,
        registration_opens=at(today - timedelta(days=30), 9),
        registration_closes=at(today, 20),
        target_groups="Kulturskolelærere og ledere",
        summary="En hel dag i salen og på nett: innlegg, panel med spørsmål, gruppearbeid og "
        "åpen kafé. Prøv chat, spørsmål til panelet og avstemninger.",
        stream_url="https://meet.example.no/samspilldag",
        prework="<p>Ta med ett digitalt verktøy du bruker i undervisningen, og hva kommunen sier om "
        "personvernet.</p>",
        prework_due=at(today, 8),
        sessions=[
            (
                "Velkommen: 120 lærere uten kontor",
                "plenary",
                at(today, 8),
                at(today, 10),
                "Jon Raundalen – rektor, Bergen kulturskole",
                "",
            ),
            (
                "Panel: personvern og programvalg",
                "panel",
                at(today, 10),
                at(today, 12),
                "Astrid Haugland – lærer\nKari Nilsen – lærer",
                "",
            ),
            ("Lunsj", "break", at(today, 12), at(today, 12, 30), "", ""),
            (
                "Gruppearbeid: vår beste digitale praksis",
                "group-work",
                at(today, 12, 30),
                at(today, 16),
                "",
                "Blandede grupper på tvers av kommuner.",
            ),
            ("Åpen kafé og oppsummering", "plenary", at(today, 16), at(today, 21), "", ""),
        ],
    )
    gatherings.append(live)
    webinar_day = today + timedelta(days=17)
    webinar = _page(
        index,
        "webinar-personvern-digitale-verktoy",
        title="Webinar: personvern og digitale verktøy i kulturskolen",
        kind="webinar",
        format="online",
        start=at(webinar_day, 14),
        end=at(webinar_day, 15, 30),
        county=None,
        organiser_name="Samspill",
        capacity_online=300,
        audience="anyone",
        summary="Hva må en databehandleravtale dekke, og hvilke verktøy er godkjent hvor?",
        stream_url="https://meet.example.no/webinar-personvern",
        sessions=[
            ("Personvern i praksis", "plenary", at(webinar_day, 14), at(webinar_day, 15), "", ""),
            ("Spørsmål og svar", "panel", at(webinar_day, 15), at(webinar_day, 15, 30), "", ""),
        ],
    )
    gatherings.append(webinar)
    spring = today + timedelta(days=80)
    vestland = _page(
        index,
        "fylkessamling-vestland-2027",
        title="Fylkessamling for kulturskolene i Vestland",
        kind="experience-sharing",
        format="on-site",
        start=at(spring, 10),
        end=at(spring, 15),
        venue="Grieghallen",
        address="Bergen",
        county=County.objects.get(slug="vestland"),
        organiser_name="Kulturskolene i Vestland",
        capacity_on_site=3,
        summary="Erfaringsdeling mellom kulturskolene i fylket.",
        sessions=[
            ("Erfaringsdeling", "group-work", at(spring, 10), at(spring, 14), "", ""),
            ("Oppsummering", "plenary", at(spring, 14), at(spring, 15), "", ""),
        ],
    )
    gatherings.append(vestland)
    for page in gatherings:
        page.organisers.set([oda])
        page.save()

    # Registrations: today's hybrid day in both modes, with breakout groups.
    for key, mode in [
        ("astrid", "online"),
        ("jon", "on-site"),
        ("kari", "on-site"),
        ("ola", "online"),
        ("lars", "on-site"),
        ("mette", "online"),
        ("magnus", "online"),
    ]:
        _register(live, users[key], mode)
    _register(webinar, users["ingrid"], "online")
    _register(webinar, users["astrid"], "online")
    for key in ("astrid", "jon", "kari"):
        _register(vestland, users[key], "on-site")
    _register(vestland, users["ola"], "on-site")  # full: the waiting list
    # Colleagues from around the country fill today's day, in the hall and online, so
    # the organiser's page has a picture of who comes from where.
    community = context.get("community", {})
    for key, mode in [
        ("sigrid", "online"),
        ("haakon", "online"),
        ("marte", "online"),
        ("nils", "online"),
        ("ragnhild", "online"),
        ("tone", "on-site"),
        ("eirik", "online"),
        ("anne", "online"),
        ("per", "on-site"),
        ("silje", "on-site"),
        ("yusuf", "online"),
        ("jens", "online"),
    ]:
        if key in community:
            _register(live, community[key], mode)
    group_session = live.sessions.get(kind="group-work")
    services.groups_create(session=group_session, method="mixed", size=3)
    past = _past_participants(gatherings, users, community)
    context["gatherings"] = {
        "live": live,
        "webinar": webinar,
        "vestland": vestland,
        "past": past,
    }


def _register(gathering, user, mode):
    if not Registration.objects.filter(gathering=gathering, user=user).exists():
        services.registration_create(
            gathering=gathering, user=user, mode=mode, now=gathering.start - timedelta(days=1)
        )


# Who came to the past leader gathering in Oslo, how, and who never checked in.
PAST_PARTICIPANTS = [
    ("lars", "on-site", True),
    ("jon", "on-site", True),
    ("astrid", "on-site", True),
    ("yusuf", "on-site", True),
    ("eirik", "on-site", True),
    ("silje", "on-site", False),
    ("kari", "online", False),
    ("ola", "online", False),
    ("anne", "online", False),
    ("nils", "online", False),
    ("ragnhild", "online", False),
    ("mette", "online", False),
]


def _past_participants(gatherings, users, community):
    """The 2024 leader gathering as it happened: registrations in both modes, check-ins
    at the door, and its experience-exchange space opened afterwards (the chat demo
    adds the conversation and the published transcript)."""
    past = next(g for g in gatherings if g.slug == "skole-pluss-kulturskole-2024")
    people = {**users, **community}
    for minutes, (key, mode, checked_in) in enumerate(PAST_PARTICIPANTS):
        if key not in people:
            continue
        _register(past, people[key], mode)
        if checked_in:
            # At the door, a few minutes apart, before the panel started.
            Registration.objects.filter(
                gathering=past, user=people[key], checked_in_at=None
            ).update(checked_in_at=past.start - timedelta(minutes=25 - 2 * minutes))
    if not past.exchange_category_id:
        services.exchange_space_open(gathering=past, user=users["oda"])
    return GatheringPage.objects.get(pk=past.pk)
