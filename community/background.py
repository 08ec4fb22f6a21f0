"""Work outside the request: tasks that run after commit, retried with backoff.

Everything that may be slow or fail for reasons outside Samspill (mail servers,
digests, follow-ups) runs as a django-tasks task. A request only *enqueues* the task,
after its transaction commits, so a failure there can never turn a saved action into
an error page. `make run` starts the database worker (`manage.py db_worker`) beside
Daphne; `docs/deployment.md` says how to run workers in production.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger("samspill.tasks")


def enqueue_on_commit(job, *args, **kwargs) -> None:
    """Enqueue `job` once the current transaction commits (at once outside one).

    `robust`: a queue that cannot be reached is logged, never raised into the request
    whose data is already saved.
    """
    transaction.on_commit(functools.partial(job.enqueue, *args, **kwargs), robust=True)


def retry_delay(attempt: int) -> timedelta:
    """Exponential backoff: the base delay, then four times longer each attempt."""
    return timedelta(seconds=settings.SAMSPILL_TASK_RETRY_SECONDS * 4 ** (attempt - 1))


def retrying_task(*, attempts: int | None = None):
    """A task that is enqueued again with backoff when it raises.

    Every failed attempt is recorded by the backend with its traceback (administrators
    see them under *Background tasks*); after the last attempt the task stays failed.
    The wrapped function must be safe to run again (mark what it did as it goes).
    """

    def decorator(func):
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                limit = attempts or settings.SAMSPILL_TASK_ATTEMPTS
                backend = job.get_backend()
                if attempt < limit and backend.supports_defer:
                    job.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
                        *args, attempt=attempt + 1, **kwargs
                    )
                    logger.warning("%s failed (attempt %s of %s)", job.name, attempt, limit)
                else:
                    logger.error("%s failed for good after %s attempt(s)", job.name, attempt)
                raise

        job = task()(run)
        return job

    return decorator
