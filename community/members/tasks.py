"""Background work for members (see community/background.py)."""

from community.background import retrying_task


@retrying_task()
def data_export_build(export_id: int) -> None:
    from . import services

    services.data_export_build(export_id=export_id)


@retrying_task()
def retention_run() -> dict[str, int]:
    from .retention import retention_purge_all

    return retention_purge_all()
