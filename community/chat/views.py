from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import selectors, services


@login_required
def room(request, room_id):
    room, access = selectors.access_room(request.user, room_id)
    messages = selectors.recent_messages(room)
    context = {
        "room": room,
        "access": access,
        "chat_messages": [services.message_event(m) for m in messages],
        "last_seq": messages[-1].seq if messages else 0,
        "is_open": room.is_open(),
        "questions": (
            selectors.moderator_questions(room)
            if access.can_moderate
            else selectors.public_questions(room)
        )
        if room.qa_enabled
        else [],
        "polls": selectors.polls_for_viewer(room, request.user),
        "presence": selectors.presence_state(room),
        "now": timezone.now(),
        "max_length": services.MAX_MESSAGE_LENGTH,
        "i18n_strings": client_strings(),
    }
    return render(request, "community/chat/room.html", context)


@login_required
def panel(request, room_id):
    """The hall screen: the Q&A queue in large type, updated live."""
    room, access = selectors.access_room(request.user, room_id)
    questions = selectors.public_questions(room)
    return render(
        request,
        "community/chat/panel.html",
        {
            "room": room,
            # The question being answered stands alone in large type; the queue is
            # what is still waiting.
            "current": next((q for q in questions if q["pinned"]), None),
            "queue": [q for q in questions if not q["pinned"] and not q["answered"]],
            "polls": selectors.polls_for_viewer(room),
            "i18n_strings": client_strings(),
        },
    )


def client_strings() -> dict:
    """The chat client's words, in the member's language."""
    return {
        "connected": _("Connected"),
        "reconnecting": _("Connection lost: reconnecting…"),
        "closed": _("Disconnected"),
        "no_access": _("You no longer have access to this room."),
        "too_many": _("You have this room open in too many windows."),
        "sending": _("sending…"),
        "sent": _("sent"),
        "unsent": _("Not sent"),
        "retry": _("Send again"),
        "edited": _("edited"),
        "deleted": _("Message deleted"),
        "you": _("You"),
        "reply": _("Reply"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "mute": _("Mute 10 min"),
        "organiser": _("organiser"),
        "in_hall": _("in the hall"),
        "online": _("online"),
        "presence": _("%(s)s in the hall, %(o)s online"),
        "presence_capped": _("%(n)s here now: %(s)s in the hall, %(o)s online"),
        "show_everyone": _("Show everyone"),
        "show_fewer": _("Show fewer"),
        "open": _("Open"),
        "closed_room": _("Closed: the transcript stays readable"),
        "open_room": _("Open the room"),
        "close_room": _("Close the room"),
        "answered": _("answered"),
        "now_answering": _("now answering"),
        "anonymous": _("anonymous to others"),
        "pin": _("Answer now"),
        "answer": _("Mark answered"),
        "unanswer": _("Mark unanswered"),
        "hide": _("Hide"),
        "poll_closed": _("closed"),
        "close_poll": _("Close poll"),
        "opens": _("Opens %(when)s"),
        "not_found": _("This chat room does not exist."),
        "waiting": _("waiting to send…"),
        "vote_question": _("Vote for this question"),
        # nb, da and en have one singular and one plural form: two words suffice.
        "vote_one": ngettext("vote", "votes", 1),
        "vote_many": ngettext("vote", "votes", 2),
        "your_vote": _("Your vote"),
        "jump": _("Jump to latest"),
        "jump_new": _("Jump to latest: %(n)s new"),
        "new_messages": _("New messages"),
        "no_questions": _("No questions yet."),
    }


@login_required
@require_POST
def publish(request, room_id):
    room, access = selectors.access_room(request.user, room_id)
    try:
        post = services.transcript_publish(room=room, user=request.user)
    except (services.ChatError, ValidationError) as exc:
        text = exc.message if isinstance(exc, services.ChatError) else " ".join(exc.messages)
        flash.error(request, text)
        return redirect("chat:room", room_id=room.pk)
    flash.success(request, _("The transcript is posted in the forum."))
    return redirect(post.topic.get_absolute_url())
