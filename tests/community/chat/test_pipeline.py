"""Every frame passes one pipeline: schema, fresh access, mute, room rules, rate limits.

The rules are checked for every frame kind, not only `send`; malformed or out-of-range
values in any field give an error frame, never an exception or a closed socket.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from community.chat import frames, rules, services
from community.chat.consumers import AccessLost, ChatConsumer
from community.chat.models import Message, Mute, Presence, Question
from community.members.roles import SiteRole
from community.realtime.consumers import CLOSE_FORBIDDEN
from tests.factories.gatherings import register

pytestmark = pytest.mark.django_db

WRITE_KINDS = sorted(rules.WRITE_KINDS)


def _pipe(room, user):
    """The consumer as a socket would have it after connecting."""
    consumer = ChatConsumer()
    consumer.room = room
    consumer.user_id = user.pk
    consumer.language = "en"
    consumer.can_moderate = False
    consumer.limiter = rules.LocalLimiter()
    return consumer


def _run(consumer, frame: dict) -> list[dict]:
    kind, fields = frames.parse(frame)
    return [json.loads(r) for r in consumer._handle(kind, fields)]


def _frames_of_every_kind(room, message, question, poll):
    return {
        "send": {"type": "send", "text": "Hei", "client_id": "c-x"},
        "edit": {"type": "edit", "seq": message.seq, "text": "Endret"},
        "delete": {"type": "delete", "seq": message.seq},
        "react": {"type": "react", "seq": message.seq, "emoji": "👍"},
        "ask": {"type": "ask", "text": "Et spørsmål?"},
        "vote": {"type": "vote", "question": question.pk},
        "poll_vote": {"type": "poll_vote", "poll": poll.pk, "option": poll.options.first().pk},
    }


@pytest.fixture
def stage(panel_room, astrid_teacher, oda_organiser):
    """Astrid's own message, a question and an open poll in the panel's room."""
    Presence.objects.create(
        room=panel_room, user=oda_organiser, channel_name="oda-1", mode="organiser"
    )
    message = services.message_send(room=panel_room, user=astrid_teacher, text="Første")
    question = services.question_ask(room=panel_room, user=oda_organiser, text="Hva nå?")
    poll = services.poll_create(
        room=panel_room, user=oda_organiser, question="Best?", options=["A", "B"]
    )
    return panel_room, message, question, poll


@pytest.mark.parametrize("kind", WRITE_KINDS)
def test_every_kind_is_refused_for_a_muted_member(stage, kind, astrid_teacher, oda_organiser):
    room, message, question, poll = stage
    Mute.objects.create(
        room=room,
        user=astrid_teacher,
        until=timezone.now() + timedelta(minutes=5),
        by=oda_organiser,
    )
    before = (Message.objects.count(), Question.objects.count(), message.reactions.count())
    replies = _run(
        _pipe(room, astrid_teacher), _frames_of_every_kind(room, message, question, poll)[kind]
    )
    assert [(r["type"], r["code"]) for r in replies] == [("error", "muted")]
    message.refresh_from_db()
    assert message.text == "Første" and message.deleted_at is None
    assert (Message.objects.count(), Question.objects.count(), message.reactions.count()) == before


@pytest.mark.parametrize("kind", WRITE_KINDS)
def test_every_kind_is_refused_for_a_pupil_with_no_adult_present(
    stage, kind, live_gathering, ingrid_pupil_14
):
    room, _message, question, poll = stage
    register(live_gathering, ingrid_pupil_14, "online")
    own = services.message_send(room=room, user=ingrid_pupil_14, text="Hei fra Ingrid")
    # The organiser's socket died without a goodbye: its row is older than the expiry.
    Presence.objects.update(last_seen=timezone.now() - timedelta(hours=1))
    replies = _run(
        _pipe(room, ingrid_pupil_14), _frames_of_every_kind(room, own, question, poll)[kind]
    )
    assert [(r["type"], r["code"]) for r in replies] == [("error", "unmoderated")]


@pytest.mark.parametrize("kind", [*WRITE_KINDS, "resume", "presence_all"])
def test_every_kind_has_a_rate_limit(stage, kind, jon_leader):
    room, message, question, poll = stage
    limit, _window = rules.rates()[kind]
    consumer = _pipe(room, jon_leader)
    frame = {
        **_frames_of_every_kind(room, message, question, poll),
        "resume": {"type": "resume"},
        "presence_all": {"type": "presence_all", "client_id": "presence-all"},
    }[kind]
    codes = []
    for n in range(limit + 1):
        if kind == "send":
            frame = {**frame, "client_id": f"c-{n}"}
        codes += [r.get("code") for r in _run(consumer, frame) if r["type"] == "error"]
    assert codes[-1] == "rate_limited"
    assert "rate_limited" not in codes[:-1]


def test_a_stored_message_resent_after_a_reconnect_is_acknowledged_not_limited(
    lobby, astrid_teacher, settings
):
    settings.SAMSPILL_CHAT_RATE = (1, 60)
    consumer = _pipe(lobby, astrid_teacher)
    first = _run(consumer, {"type": "send", "text": "Én gang", "client_id": "c-1"})
    again = _run(consumer, {"type": "send", "text": "Én gang", "client_id": "c-1"})
    assert first == again == [{"type": "ack", "client_id": "c-1", "seq": 1}]
    assert Message.objects.filter(client_id="c-1").count() == 1


def test_access_is_decided_afresh_for_every_frame(lobby, astrid_teacher, oda_organiser):
    from community.gatherings import services as gathering_services
    from community.gatherings.models import Registration

    consumer = _pipe(lobby, astrid_teacher)
    assert _run(consumer, {"type": "send", "text": "Før", "client_id": "a"})[0]["type"] == "ack"
    gathering_services.registration_cancel(
        registration=Registration.objects.get(user=astrid_teacher)
    )
    with pytest.raises(AccessLost) as lost:
        _run(consumer, {"type": "send", "text": "Etter", "client_id": "b"})
    assert lost.value.code == CLOSE_FORBIDDEN

    # An organiser who loses the role loses the moderator's powers on the open socket.
    organiser = _pipe(lobby, oda_organiser)
    organiser.can_moderate = True
    oda_organiser.groups.remove(*oda_organiser.groups.filter(name=SiteRole.ORGANISER.value))
    with pytest.raises(AccessLost):
        _run(organiser, {"type": "room", "announcement": "Hei"})


def test_crafted_values_give_error_frames(lobby, astrid_teacher):
    consumer = _pipe(lobby, astrid_teacher)
    for raw in (
        '{"type": "resume", "last_seq": 1e309}',
        '{"type": "mute", "user": 1, "minutes": 1e309}',
        '{"type": "poll_vote", "poll": 99999999, "option": 1}',
        '{"type": "poll_close", "poll": 99999999}',
        '{"type": "edit", "seq": true, "text": "x"}',
        '{"type": "send", "text": ["x"]}',
        '{"type": "react", "seq": 18446744073709551616, "emoji": "👍"}',
        '{"type": "nothing"}',
        "[1, 2]",
    ):
        try:
            kind, fields = frames.parse(json.loads(raw))
        except frames.FrameError:
            continue
        replies = [json.loads(r) for r in consumer._handle(kind, fields)]
        assert replies and all(r["type"] == "error" for r in replies), raw
    # A non-moderator's mute is refused before any value is used.
    assert (
        _run(consumer, {"type": "mute", "user": astrid_teacher.pk, "minutes": 5})[0]["code"]
        == "forbidden"
    )


# --- Hypothesis over the frame schema -------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=5,
)


def _frame_strategy():
    def fields_for(kind):
        schema = frames.SCHEMA[kind]
        return st.fixed_dictionaries(
            {"type": st.just(kind)},
            optional={
                name: json_values | st.integers(min_value=0, max_value=5) | st.text(max_size=3)
                for name in schema
            },
        )

    return st.sampled_from(sorted(frames.SCHEMA)).flatmap(fields_for) | json_values


@hsettings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(frame=_frame_strategy())
def test_any_frame_gives_a_reply_never_an_exception(frame, stage, jon_leader):
    room, *_ = stage
    consumer = _pipe(room, jon_leader)
    try:
        kind, fields = frames.parse(frame)
    except frames.FrameError as error:
        assert str(error.message)
        return
    for reply in consumer._handle(kind, fields):
        decoded = json.loads(reply)
        assert decoded["type"] in {"error", "ack", "synced"} or decoded["type"].startswith("chat.")
        if decoded["type"] == "error":
            assert decoded["code"] != "server_error", decoded
