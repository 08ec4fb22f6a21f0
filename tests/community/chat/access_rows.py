from community.chat.models import Room
from tests.access import Row
from tests.factories.gatherings import build_gathering, register

LOGIN = 302


def setup(people):
    gathering = build_gathering(
        organisers=[people["organiser"]], slug="chat-matrix", audience="anyone"
    )
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
# Publishing needs the exchange space: organisers are told so (redirect back with a message).
ROWS.append(
    Row(
        "chat:publish",
        method="post",
        args=lambda o: [o["lobby"].pk],
        expect={
            **PARTICIPANTS,
            "teacher": 302,
            "pupil": 302,
            "organiser": 302,
            "moderator": 302,
            "admin": 302,
        },
    )
)
