from community.chat.models import Room
from tests.access import Row
from tests.factories.gatherings import build_gathering, register

LOGIN = 302


def setup(people):
    gathering = build_gathering(organisers=[people["organiser"]], slug="chat-matrix")
    register(gathering, people["teacher"], "online")
    register(gathering, people["pupil"], "online")
    return {"lobby": Room.objects.get(gathering=gathering, kind="lobby")}


# Registered participants, the gathering's organisers and site moderators; nobody else.
PARTICIPANTS = {
    "*": 403,
    "teacher": 200,
    "pupil": 200,
    "organiser": 200,
    "moderator": 200,
    "admin": 200,
    "visitor": LOGIN,
}

ROWS = [
    Row("chat:room", args=lambda o: [o["lobby"].pk], expect=PARTICIPANTS),
    Row("chat:panel", args=lambda o: [o["lobby"].pk], expect=PARTICIPANTS),
]
