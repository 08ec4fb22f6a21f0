from tests.access import Row
from tests.factories.gatherings import build_gathering, register

LOGIN = 302


def setup(people):
    gathering = build_gathering(
        organisers=[people["organiser"]],
        slug="matrix",
        capacity_on_site=10,
        stream_url="https://meet.example.no/x",
    )
    registration = register(gathering, people["teacher"], "on-site")
    session = gathering.sessions.get(kind="group-work")
    from community.gatherings import services

    services.groups_create(session=session, method="mixed", size=5)
    return {
        "g": gathering,
        "registration": registration,
        "session": session,
        "group": session.breakout_groups.get(),
    }


ORGANISER_ONLY = {"*": 403, "organiser": 200, "admin": 200, "visitor": LOGIN}

ROWS = [
    Row(path="/gatherings/", expect={"*": 200}),
    Row(path="/gatherings/matrix/", expect={"*": 200}),
    Row("gatherings:feed", expect={"*": 200}),
    Row("gatherings:ics", args=lambda o: [o["g"].pk], expect={"*": 200}),
    # Registering redirects back to the page (or to login); the page says what happened.
    Row(
        "gatherings:register",
        method="post",
        args=lambda o: [o["g"].pk],
        data={"mode": "online"},
        expect={"*": 302},
    ),
    Row("gatherings:cancel", method="post", args=lambda o: [o["g"].pk], expect={"*": 302}),
    Row(
        "gatherings:prework",
        method="post",
        args=lambda o: [o["g"].pk],
        data={"prework": "x"},
        expect={"*": 403, "teacher": 302, "visitor": LOGIN},
    ),
    Row("gatherings:participants", args=lambda o: [o["g"].pk], expect=ORGANISER_ONLY),
    Row("gatherings:participants_csv", args=lambda o: [o["g"].pk], expect=ORGANISER_ONLY),
    Row(
        "gatherings:check_in",
        method="post",
        args=lambda o: [o["g"].pk, o["registration"].pk],
        expect={"*": 403, "organiser": 302, "admin": 302, "visitor": LOGIN},
    ),
    Row("gatherings:message", args=lambda o: [o["g"].pk], expect=ORGANISER_ONLY),
    Row("gatherings:groups", args=lambda o: [o["session"].pk], expect=ORGANISER_ONLY),
    # The group's page: its members (the teacher is the only participant) and organisers.
    Row(
        "gatherings:group",
        args=lambda o: [o["group"].pk],
        expect={"*": 403, "teacher": 200, "organiser": 200, "admin": 200, "visitor": LOGIN},
    ),
    Row("gatherings:mine", expect={"*": 200, "visitor": LOGIN}),
]
ROWS.append(
    Row(
        "gatherings:exchange",
        method="post",
        args=lambda o: [o["g"].pk],
        expect={"*": 403, "organiser": 302, "admin": 302, "visitor": LOGIN},
    )
)
