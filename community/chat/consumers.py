"""/ws/chat/<room_id>/: authenticate, authorise every message, call a service, relay.

Protocol (JSON frames):
  client → server  {"type": "resume", "last_seq": n}      then live messages follow
                   {"type": "send", "text": "...", "client_id": "...", "reply_to": seq}
                   {"type": "edit"|"delete", "seq": n, ...}  {"type": "react", "seq": n, "emoji": "👍"}
                   {"type": "ask", "text": "...", "anonymous": bool}  {"type": "vote", "question": id}
                   {"type": "question", "question": id, "action": "answer"|"hide"|"pin"}
                   {"type": "poll", "question": "...", "options": [...]}
                   {"type": "poll_vote", "poll": id, "option": id}  {"type": "poll_close", "poll": id}
                   {"type": "mute", "user": id, "minutes": n}  {"type": "room", "slow_mode_seconds": n,
                    "announcement": "...", "open": bool}
  server → client  chat.message, chat.message.updated, chat.presence, chat.room, chat.questions,
                   chat.poll, {"type": "synced", "last_seq": n}, {"type": "ack", "client_id", "seq"},
                   {"type": "error", "code", "message", "retry_after", "client_id"}
"""

import json

from channels.db import database_sync_to_async
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.realtime.consumers import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED, RelayConsumer
from community.realtime.events import user_group

from . import selectors, services
from .access import room_access
from .services import ChatError

CLOSE_NOT_FOUND = 4404
CLOSE_TOO_MANY = 4429
MAX_FRAME_BYTES = 8 * 1024


class ChatConsumer(RelayConsumer):
    async def connect(self):
        self.room = None
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.user = user
        self.language = user.language or settings.LANGUAGE_CODE
        room_id = self.scope["url_route"]["kwargs"]["room_id"]
        room, access, sockets = await database_sync_to_async(self._load)(room_id)
        if room is None:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        if access.denied:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        if sockets >= settings.SAMSPILL_CHAT_MAX_SOCKETS:
            await self.close(code=CLOSE_TOO_MANY)
            return
        self.room = room
        await self.channel_layer.group_add(room.group_name, self.channel_name)
        await self.channel_layer.group_add(user_group(user.pk), self.channel_name)
        await self.accept()
        await database_sync_to_async(services.presence_join)(
            room=room, user=user, channel_name=self.channel_name, mode=access.mode
        )

    def _load(self, room_id):
        room = selectors.room_by_id(room_id)
        if room is None:
            return None, None, 0
        return room, room_access(self.user, room), selectors.sockets_of(self.user)

    async def disconnect(self, code):
        if self.room is None:
            return
        await self.channel_layer.group_discard(self.room.group_name, self.channel_name)
        await self.channel_layer.group_discard(user_group(self.user.pk), self.channel_name)
        await database_sync_to_async(services.presence_leave)(
            room=self.room, channel_name=self.channel_name
        )

    async def receive(self, text_data=None, bytes_data=None):
        if bytes_data is not None or text_data is None:
            return
        if len(text_data.encode()) > MAX_FRAME_BYTES:
            await self._error("too_large", gettext_lazy("That message is too large."))
            return
        try:
            frame = json.loads(text_data)
            kind = frame["type"]
        except (ValueError, KeyError, TypeError):
            await self._error("invalid", gettext_lazy("The message could not be read."))
            return
        replies = await database_sync_to_async(self._handle)(kind, frame)
        if replies is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        for reply in replies:
            await self.send(text_data=reply)

    def _handle(self, kind: str, frame: dict) -> list[str] | None:
        """Runs in a worker thread: access re-checked, one service called."""
        # Per-request caches on the user object would outlive a changed registration
        # or role over a socket's lifetime: every message decides afresh.
        for cache in ("_registrations", "_site_roles"):
            self.user.__dict__.pop(cache, None)
        with translation.override(self.language):
            room = selectors.room_by_id(self.room.pk)
            access = room_access(self.user, room) if room else None
            if access is None or access.denied:
                return None  # access lost (cancelled registration, moved group): close
            try:
                return self._dispatch(room, access, kind, frame)
            except ChatError as error:
                return [
                    self._error_frame(
                        error.code, error.message, error.retry_after, frame.get("client_id")
                    )
                ]
            except (ValueError, TypeError, KeyError):
                return [self._error_frame("invalid", _("The message could not be read."))]

    def _dispatch(self, room, access, kind: str, frame: dict) -> list[str]:
        user = self.user
        if kind == "resume":
            last_seq = max(0, int(frame.get("last_seq") or 0))
            frames = [
                services.message_event(m).to_message()["text"]
                for m in selectors.messages_since(room, last_seq)
            ]
            synced_to = room.last_seq if not frames else json.loads(frames[-1])["seq"]
            state = [
                services.events.RoomState(
                    open=room.is_open(),
                    slow_mode_seconds=room.slow_mode_seconds,
                    announcement=room.announcement,
                ),
                selectors.presence_state(room),
            ]
            if room.qa_enabled:
                questions = (
                    selectors.moderator_questions(room)
                    if access.can_moderate
                    else selectors.public_questions(room)
                )
                state.append(services.events.Questions(questions=questions))
            state.extend(selectors.open_polls(room))
            return [
                *frames,
                json.dumps({"type": "synced", "last_seq": synced_to}),
                *(event.to_message()["text"] for event in state),
            ]
        if kind == "send":
            message = services.message_send(
                room=room,
                user=user,
                text=str(frame.get("text", "")),
                client_id=str(frame.get("client_id", "")),
                reply_to_seq=frame.get("reply_to"),
            )
            return [json.dumps({"type": "ack", "client_id": message.client_id, "seq": message.seq})]
        if kind == "edit":
            services.message_edit(
                room=room, user=user, seq=int(frame["seq"]), text=str(frame.get("text", ""))
            )
        elif kind == "delete":
            services.message_delete(room=room, user=user, seq=int(frame["seq"]))
        elif kind == "react":
            services.reaction_toggle(
                room=room, user=user, seq=int(frame["seq"]), emoji=str(frame.get("emoji", ""))
            )
        elif kind == "ask":
            services.question_ask(
                room=room,
                user=user,
                text=str(frame.get("text", "")),
                anonymous=bool(frame.get("anonymous")),
            )
        elif kind == "vote":
            services.question_vote(room=room, user=user, question_id=int(frame["question"]))
        elif kind == "question":
            services.question_moderate(
                room=room,
                user=user,
                question_id=int(frame["question"]),
                action=str(frame.get("action", "")),
            )
        elif kind == "poll":
            services.poll_create(
                room=room,
                user=user,
                question=str(frame.get("question", "")),
                options=[str(o) for o in frame.get("options", [])][:8],
            )
        elif kind == "poll_vote":
            services.poll_vote(
                room=room, user=user, poll_id=int(frame["poll"]), option_id=int(frame["option"])
            )
        elif kind == "poll_close":
            services.poll_close(room=room, user=user, poll_id=int(frame["poll"]))
        elif kind == "mute":
            services.member_mute(
                room=room,
                user=user,
                target_id=int(frame["user"]),
                minutes=int(frame.get("minutes", 10)),
                reason=str(frame.get("reason", "")),
            )
        elif kind == "room":
            services.room_update(
                room=room,
                user=user,
                slow_mode_seconds=frame.get("slow_mode_seconds"),
                announcement=frame.get("announcement"),
                open_state=frame.get("open"),
            )
        else:
            return [self._error_frame("invalid", _("Unknown message type."))]
        return []

    def _error_frame(self, code, message, retry_after=None, client_id=None) -> str:
        return json.dumps(
            {
                "type": "error",
                "code": code,
                "message": str(message),
                "retry_after": retry_after,
                "client_id": client_id,
            }
        )

    async def _error(self, code, message):
        with translation.override(self.language):
            text = str(message)
        await self.send(text_data=self._error_frame(code, text))
