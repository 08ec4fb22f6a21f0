"""/ws/chat/<room_id>/: authenticate, run every frame through one pipeline, relay.

Protocol (JSON frames; the schema with every field's bounds is in frames.py):
  client → server  {"type": "resume", "last_seq": n}      then live messages follow
                   {"type": "presence_all"}  the whole presence list of a big room, to this socket
                   {"type": "send", "text": "...", "client_id": "...", "reply_to": seq}
                   {"type": "edit"|"delete", "seq": n, ...}  {"type": "react", "seq": n, "emoji": "👍"}
                   {"type": "ask", "text": "...", "anonymous": bool, "client_id": "..."}
                   {"type": "vote", "question": id}
                   {"type": "question", "question": id, "action": "answer"|"hide"|"pin"}
                   {"type": "poll", "question": "...", "options": [...]}
                   {"type": "poll_vote", "poll": id, "option": id}  {"type": "poll_close", "poll": id}
                   {"type": "mute", "user": id, "minutes": n}  {"type": "room", "slow_mode_seconds": n,
                    "announcement": "...", "open": bool}
  server → client  chat.message, chat.message.updated, chat.presence (chat.presence.full to one
                   socket), chat.room, chat.questions
                   (chat.questions.moderator for moderators), chat.poll,
                   {"type": "synced", "last_seq": n}, {"type": "ack", "client_id", "seq"},
                   {"type": "error", "code", "message", "retry_after", "client_id"}

The pipeline, for every frame: parse and bound every field (frames.py); load the
member and the room afresh and decide access (nothing cached outlives a change of
registration or role); the room rules and a rate limit per member and kind
(rules.py); then one service. Every refusal or failure becomes an error frame; only
a member who lost access altogether has the socket closed, with a code the page shows.
Refused connections are accepted and then closed with their code, because a close
before accepting reaches the browser as a bare handshake failure it would retry.
"""

import json
import logging

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from community.members.models import User
from community.realtime.consumers import (
    CLOSE_FORBIDDEN,
    CLOSE_NOT_FOUND,
    CLOSE_TOO_MANY,
    CLOSE_UNAUTHENTICATED,
    RelayConsumer,
)
from community.realtime.events import user_group

from . import frames, presence, rules, selectors, services
from .access import room_access
from .errors import ChatError

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 8 * 1024


class AccessLost(Exception):
    def __init__(self, code: int):
        self.code = code


class ChatConsumer(RelayConsumer):
    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        finally:
            # However the consumer ends (a clean close, a crash, a lost channel layer),
            # this process stops renewing the socket's presence; the row then expires.
            channel_name = getattr(self, "channel_name", None)
            if channel_name and getattr(self, "room", None) is not None:
                presence.unregister(channel_name)

    async def connect(self):
        self.room = None
        self.groups_joined = []
        self.limiter = rules.LocalLimiter()
        user = self.scope.get("user")
        self.language = settings.LANGUAGE_CODE
        if user is None or not user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.user_id = user.pk
        self.language = user.language or settings.LANGUAGE_CODE
        room_id = self.scope["url_route"]["kwargs"]["room_id"]
        room, access, sockets = await database_sync_to_async(self._load)(user, room_id)
        if room is None:
            await self.refuse(CLOSE_NOT_FOUND)
            return
        if access.denied:
            await self.refuse(CLOSE_FORBIDDEN)
            return
        if sockets >= settings.SAMSPILL_CHAT_MAX_SOCKETS:
            await self.refuse(CLOSE_TOO_MANY)
            return
        self.room = room
        self.can_moderate = access.can_moderate
        await self._join(room.group_name)
        await self._join(user_group(user.pk))
        if access.can_moderate:
            await self._join(room.moderators_group_name)
        await self.accept()
        await database_sync_to_async(services.presence_join)(
            room=room, user=user, channel_name=self.channel_name, mode=access.mode
        )
        presence.register(self.channel_name)
        presence.changed(room.pk)

    def _load(self, user, room_id):
        room = selectors.room_by_id(room_id) if room_id <= frames.MAX_ID else None
        if room is None:
            return None, None, 0
        return room, room_access(user, room), selectors.sockets_of(user)

    async def _join(self, group):
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.append(group)

    async def refuse(self, code: int):
        await self.accept()
        await self.close(code=code)

    async def disconnect(self, code):
        if self.room is None:
            return
        presence.unregister(self.channel_name)
        for group in self.groups_joined:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:  # noqa: BLE001 -- the layer may be the reason we are closing
                logger.warning("Could not leave %s", group)
        await database_sync_to_async(services.presence_leave)(
            room=self.room, channel_name=self.channel_name
        )
        presence.changed(self.room.pk)

    async def receive(self, text_data=None, bytes_data=None):
        if self.room is None:
            return
        if bytes_data is not None or text_data is None:
            await self._send_error("invalid", _("The message could not be read."))
            return
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            await self._send_error("too_large", _("That message is too large."))
            return
        try:
            kind, fields = frames.parse(json.loads(text_data))
        except frames.FrameError as error:
            await self._send_error("invalid", error.message, client_id=error.client_id)
            return
        except ValueError:  # not JSON, or a number JSON cannot hold
            await self._send_error("invalid", _("The message could not be read."))
            return
        try:
            replies = await database_sync_to_async(self._handle)(kind, fields)
        except AccessLost as lost:
            await self._send_error("forbidden", _("You no longer have access to this room."))
            await self.close(code=lost.code)
            return
        for reply in replies:
            await self.send(text_data=reply)

    async def access_check(self, message):
        """Someone changed this member's registration, role or group: decide again."""
        try:
            await database_sync_to_async(self._fresh)()
        except AccessLost as lost:
            await self._send_error("forbidden", _("You no longer have access to this room."))
            await self.close(code=lost.code)

    def _fresh(self):
        """The member, room and access as the database has them now."""
        user = User.objects.filter(pk=self.user_id, is_active=True).first()
        if user is None:
            raise AccessLost(CLOSE_UNAUTHENTICATED)
        room = selectors.room_by_id(self.room.pk)
        if room is None:
            raise AccessLost(CLOSE_NOT_FOUND)
        access = room_access(user, room)
        if access.denied:
            raise AccessLost(CLOSE_FORBIDDEN)
        if self.can_moderate and not access.can_moderate:
            # A moderator who lost the role must stop hearing named askers at once.
            raise AccessLost(CLOSE_FORBIDDEN)
        return user, room, access

    def _handle(self, kind: str, fields: dict) -> list[str]:
        """Runs in a worker thread: fresh access, the rules, one service."""
        user, room, access = self._fresh()
        with translation.override(user.language or self.language):
            client_id = fields.get("client_id", "")
            try:
                if kind == "send":
                    stored = selectors.message_by_client_id(room, user, client_id)
                    if stored is not None:  # a resend after a reconnect: already stored
                        return [self._ack(client_id, stored.seq)]
                rules.frame_allowed(
                    user=user, room=room, access=access, kind=kind, limiter=self.limiter
                )
                return self._dispatch(user, room, access, kind, fields)
            except ChatError as error:
                return [self._error_frame(error.code, error.message, error.retry_after, client_id)]
            except Exception:
                # Never a closed socket for one bad frame: log it and tell the member.
                logger.exception("Chat frame %s failed", kind)
                return [
                    self._error_frame(
                        "server_error",
                        _("Something went wrong. Your message was kept; it will be sent again."),
                        3,
                        client_id,
                    )
                ]

    def _ack(self, client_id, seq=None) -> str:
        return json.dumps({"type": "ack", "client_id": client_id, "seq": seq})

    def _dispatch(self, user, room, access, kind: str, f: dict) -> list[str]:
        if kind == "resume":
            return self._resume(user, room, access, f["last_seq"])
        if kind == "presence_all":
            # Answered to this socket only, after the same fresh access check as any frame.
            return [selectors.presence_full(room).to_message()["text"]]
        if kind == "send":
            message = services.message_send(
                room=room,
                user=user,
                text=f["text"],
                client_id=f["client_id"],
                reply_to_seq=f["reply_to"],
            )
            return [self._ack(message.client_id, message.seq)]
        if kind == "edit":
            services.message_edit(room=room, user=user, seq=f["seq"], text=f["text"])
        elif kind == "delete":
            services.message_delete(room=room, user=user, seq=f["seq"])
        elif kind == "react":
            services.reaction_toggle(room=room, user=user, seq=f["seq"], emoji=f["emoji"])
        elif kind == "ask":
            services.question_ask(room=room, user=user, text=f["text"], anonymous=f["anonymous"])
            return [self._ack(f["client_id"])] if f["client_id"] else []
        elif kind == "vote":
            services.question_vote(room=room, user=user, question_id=f["question"])
        elif kind == "question":
            services.question_moderate(
                room=room, user=user, question_id=f["question"], action=f["action"]
            )
        elif kind == "poll":
            services.poll_create(room=room, user=user, question=f["question"], options=f["options"])
        elif kind == "poll_vote":
            services.poll_vote(room=room, user=user, poll_id=f["poll"], option_id=f["option"])
            # Only this member learns which option is theirs; the broadcast stays anonymous.
            yours = services.events.YourPollVote(poll=f["poll"], option=f["option"])
            return [yours.to_message()["text"]]
        elif kind == "poll_close":
            services.poll_close(room=room, user=user, poll_id=f["poll"])
        elif kind == "mute":
            services.member_mute(
                room=room, user=user, target_id=f["user"], minutes=f["minutes"], reason=f["reason"]
            )
        elif kind == "room":
            services.room_update(
                room=room,
                user=user,
                slow_mode_seconds=f["slow_mode_seconds"],
                announcement=f["announcement"],
                open_state=f["open"],
            )
        return []

    def _resume(self, user, room, access, last_seq: int) -> list[str]:
        frames_out = [
            services.message_event(m).to_message()["text"]
            for m in selectors.messages_since(room, last_seq)
        ]
        synced_to = room.last_seq if not frames_out else json.loads(frames_out[-1])["seq"]
        state = [services.room_state(room), selectors.presence_state(room)]
        if room.qa_enabled:
            state.append(
                services.events.ModeratorQuestions(questions=selectors.moderator_questions(room))
                if access.can_moderate
                else services.events.Questions(questions=selectors.public_questions(room))
            )
        state.extend(selectors.open_polls(room))
        state.extend(
            services.events.YourPollVote(poll=poll, option=option)
            for poll, option in selectors.poll_votes_of(room, user).items()
        )
        return [
            *frames_out,
            json.dumps({"type": "synced", "last_seq": synced_to}),
            *(event.to_message()["text"] for event in state),
        ]

    def _error_frame(self, code, message, retry_after=None, client_id=None) -> str:
        return json.dumps(
            {
                "type": "error",
                "code": code,
                "message": str(message),
                "retry_after": retry_after,
                "client_id": client_id or None,
            }
        )

    async def _send_error(self, code, message, client_id=None):
        with translation.override(self.language):
            text = str(message)
        await self.send(text_data=self._error_frame(code, text, client_id=client_id))
