import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# As production's entry point (community/wsgi.py): sync workers keep their connection.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "60")
application = get_wsgi_application()
