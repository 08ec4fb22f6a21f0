"""Gathering mail as background tasks (see community/background.py)."""

from community.background import retrying_task


@retrying_task()
def registration_confirmation_send(registration_id: int) -> None:
    from .mail import registration_confirmation

    registration_confirmation(registration_id)


@retrying_task()
def followups_send_all() -> int:
    from .services import followups_send

    return followups_send()
