"""The retention clean-up as a background task (see community/background.py): cron runs
`manage.py practice_cleanup`, which only queues it; the worker deletes, retrying with
backoff if storage fails (the service is safe to run again)."""

from community.background import retrying_task


@retrying_task()
def takes_cleanup() -> int:
    from .services import takes_delete_expired

    return takes_delete_expired()
