"""Lazy "%"-formatting: `gettext_lazy("… %(x)s") % {...}` translates at once, in the
*sender's* (or cron's) language; `interpolate` waits until `notify` renders the text in
the recipient's."""

from django.utils.functional import lazy


def _interpolate(message, params: dict) -> str:
    return str(message) % {key: str(value) for key, value in params.items()}


interpolate = lazy(_interpolate, str)
