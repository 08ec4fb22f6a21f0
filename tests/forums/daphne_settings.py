"""Settings for a Daphne process started by a browser test: the test settings, plus
static files served straight from the apps (no collectstatic in tests)."""

from community.settings.test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
