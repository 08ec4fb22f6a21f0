"""Retention: each kind of personal data is deleted after its period by a registered
purger. The periods are set by administrators in the Wagtail admin (Settings → Retention
periods, `RetentionSettings`); `periods()` is the one place that reads them. The task
`retention_run` runs every purger and enqueues itself again for the next day, so the
schedule keeps itself going in `make run` and production alike (`manage.py retention
--schedule` starts it once; see docs/deployment.md).

An app plugs its data in from `AppConfig.ready()`, as with the exporters in
`privacy.py`:

    from community.members.retention import register_purger
    register_purger("practice_recordings", purge_recordings)

A purger takes `now` (keyword) and returns how many items it deleted; it must delete
only what is older than its period, and be safe to run again.
"""

import datetime
import logging
from collections.abc import Callable

from django.dispatch import Signal
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger("samspill.retention")

# Sent with `changed` ({field: (old, new)}) after an administrator saves new periods, so
# an app whose stored dates depend on a period (practice takes) can recompute them.
periods_changed = Signal()

Purger = Callable[..., int]
_PURGERS: dict[str, Purger] = {}


def register_purger(name: str, purger: Purger) -> None:
    _PURGERS[name] = purger


def purgers() -> dict[str, Purger]:
    return dict(_PURGERS)


class RetentionFailed(Exception):
    pass


def retention_purge_all(*, now=None) -> dict[str, int]:
    """Run every purger; returns {kind: items deleted}. One failing kind never stops the
    others; the run then fails as a whole so the task records it for administrators."""
    now = now or timezone.now()
    done, failed = {}, []
    for name, purger in _PURGERS.items():
        try:
            done[name] = purger(now=now)
        except Exception:
            logger.exception("retention: purging %s failed", name)
            failed.append(name)
    if failed:
        raise RetentionFailed(", ".join(failed))
    return done


RUN_AT = datetime.time(3, 0)  # at night, local time (settings.TIME_ZONE)


def next_run_at(now) -> datetime.datetime:
    """The next 03:00 after `now` in the site's time zone (right across DST changes)."""
    zone = timezone.get_default_timezone()
    local = timezone.localtime(now, zone)
    day = local.date() if local.time() < RUN_AT else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, RUN_AT, tzinfo=zone)


def retention_schedule(*, at=None) -> bool:
    """Make sure one run of `retention_run` is waiting in the queue (at `at`, by default
    the next 03:00); nothing if one already waits. Returns whether it queued one.

    Only with the database task backend, whose queue can be asked what waits; with
    another backend run `manage.py retention` daily from cron instead."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import retention_run

    if not isinstance(retention_run.get_backend(), DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=retention_run.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    retention_run.using(run_after=at or next_run_at(timezone.now())).enqueue()
    return True


def periods(request=None):
    """The retention periods in force (the admin's setting; created from the
    environment's defaults on first read). With a request, read once per request."""
    from .models import RetentionSettings

    return RetentionSettings.load(request)
