"""What the practice room holds about a member, for the data export: assignments given
or received, takes (the audio files go into the ZIP), feedback and the practice log.
Erasure: takes, comments on them and log entries go with the pupil (CASCADE), and
signals.py removes each take's file from storage."""

from pathlib import PurePath

PRACTICE_MODELS = (
    "courses.Assignment",
    "courses.Take",
    "courses.TakeComment",
    "courses.PracticeLogEntry",
)


def export_practice(user):
    from .models import Assignment, PracticeLogEntry, Take, TakeComment

    return {
        "assignments_received": [
            {"title": a.title, "instructions": a.instructions, "due": str(a.due_on or "")}
            for a in Assignment.objects.filter(pupils=user)
        ],
        "assignments_given": [
            {"title": a.title, "created_at": a.created_at.isoformat()}
            for a in Assignment.objects.filter(teacher=user)
        ],
        "takes": [
            {
                "assignment": take.assignment.title,
                "file": _archive_name(take),
                "status": take.status,
                "recorded_at": take.created_at.isoformat(),
                "delete_after": take.delete_after.isoformat(),
                "feedback": [
                    {"at_seconds": float(c.at_seconds), "text": c.text} for c in take.comments.all()
                ],
            }
            for take in Take.objects.filter(pupil=user)
            .select_related("assignment")
            .prefetch_related("comments")
        ],
        "feedback_given": [
            {"at_seconds": float(c.at_seconds), "text": c.text, "at": c.created_at.isoformat()}
            for c in TakeComment.objects.filter(author=user)
        ],
        "practice_log": [
            {
                "date": entry.practised_on.isoformat(),
                "minutes": entry.minutes,
                "what": entry.what,
                "note": entry.note,
            }
            for entry in PracticeLogEntry.objects.filter(pupil=user)
        ],
    }


def _archive_name(take) -> str:
    return f"practice/take-{take.pk}{PurePath(take.file.name).suffix}"


def practice_files(user):
    from .models import Take

    for take in Take.objects.filter(pupil=user):
        yield _archive_name(take), take.file
