"""Demo chat: the conversation at the past leader gathering (lobby, panel and questions
from the hall and from online), its transcript published in the gathering's exchange
space, and a little chatter in today's lobby.

Messages are written in bulk with their own times (a closed room refuses new
messages, and the times belong to the day itself). The gathering demo recreates
session rooms on every run, so a room without messages is filled again; the lobby
and the transcript are filled once.
"""

from datetime import timedelta

from django.utils import timezone

from forums.models import Post

from . import services
from .models import Message, Question, Room, RoomKind

ORDER = 62

LOBBY = [
    (-30, "lars", "God morgen fra Lørenskog! Vi er på plass i Seilet, kaffen er klar."),
    (-26, "kari", "Hei fra Gjøvik, følger på nett i dag. Lyden er god."),
    (-24, "mette", "Hej fra Herning! Spændende at høre, hvordan I gør det i Lørenskog."),
    (-20, "nils", "Bodø her. Bildet hakker litt, men det kommer seg."),
    (-15, "eirik", "Sitter bakerst i salen. Flott å se så mange skoleledere her."),
    (-5, "oda", "Vi starter om fem minutter. Spørsmål til panelet legger dere i Q&A-fanen."),
    (125, "anne", "Takk for i dag! Jeg tar med meg tanken om én felles kalender."),
    (128, "ola", "Takk fra Trondheim. Lenke til opptaket kommer vel i forumet?"),
    (130, "oda", "Ja: transkripsjonen legges i erfaringsrommet, og opptaket kommer dit også."),
]

PANEL = [
    (3, "kari", "Jeg mistet lyden et øyeblikk: hvor mange skoler er med i «Finn din stemme»?"),
    (5, "astrid", "Det står på lysbildet de viser nå, og lysbildene legges ut etterpå."),
    (12, "ragnhild", "Hvordan fikk dere rektorene med fra starten?"),
    (14, "lars", "Vi startet med rektorer som ville, og lot resultatene snakke."),
    (22, "yusuf", "Det viktigste for oss var at kulturskolelærerne ble en del av skolens team."),
    (31, "anne", "Forutsigbarhet går igjen i alt de sier. Samme tid, samme sted, hvert år."),
    (40, "nils", "Er det noen som har prøvd dette i små kommuner med lange avstander?"),
    (43, "jon", "Bergen har et lite forsøk på to skoler. Jeg deler gjerne erfaringene."),
    (55, "mette", "Hos os er det kommunen, der betaler. Hvem betaler i Lørenskog?"),
    (58, "lars", "Skolen og kulturskolen deler kostnaden, etter en fast nøkkel."),
    (70, "silje", "Takk for et veldig konkret panel."),
]

QUESTIONS = [
    ("ragnhild", "Hvordan sikrer dere at samarbeidet overlever et rektorbytte?", 9, True),
    ("nils", "Kan modellen brukes i kommuner med under 5 000 innbyggere?", 6, True),
    ("kari", "Hvordan måler dere om elevene trives bedre?", 4, True),
    ("eirik", "Hva gjør dere med elever som ikke vil synge?", 2, False),
]

TODAY = [
    (-40, "astrid", "God morgen! Jeg er online i dag, kontoret mitt er kjøkkenbordet."),
    (-35, "tone", "Hei fra Sandnes, sitter i salen i Bergen."),
    (-30, "jens", "Hej fra Herning, jeg følger med på nettet."),
    (-20, "jon", "Velkommen alle sammen! Lunsj er kl. 12 for dere i salen."),
]


def _fill(room: Room, lines, start, people) -> None:
    if room.messages.exists():
        return
    messages = []
    for seq, (minutes, key, text) in enumerate(lines, start=1):
        messages.append(
            Message(
                room=room,
                seq=seq,
                author=people[key],
                text=text,
                created_at=start + timedelta(minutes=minutes),
            )
        )
    Message.objects.bulk_create(messages)
    Room.objects.filter(pk=room.pk).update(last_seq=len(messages))


def seed(context: dict) -> None:
    people = {**context["users"], **context.get("community", {})}
    oda = people["oda"]
    gatherings = context["gatherings"]
    past = gatherings["past"]
    rooms = {
        room.kind if room.kind == RoomKind.LOBBY else room.title: room
        for room in (Room.objects.filter(gathering=past))
    }
    _fill(rooms[RoomKind.LOBBY], LOBBY, past.start, people)
    panel_session = past.sessions.get(kind="panel")
    panel = rooms[panel_session.title]
    _fill(panel, PANEL, panel_session.start, people)
    if not panel.questions.exists():
        Question.objects.bulk_create(
            Question(
                room=panel,
                author=people[key],
                text=text,
                votes=votes,
                created_at=panel_session.start + timedelta(minutes=10 + n * 7),
                answered_at=panel_session.end - timedelta(minutes=20 - n * 5) if done else None,
            )
            for n, (key, text, votes, done) in enumerate(QUESTIONS)
        )
    # The organiser publishes the panel's transcript in its exchange topic (once).
    from community.gatherings.services import exchange_topic_for

    topic = exchange_topic_for(past, panel.title)
    if (
        topic is not None
        and not Post.objects.filter(topic=topic, author=oda, number__gt=1).exists()
    ):
        services.transcript_publish(room=panel, user=oda)
    live = gatherings["live"]
    lobby = Room.objects.get(gathering=live, kind=RoomKind.LOBBY)
    _fill(lobby, TODAY, timezone.now(), people)
