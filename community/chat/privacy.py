"""The chat's part of a member's export and erasure.

Export: everything the chat holds about the member (messages, questions, reactions,
votes, polls they ran, mutes, moderation they did or received, open windows).

Erasure, one rule like the forums' (docs/chat.md): a message nobody answered after it
in its room is deleted; a message others wrote after stays readable in the
transcript, shown as "Former member" (the author becomes NULL when the account goes),
as do questions others voted for. Reactions, votes, presence and mutes go with the
account (CASCADE); moderation entries keep the action without the person (SET_NULL).
"""

from django.db import transaction
from django.db.models import Exists, OuterRef

from .models import (
    Message,
    ModerationAction,
    Mute,
    Poll,
    PollVote,
    Presence,
    Question,
    QuestionVote,
    Reaction,
)

MODELS = (
    "chat.Message",
    "chat.Reaction",
    "chat.Question",
    "chat.QuestionVote",
    "chat.Poll",
    "chat.PollVote",
    "chat.Mute",
    "chat.Presence",
    "chat.ModerationAction",
)


def member_chat_export(user) -> dict:
    def at(moment):
        return moment.isoformat() if moment else None

    return {
        "messages": [
            {
                "room": m.room.title,
                "text": m.text,
                "at": at(m.created_at),
                "edited": at(m.edited_at),
            }
            for m in Message.objects.filter(author=user, deleted_at=None).select_related("room")
        ],
        "questions": [
            {"room": q.room.title, "text": q.text, "anonymous": q.anonymous, "at": at(q.created_at)}
            for q in Question.objects.filter(author=user).select_related("room")
        ],
        "reactions": [
            {"room": r.message.room.title, "message": r.message.seq, "reaction": r.emoji}
            for r in Reaction.objects.filter(user=user).select_related("message__room")
        ],
        "question_votes": [
            {"room": v.question.room.title, "question": v.question.text}
            for v in QuestionVote.objects.filter(user=user).select_related("question__room")
        ],
        "polls_started": [
            {"room": p.room.title, "question": p.question, "at": at(p.created_at)}
            for p in Poll.objects.filter(created_by=user).select_related("room")
        ],
        "poll_votes": [
            {"poll": v.poll.question, "option": v.option.label}
            for v in PollVote.objects.filter(user=user).select_related("poll", "option")
        ],
        "mutes": [
            {"room": m.room.title, "until": at(m.until)}
            for m in Mute.objects.filter(user=user).select_related("room")
        ],
        "moderation": [
            {
                "room": a.room.title,
                "action": a.action,
                "by_me": a.actor_id == user.pk,
                "about_me": a.target_user_id == user.pk,
                "at": at(a.created_at),
            }
            for a in ModerationAction.objects.filter(actor=user).select_related("room")
            | ModerationAction.objects.filter(target_user=user).select_related("room")
        ],
        "open_windows": [
            {"room": p.room.title, "since": at(p.connected_at), "mode": p.mode}
            for p in Presence.objects.filter(user=user).select_related("room")
        ],
    }


@transaction.atomic
def member_chat_content_erase(*, user) -> int:
    """Delete the member's messages that nobody answered; returns how many."""
    answered_later = Message.objects.filter(room=OuterRef("room"), seq__gt=OuterRef("seq")).exclude(
        author=user
    )
    unanswered = Message.objects.filter(author=user).exclude(Exists(answered_later))
    # Replies elsewhere keep their place (reply_to is SET_NULL); text and reactions go.
    count, _detail = unanswered.delete()
    Question.objects.filter(author=user, votes=0).delete()
    return count
