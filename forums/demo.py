"""Demo forums: categories per discipline and for digital tools, 30 topics and 300+ posts
among the demo members, with solved questions, reactions and mentions.

Posts are created in bulk (one INSERT per table, Markdown rendered in Python), so the
whole seed takes well under a second. Categories are updated in place; topics are
created only the first time, so running seed_demo again keeps members' own posts.
"""

import random
from datetime import timedelta

from django.utils import timezone

from community.notifications.services import notify

from .markup import render_markdown
from .models import Category, Post, Reaction, Subscription, Topic, TopicKind

ORDER = 50

# slug: (title, description, parent slug, read audience, post audience, pupils may post)
CATEGORIES = {
    "musikk": (
        "Musikk",
        "Instrumentalundervisning, samspill og korps.",
        None,
        "everyone",
        "members",
        False,
    ),
    "piano": (
        "Piano og tangenter",
        "Metodikk, repertoar og øving.",
        "musikk",
        "everyone",
        "members",
        False,
    ),
    "strykere": (
        "Strykere",
        "Fiolin, bratsj, cello og kontrabass.",
        "musikk",
        "everyone",
        "members",
        False,
    ),
    "dans": ("Dans", "Klassisk, moderne, hiphop og folkedans.", None, "everyone", "members", False),
    "teater": (
        "Teater",
        "Drama, improvisasjon og forestillinger.",
        None,
        "everyone",
        "members",
        False,
    ),
    "visuell-kunst": (
        "Visuell kunst",
        "Tegning, maling, keramikk og foto.",
        None,
        "everyone",
        "members",
        False,
    ),
    "digitale-verktoy": (
        "Digitale verktøy",
        "Apper, notasjon, opptak og nettundervisning, trygt og uten sporing.",
        None,
        "everyone",
        "members",
        False,
    ),
    "lederforum": (
        "Lederforum",
        "For lærere og ledere: drift, samarbeid med skolen, fordypning.",
        None,
        "teachers",
        "teachers",
        False,
    ),
    "elevhjornet": (
        "Elevhjørnet",
        "For elever: spør om øving, konserter og utstyr.",
        None,
        "members",
        "members",
        True,
    ),
}

# (category, kind, title, first post); replies come from REPLIES.
TOPICS = [
    (
        "piano",
        "question",
        "Hvordan motivere 10-åringer til å øve skalaer?",
        "Mine elever kjeder seg med skalaer. Har dere triks som virker?",
    ),
    (
        "piano",
        "discussion",
        "Repertoar for voksne nybegynnere",
        "Jeg har fått tre voksne elever i høst. Hvilke bøker bruker dere?",
    ),
    (
        "piano",
        "question",
        "Pedalbruk i Satie: hvor mye?",
        "Gymnopédie nr. 1: hvor mye pedal lar dere elevene bruke?",
    ),
    (
        "piano",
        "discussion",
        "Firhendig som samspill i gruppe",
        "Vi prøver firhendig i grupper på fire. Erfaringer?",
    ),
    (
        "strykere",
        "question",
        "Stemming av små fioliner før time",
        "Går det bort ti minutter av timen til stemming hos dere også?",
    ),
    (
        "strykere",
        "discussion",
        "Suzuki eller tradisjonell start?",
        "Hva har dere best erfaring med for 6-åringer?",
    ),
    (
        "strykere",
        "discussion",
        "Celloensemble på tvers av nivå",
        "Vi lager et ensemble der nybegynnere og viderekomne spiller sammen.",
    ),
    (
        "musikk",
        "discussion",
        "Korps og kulturskole: felles fordypning",
        "Lørenskog har testet felles fordypningsprogram med korpset.",
    ),
    (
        "musikk",
        "question",
        "Gehørtrening uten noter først?",
        "Starter dere med gehør før noter, og hvor lenge?",
    ),
    (
        "dans",
        "discussion",
        "Oppvarming for blandede aldersgrupper",
        "Hvordan legger dere opp oppvarming når alderen spriker fra 8 til 16?",
    ),
    (
        "dans",
        "question",
        "Musikkrettigheter på forestilling",
        "Trenger vi egen avtale for innspilt musikk på vårforestillingen?",
    ),
    (
        "dans",
        "discussion",
        "Hiphop-grupper: gutter som slutter ved 13",
        "Vi mister mange gutter rundt 13 år. Hva gjør dere?",
    ),
    (
        "teater",
        "discussion",
        "Improøvelser som får alle med",
        "Del favorittøvelsene for sjenerte elever!",
    ),
    (
        "teater",
        "question",
        "Manus for 12 elever, 40 minutter",
        "Noen tips til manus som passer en gruppe på tolv?",
    ),
    (
        "teater",
        "discussion",
        "Samarbeid med grunnskolen om forestilling",
        "Skole pluss kulturskole: hvordan deler dere ansvaret?",
    ),
    (
        "visuell-kunst",
        "discussion",
        "Keramikk: brenning uten egen ovn",
        "Vi har ikke ovn. Samarbeider dere med andre?",
    ),
    (
        "visuell-kunst",
        "question",
        "Digital tegning på nettbrett: hvilke apper?",
        "Vi vil prøve tegning på nettbrett. Hva fungerer uten konto?",
    ),
    (
        "visuell-kunst",
        "discussion",
        "Utstilling på biblioteket",
        "Vi stiller ut elevarbeider på biblioteket i mai.",
    ),
    (
        "digitale-verktoy",
        "question",
        "Notasjonsprogram som er gratis og uten sporing",
        "Hva bruker dere? MuseScore?",
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Nettundervisning med forsinkelse",
        "Samspill over nett er vanskelig med forsinkelse. Erfaringer?",
    ),
    (
        "digitale-verktoy",
        "question",
        "Opptak av elevkonsert: samtykke",
        "Hvordan innhenter dere samtykke før opptak?",
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Metronom-apper uten reklame",
        "Del gode metronom-apper som ikke viser reklame for barn.",
    ),
    (
        "digitale-verktoy",
        "discussion",
        "Digital innovasjon: Herning 2013, hva skjedde siden?",
        "Konferansen i Herning samlet 400 lærere. Hva har endret seg?",
    ),
    (
        "lederforum",
        "discussion",
        "Timeplan med grunnskolen",
        "Hvordan får dere til timer i skoletiden?",
    ),
    (
        "lederforum",
        "question",
        "Ventelister: hvem prioriteres?",
        "Har dere kriterier for ventelisten som dere kan dele?",
    ),
    (
        "lederforum",
        "discussion",
        "Fordypningsprogram: erfaringssamlingene høsten 2022",
        "Hva tok dere med hjem fra samlingene i fylkene?",
    ),
    (
        "lederforum",
        "discussion",
        "Rekruttering av lærere i distriktet",
        "Vi sliter med å rekruttere. Deler dere stillinger med nabokommuner?",
    ),
    (
        "elevhjornet",
        "question",
        "Hvor lenge bør jeg øve hver dag?",
        "Jeg spiller gitar og lurer på hvor mye jeg bør øve.",
    ),
    ("elevhjornet", "discussion", "Nervøs før konsert", "Hva gjør dere for å ikke bli så nervøse?"),
    (
        "elevhjornet",
        "discussion",
        "Beste låt å spille sammen",
        "Hvilken låt er mest gøy å spille i band?",
    ),
    (
        "elevhjornet",
        "question",
        "Kan jeg låne instrument i sommerferien?",
        "Får man låne instrumentet hjem i ferien?",
    ),
]

REPLIES = [
    "Vi har god erfaring med å gjøre det til en lek: **terning** bestemmer tempo.",
    "Enig! Det viktigste er at de får mestre noe hver uke.",
    "Vi prøvde dette i fjor.\n\n- korte økter\n- tydelige mål\n- litt konkurranse",
    "> Det viktigste er mestring\n\nHelt enig, og la elevene velge noe selv.",
    "Har dere prøvd å la elevene ta opp seg selv? Det gir mye refleksjon.",
    "Vi samarbeider med nabokommunen om dette, det har fungert fint.",
    "Takk for tipset, dette skal jeg teste neste uke!",
    "Dette tok vi opp på samlingen i Gjøvik. Se *notatene* i ressursbanken.",
    "Et triks: avslutt timen med noe eleven allerede kan, så går de hjem glade.",
    "Vi bruker tre faste steg: lytte, herme, lese.",
    "Jeg er litt uenig: noen elever trenger struktur fra første dag.",
    "Prøvde det nå, og det virket over forventning.",
    "Kan anbefale å spørre foreldrene tidlig, da blir alt enklere.",
    "Vi har laget en sjekkliste som vi deler gjerne.",
    "Godt poeng. Vi har hatt samme utfordring.",
    "Det viktigste for oss var å sette av tid til planlegging sammen.",
]

MENTIONS = ["AstridHaugland", "KariNilsen", "OlaBerg", "LarsLie"]
REACTION_KINDS = ["👍", "❤️", "🎵", "💡"]


def _categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for position, (slug, (title, description, parent, read, post, pupils)) in enumerate(
        CATEGORIES.items()
    ):
        category, _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "parent": categories.get(parent) if parent else None,
                "read_audience": read,
                "post_audience": post,
                "allow_pupils": pupils,
                "position": position,
            },
        )
        categories[slug] = category
    return categories


def seed(context: dict) -> None:
    categories = _categories()
    if Topic.objects.filter(category__in=categories.values()).exists():
        return
    users = context["users"]
    rng = random.Random(2024)  # the same demo every time
    adults = [users[key] for key in ("astrid", "jon", "lars", "kari", "ola", "mette", "oda")]
    pupils_corner = [users["ingrid"], users["astrid"], users["kari"]]
    now = timezone.now()
    posts: list[Post] = []
    topics: list[Topic] = []
    for index, (slug, kind, title, first_body) in enumerate(TOPICS):
        category = categories[slug]
        people = pupils_corner if slug == "elevhjornet" else adults
        author = people[index % len(people)]
        started = now - timedelta(days=40 - index, hours=rng.randint(0, 12))
        count = 10 + (index % 4)  # 10 to 13 posts per topic: 300+ in all
        topic = Topic.objects.create(
            category=category,
            title=title,
            kind=kind,
            author=author,
            last_post_at=started,
            last_post_author=author,
            is_pinned=index == 0,
        )
        topics.append(topic)
        when = started
        for number in range(1, count + 1):
            writer = author if number == 1 else rng.choice(people)
            if number == 1:
                body = first_body
            else:
                body = rng.choice(REPLIES)
                if number % 5 == 0:
                    body = f"@{rng.choice(MENTIONS)} {body}"
            when += timedelta(hours=rng.randint(1, 20))
            posts.append(
                Post(
                    topic=topic,
                    number=number,
                    author=writer,
                    body=body,
                    body_html=render_markdown(body),
                    reaction_counts={},
                )
            )
        topic.last_number = topic.post_count = count
        topic.last_post_at = min(when, now)
        topic.last_post_author = posts[-1].author
    Post.objects.bulk_create(posts)
    # auto_now_add ignores the spread-out times; set them in one pass per topic.
    by_topic: dict[int, list[Post]] = {}
    for post in Post.objects.filter(topic__in=topics).order_by("topic_id", "number"):
        by_topic.setdefault(post.topic_id, []).append(post)
    reactions = []
    reactors = [u for u in users.values() if u.is_active]
    for topic in topics:
        thread = by_topic[topic.pk]
        step = (topic.last_post_at - (now - timedelta(days=41))) / max(len(thread), 1)
        for i, post in enumerate(thread):
            post.created_at = topic.last_post_at - step * (len(thread) - 1 - i)
            for member in rng.sample(reactors, rng.randint(0, 4)):
                kind = rng.choice(REACTION_KINDS)
                reactions.append(Reaction(post=post, user=member, kind=kind))
                post.reaction_counts[kind] = post.reaction_counts.get(kind, 0) + 1
        if topic.kind == TopicKind.QUESTION:
            topic.solution = thread[2]
    Post.objects.bulk_update(
        [p for thread in by_topic.values() for p in thread], ["created_at", "reaction_counts"]
    )
    Reaction.objects.bulk_create(reactions)
    Topic.objects.bulk_update(
        topics,
        ["last_number", "post_count", "last_post_at", "last_post_author", "solution"],
    )
    Subscription.objects.bulk_create(
        [Subscription(user=t.author, topic=t) for t in topics], ignore_conflicts=True
    )
    for category in categories.values():
        mine = [t for t in topics if t.category_id == category.pk]
        category.topic_count = len(mine)
        category.post_count = sum(t.post_count for t in mine)
        category.last_post_at = max((t.last_post_at for t in mine), default=None)
    Category.objects.bulk_update(
        list(categories.values()), ["topic_count", "post_count", "last_post_at"]
    )
    # A few notifications so the header's count and list have something to show.
    astrid = users["astrid"]
    for topic in topics[:3]:
        notify(
            recipient=astrid,
            kind="forums.reply",
            title=f"Nytt svar i «{topic.title}»",
            url=topic.get_absolute_url(),
            actor=users["kari"],
            mail=False,
        )
