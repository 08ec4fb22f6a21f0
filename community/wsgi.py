"""WSGI entry point: plain HTTP on gunicorn's sync workers.

Production runs this beside Daphne (which keeps the WebSockets, `community.asgi`),
because a sync worker serves a Django view for far less CPU than Daphne's
async-to-sync bridge (figures in docs/deployment.md):

    gunicorn --workers 4 community.wsgi:application
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings.dev")
# A sync worker serves one request at a time on one thread, so it keeps its database
# connection between requests (community/settings/env.py); Daphne's entry point doesn't.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "60")

application = get_wsgi_application()
