"""Retention: each kind of personal data is deleted after its period by a registered
purger, all run by one scheduled command (`manage.py retention`, daily from cron), which
enqueues `retention_run` on the task queue.

An app plugs its data in from `AppConfig.ready()`, as with the exporters in
`privacy.py`:

    from community.members.retention import register_purger
    register_purger("practice_recordings", purge_recordings)

A purger takes `now` (keyword) and returns how many items it deleted; it must delete
only what is older than its period, and be safe to run again.
"""

from collections.abc import Callable

Purger = Callable[..., int]
_PURGERS: dict[str, Purger] = {}


def register_purger(name: str, purger: Purger) -> None:
    _PURGERS[name] = purger


def purgers() -> dict[str, Purger]:
    return dict(_PURGERS)


def retention_purge_all(*, now=None) -> dict[str, int]:
    """Run every purger; returns {kind: items deleted}."""
    from django.utils import timezone

    now = now or timezone.now()
    return {name: purger(now=now) for name, purger in _PURGERS.items()}
