"""Background work for members (see community/background.py)."""

from community.background import retrying_task


@retrying_task()
def data_export_build(export_id: int) -> None:
    from . import services

    services.data_export_build(export_id=export_id)


@retrying_task()
def retention_run() -> dict[str, int]:
    """The daily retention run. It queues tomorrow's run first, so the schedule keeps
    going even when a purger fails (a retry finds tomorrow's waiting and adds none)."""
    from .retention import retention_purge_all, retention_schedule

    retention_schedule()
    return retention_purge_all()


@retrying_task()
def inactivity_warning_send(user_id: int) -> bool:
    from .mail import inactivity_warning

    return inactivity_warning(user_id)
