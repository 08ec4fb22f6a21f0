"""community/wsgi.py: production's HTTP side (gunicorn) serves the same site as Daphne."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.factories.forums import TopicFactory


@pytest.mark.django_db
def test_wsgi_application_serves_a_page():
    from wsgiref.util import setup_testing_defaults

    from community.wsgi import application

    topic = TopicFactory(posts=2, title="Over WSGI")
    environ = {}
    setup_testing_defaults(environ)
    environ.update(
        PATH_INFO=f"/forums/t/{topic.pk}/", HTTP_HOST="testserver", HTTP_ACCEPT_LANGUAGE="en"
    )
    started = []
    # As Django's test client does: the request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, lambda status, headers: started.append(status)))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert started == ["200 OK"]
    assert "Over WSGI" in body.decode()
