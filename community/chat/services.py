"""Every write of the chat, and the only place chat events are sent (after commit)."""

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.notifications.services import notify
from community.notifications.text import interpolate
from community.realtime.events import AccessChanged
from community.realtime.publish import publish_on_commit

from . import events, rules, selectors
from .access import room_access
from .errors import ChatError
from .models import (
    Message,
    ModerationAction,
    Mute,
    Poll,
    PollOption,
    PollVote,
    Presence,
    Question,
    QuestionVote,
    Reaction,
    Room,
)

MAX_MESSAGE_LENGTH = 2000
MAX_QUESTION_LENGTH = 500
EDIT_WINDOW = timedelta(minutes=5)
MAX_MENTIONS = 5
MENTION = re.compile(r"@([\w.\-]+(?: [\w.\-]+)?)")


def _require_write(user, room: Room):
    access = room_access(user, room)
    if not access.can_write:
        raise ChatError("forbidden", _("You do not have access to this room."))
    if not room.is_open() and not access.can_moderate:
        raise ChatError("closed", _("This room is closed. The transcript stays readable."))
    # Mute and the pupils' rule hold for every write, not only for new messages.
    rules.participation_check(user, room, access)
    return access


def _require_moderator(user, room: Room):
    access = room_access(user, room)
    if not access.can_moderate:
        raise ChatError("forbidden", _("Only organisers and moderators can do that."))
    return access


def _log(room: Room, actor, action: str, target_user=None, detail: str = "") -> None:
    ModerationAction.objects.create(
        room=room, actor=actor, action=action, target_user=target_user, detail=detail[:500]
    )


def message_event(message: Message, cls=events.ChatMessage) -> events.ChatMessage:
    deleted = message.deleted_at is not None
    reactions = getattr(message, "reaction_counts", None)
    if reactions is None:
        reactions = dict(
            message.reactions.values_list("emoji").annotate(n=Count("id")).values_list("emoji", "n")
        )
    reply = message.reply_to
    return cls(
        seq=message.seq,
        id=message.pk,
        author=message.author.display_name if message.author else _("Former member"),
        author_id=message.author_id,
        text="" if deleted else message.text,
        created_at=message.created_at.isoformat(),
        client_id=message.client_id,
        reply_to=reply.seq if reply else None,
        reply_excerpt=(reply.text[:80] if reply and not reply.deleted_at else ""),
        edited=message.edited_at is not None,
        deleted=deleted,
        reactions=reactions,
    )


@transaction.atomic
def message_send(*, room: Room, user, text: str, client_id: str = "", reply_to_seq=None) -> Message:
    text = (text or "").strip()
    client_id = (client_id or "")[:64]
    if client_id:
        existing = Message.objects.filter(room=room, author=user, client_id=client_id).first()
        if existing is not None:
            return existing  # a resend after a reconnect: already stored and sent
    access = _require_write(user, room)
    if not text:
        raise ChatError("empty", _("Write a message first."))
    if len(text) > MAX_MESSAGE_LENGTH:
        raise ChatError(
            "too_long",
            _("A message can be at most %(max)s characters.") % {"max": MAX_MESSAGE_LENGTH},
        )
    if not access.can_moderate and room.slow_mode_seconds:
        last = (
            Message.objects.filter(room=room, author=user)
            .order_by("-seq")
            .values_list("created_at", flat=True)
            .first()
        )
        if last and (timezone.now() - last).total_seconds() < room.slow_mode_seconds:
            wait = room.slow_mode_seconds - int((timezone.now() - last).total_seconds())
            raise ChatError(
                "slow_mode",
                _("Slow mode: one message every %(n)s seconds. Try again in %(s)s seconds.")
                % {"n": room.slow_mode_seconds, "s": wait},
                wait,
            )
    reply_to = None
    if reply_to_seq is not None:
        reply_to = Message.objects.filter(room=room, seq=reply_to_seq).first()
    # Lock the room row: sequence numbers are handed out one at a time.
    locked = Room.objects.select_for_update().get(pk=room.pk)
    locked.last_seq = F("last_seq") + 1
    locked.save(update_fields=["last_seq"])
    locked.refresh_from_db(fields=["last_seq"])
    try:
        with transaction.atomic():
            message = Message.objects.create(
                room=room,
                seq=locked.last_seq,
                author=user,
                client_id=client_id,
                text=text,
                reply_to=reply_to,
            )
    except IntegrityError:
        # The same client_id raced in on another socket: that copy wins.
        return Message.objects.get(room=room, author=user, client_id=client_id)
    message.reaction_counts = {}
    publish_on_commit(room.group_name, message_event(message))
    _notify_mentions(room, message, user)
    return message


def _notify_mentions(room: Room, message: Message, author) -> None:
    # "@Jon se her" captures "Jon se": a display name of one or of two words.
    names = set()
    for name in MENTION.findall(message.text):
        names |= {name.strip(), name.split(" ")[0]}
    if not names:
        return
    for member in selectors.mentionable_members(room, names)[:MAX_MENTIONS]:
        if member.pk == author.pk:
            continue
        notify(
            recipient=member,
            kind="chat.mention",
            title=interpolate(
                gettext_lazy("%(name)s mentioned you in %(room)s"),
                {"name": author.display_name, "room": room.title},
            ),
            url=f"/chat/{room.pk}/#m{message.seq}",
            actor=author,
        )


def _own_or_moderated(user, room: Room, seq: int) -> tuple[Message, bool]:
    message = (
        Message.objects.select_related("author", "reply_to").filter(room=room, seq=seq).first()
    )
    if message is None or message.deleted_at:
        raise ChatError("not_found", _("That message no longer exists."))
    access = room_access(user, room)
    if not access.can_read:
        raise ChatError("forbidden", _("You do not have access to this room."))
    return message, access.can_moderate


@transaction.atomic
def message_edit(*, room: Room, user, seq: int, text: str) -> Message:
    message, _moderator = _own_or_moderated(user, room, seq)
    _require_write(user, room)
    text = (text or "").strip()
    if message.author_id != user.pk:
        raise ChatError("forbidden", _("You can only edit your own messages."))
    if timezone.now() - message.created_at > EDIT_WINDOW:
        raise ChatError("too_late", _("Messages can be edited for five minutes."))
    if not text or len(text) > MAX_MESSAGE_LENGTH:
        raise ChatError(
            "too_long",
            _("A message can be at most %(max)s characters.") % {"max": MAX_MESSAGE_LENGTH},
        )
    message.text = text
    message.edited_at = timezone.now()
    message.save(update_fields=["text", "edited_at"])
    publish_on_commit(room.group_name, message_event(message, events.ChatMessageUpdated))
    return message


@transaction.atomic
def message_delete(*, room: Room, user, seq: int) -> Message:
    message, moderator = _own_or_moderated(user, room, seq)
    if not moderator:
        _require_write(user, room)
    own = message.author_id == user.pk
    if not moderator and not (own and timezone.now() - message.created_at <= EDIT_WINDOW):
        raise ChatError("forbidden", _("You can delete your own messages for five minutes."))
    message.deleted_at = timezone.now()
    message.deleted_by = user
    message.save(update_fields=["deleted_at", "deleted_by"])
    if moderator and not own:
        _log(room, user, "delete_message", message.author, message.text[:200])
    publish_on_commit(room.group_name, message_event(message, events.ChatMessageUpdated))
    return message


@transaction.atomic
def reaction_toggle(*, room: Room, user, seq: int, emoji: str) -> Message:
    if emoji not in Reaction.EMOJI:
        raise ChatError("invalid", _("That reaction is not available."))
    message, _moderator = _own_or_moderated(user, room, seq)
    _require_write(user, room)
    deleted, _count = Reaction.objects.filter(message=message, user=user, emoji=emoji).delete()
    if not deleted:
        Reaction.objects.create(message=message, user=user, emoji=emoji)
    publish_on_commit(room.group_name, message_event(message, events.ChatMessageUpdated))
    return message


# --- Q&A --------------------------------------------------------------------


def _publish_questions(room: Room) -> None:
    # Participants see anonymous askers as anonymous; the moderators' own group gets
    # the same queue with every asker named.
    publish_on_commit(room.group_name, events.Questions(questions=selectors.public_questions(room)))
    publish_on_commit(
        room.moderators_group_name,
        events.ModeratorQuestions(questions=selectors.moderator_questions(room)),
    )


@transaction.atomic
def question_ask(*, room: Room, user, text: str, anonymous: bool = False) -> Question:
    _require_write(user, room)
    if not room.qa_enabled:
        raise ChatError("invalid", _("This room has no questions and answers."))
    text = (text or "").strip()
    if not text or len(text) > MAX_QUESTION_LENGTH:
        raise ChatError(
            "too_long",
            _("A question can be at most %(max)s characters.") % {"max": MAX_QUESTION_LENGTH},
        )
    question = Question.objects.create(room=room, author=user, text=text, anonymous=anonymous)
    _publish_questions(room)
    return question


@transaction.atomic
def question_vote(*, room: Room, user, question_id: int) -> Question:
    _require_write(user, room)
    question = Question.objects.filter(room=room, pk=question_id, hidden_at=None).first()
    if question is None:
        raise ChatError("not_found", _("That question no longer exists."))
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, user=user)
    except IntegrityError:
        raise ChatError("already_voted", _("You have already voted for this question.")) from None
    Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1)
    _publish_questions(room)
    return question


@transaction.atomic
def question_moderate(*, room: Room, user, question_id: int, action: str) -> Question:
    _require_moderator(user, room)
    question = Question.objects.filter(room=room, pk=question_id).first()
    if question is None:
        raise ChatError("not_found", _("That question no longer exists."))
    now = timezone.now()
    if action == "answer":
        question.answered_at = None if question.answered_at else now
        question.pinned = False
    elif action == "hide":
        question.hidden_at = now
        question.pinned = False
    elif action == "pin":
        Question.objects.filter(room=room, pinned=True).update(pinned=False)
        question.pinned = True
    else:
        raise ChatError("invalid", _("Unknown action."))
    question.save()
    _log(room, user, f"question_{action}", question.author, question.text[:200])
    _publish_questions(room)
    return question


# --- Polls -------------------------------------------------------------------


def _publish_poll(poll: Poll) -> None:
    publish_on_commit(poll.room.group_name, selectors.poll_state(poll))


@transaction.atomic
def poll_create(*, room: Room, user, question: str, options: list[str]) -> Poll:
    _require_moderator(user, room)
    question = (question or "").strip()[:300]
    options = [o.strip()[:120] for o in options if o and o.strip()]
    if not question or not 2 <= len(options) <= 8:
        raise ChatError("invalid", _("A poll needs a question and 2 to 8 options."))
    poll = Poll.objects.create(room=room, question=question, created_by=user)
    PollOption.objects.bulk_create(
        PollOption(poll=poll, label=label, position=i) for i, label in enumerate(options)
    )
    _log(room, user, "poll_create", detail=question)
    _publish_poll(poll)
    return poll


@transaction.atomic
def poll_vote(*, room: Room, user, poll_id: int, option_id: int) -> Poll:
    _require_write(user, room)
    poll = Poll.objects.filter(room=room, pk=poll_id, closed_at=None).first()
    option = PollOption.objects.filter(poll=poll, pk=option_id).first() if poll else None
    if option is None:
        raise ChatError("not_found", _("That poll is closed."))
    try:
        with transaction.atomic():
            PollVote.objects.create(poll=poll, option=option, user=user)
    except IntegrityError:
        raise ChatError("already_voted", _("You have already voted in this poll.")) from None
    PollOption.objects.filter(pk=option.pk).update(votes=F("votes") + 1)
    _publish_poll(poll)
    return poll


@transaction.atomic
def poll_close(*, room: Room, user, poll_id: int) -> Poll:
    _require_moderator(user, room)
    poll = Poll.objects.filter(room=room, pk=poll_id).first()
    if poll is None:
        raise ChatError("not_found", _("That poll no longer exists."))
    poll.closed_at = timezone.now()
    poll.save(update_fields=["closed_at"])
    _publish_poll(poll)
    return poll


# --- Moderation and room state ---------------------------------------------------


def room_state(room: Room) -> events.RoomState:
    return events.RoomState(
        open=room.is_open(),
        slow_mode_seconds=room.slow_mode_seconds,
        announcement=room.announcement,
        opens_at=room.opens_at.isoformat(),
        closes_at=room.closes_at.isoformat(),
    )


def _publish_room(room: Room) -> None:
    publish_on_commit(room.group_name, room_state(room))


@transaction.atomic
def member_mute(*, room: Room, user, target_id: int, minutes: int, reason: str = "") -> Mute:
    _require_moderator(user, room)
    if not 1 <= minutes <= 24 * 60:
        raise ChatError("invalid", _("Mute for 1 minute to 24 hours."))
    from community.members.models import User

    target = User.objects.filter(pk=target_id).first()
    if target is None:
        raise ChatError("not_found", _("That member is not in this room."))
    mute = Mute.objects.create(
        room=room, user=target, until=timezone.now() + timedelta(minutes=minutes), by=user
    )
    _log(room, user, "mute", target, f"{minutes} min. {reason}")
    return mute


@transaction.atomic
def room_update(
    *, room: Room, user, slow_mode_seconds=None, announcement=None, open_state=None
) -> Room:
    _require_moderator(user, room)
    room = Room.objects.select_for_update().get(pk=room.pk)
    if slow_mode_seconds is not None:
        if not 0 <= int(slow_mode_seconds) <= 600:
            raise ChatError("invalid", _("Slow mode is 0 to 600 seconds."))
        room.slow_mode_seconds = int(slow_mode_seconds)
        _log(room, user, "slow_mode", detail=str(slow_mode_seconds))
    if announcement is not None:
        room.announcement = str(announcement).strip()[:500]
        _log(room, user, "announcement", detail=room.announcement)
    if open_state is not None:
        room.closed_manually = not open_state
        room.opened_manually = bool(open_state)
        _log(room, user, "open" if open_state else "close")
    room.save()
    _publish_room(room)
    return room


# --- Presence ------------------------------------------------------------------


def _publish_presence(room: Room) -> None:
    publish_on_commit(room.group_name, selectors.presence_state(room))


# Joins and leaves do not publish: the consumer marks the room and presence.py sends
# one list per room and interval (a burst of 500 joins would otherwise send 500 lists).


def presence_join(*, room: Room, user, channel_name: str, mode: str) -> None:
    """One INSERT: a channel name is new for every socket, so there is nothing to look up
    first (update_or_create's SELECT and savepoints cost each of 1,000 joins a burst)."""
    Presence.objects.create(
        channel_name=channel_name, room=room, user=user, mode=mode, last_seen=timezone.now()
    )


@transaction.atomic
def presence_leave(*, room: Room, channel_name: str) -> None:
    Presence.objects.filter(channel_name=channel_name).delete()


@transaction.atomic
def presence_publish(*, room_ids: list[int]) -> None:
    for room in Room.objects.filter(pk__in=room_ids):
        _publish_presence(room)


@transaction.atomic
def presence_heartbeat(*, channel_names: list[str]) -> int:
    """Renew this process's sockets and sweep every row whose socket is gone.

    Returns the number of rows swept. Rooms that lost someone get a new presence list.
    """
    now = timezone.now()
    if channel_names:
        Presence.objects.filter(channel_name__in=channel_names).update(last_seen=now)
    expired = Presence.objects.filter(last_seen__lt=selectors.presence_cutoff())
    room_ids = set(expired.values_list("room_id", flat=True))
    swept, _detail = expired.delete()
    for room in Room.objects.filter(pk__in=room_ids):
        _publish_presence(room)
    return swept


@transaction.atomic
def messages_purge(*, older_than_days: int, now=None) -> int:
    """Delete chat messages after the retention period (a setting)."""
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    count, _detail = Message.objects.filter(created_at__lt=cutoff).delete()
    return count


# --- Rooms of a gathering ----------------------------------------------------------

QA_SESSION_KINDS = {"plenary", "panel"}


@transaction.atomic
def rooms_sync(*, gathering) -> list[Room]:
    """One lobby per gathering, a room per session (not breaks) and per breakout group.

    Idempotent: run when a gathering is published and when groups change. Rooms open
    with their session (lobby: the whole gathering) and close an hour after.
    """
    from .models import RoomKind

    grace = timedelta(hours=1)
    rooms = []
    lobby, _created = Room.objects.update_or_create(
        gathering=gathering,
        kind=RoomKind.LOBBY,
        defaults={
            "title": _("Lobby: %(title)s") % {"title": gathering.title},
            "opens_at": gathering.start - timedelta(hours=2),
            "closes_at": gathering.end + grace,
        },
    )
    rooms.append(lobby)
    for session in gathering.sessions.all():
        if session.kind == "break":
            continue
        room, _created = Room.objects.update_or_create(
            session=session,
            kind=RoomKind.SESSION,
            defaults={
                "gathering": gathering,
                "title": session.title,
                "opens_at": session.start - timedelta(minutes=15),
                "closes_at": session.end + grace,
                "qa_enabled": session.kind in QA_SESSION_KINDS,
            },
        )
        rooms.append(room)
        for group in session.breakout_groups.all():
            room, _created = Room.objects.update_or_create(
                breakout_group=group,
                kind=RoomKind.GROUP,
                defaults={
                    "gathering": gathering,
                    "session": session,
                    "title": f"{session.title}: {group.name}",
                    "opens_at": session.start - timedelta(minutes=15),
                    "closes_at": session.end + grace,
                },
            )
            rooms.append(room)
    # Organisers or groups may have changed: every open socket in these rooms checks
    # its access again (a member moved out of a group leaves its room).
    for room in rooms:
        publish_on_commit(room.group_name, AccessChanged())
    return rooms


@transaction.atomic
def transcript_publish(*, room: Room, user):
    """Post the room's transcript and answered questions in the gathering's forum topic."""
    from community.gatherings.services import exchange_topic_for
    from forums import services as forum_services
    from forums.services import MAX_POST_LENGTH

    _require_moderator(user, room)
    topic = exchange_topic_for(room.gathering, room.title)
    if topic is None:
        raise ChatError(
            "no_topic",
            _(
                "Open the gathering's exchange space first; then each session and group room "
                "can publish to its own topic."
            ),
        )
    transcript, answered_heading, votes = _("Transcript"), _("Answered questions"), _("votes")
    lines = [f"## {transcript}: {room.title}", ""]
    for message in Message.objects.filter(room=room, deleted_at=None).select_related("author"):
        name = message.author.display_name if message.author else _("Former member")
        stamp = timezone.localtime(message.created_at, room.gathering.zone).strftime("%H:%M")
        lines.append(f"**{name}** ({stamp}): {message.text}  ")
    answered = Question.objects.filter(room=room, hidden_at=None, answered_at__isnull=False)
    if answered.exists():
        lines += ["", f"## {answered_heading}", ""]
        lines += [f"- {q.text} ({q.votes} {votes})" for q in answered.order_by("-votes")]
    body = "\n".join(lines)
    if len(body) > MAX_POST_LENGTH:
        body = body[: MAX_POST_LENGTH - 40] + "\n\n" + _("(shortened)")
    # Names in a transcript are a record, not a call: nobody is told "mentioned you".
    post = forum_services.post_create(user=user, topic=topic, body=body, mentions=False)
    _log(room, user, "publish_transcript", detail=topic.title)
    return post
