"""Work after commit: mail runs in the task worker, so a mail server that drops every
connection leaves each action saved (no 500) while the worker retries and then records
the failure for administrators.

Cases:
- a real local SMTP socket that closes every connection at once;
- registering, an organiser's message and a forum reply all answer with a redirect and
  are saved; their mails wait in the database queue;
- `manage.py db_worker` (the worker `make run` starts) tries each mail the configured
  number of times, recording every failed attempt with its traceback;
- the Django admin lists the failures; the Wagtail admin links there for superusers.
These tests use the database backend (not the immediate one of the other tests), so the
worker also runs against PostgreSQL in the real-services suite.
"""

import socket
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from community.gatherings.models import Registration
from community.notifications.models import Delivery
from community.notifications.services import preference_set
from forums.models import Post
from tests.factories.community import UserFactory
from tests.factories.forums import CategoryFactory, TopicFactory
from tests.factories.gatherings import build_gathering, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def dropping_smtp():
    """A real SMTP port on loopback that accepts and at once drops every connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    server.close()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The worker closes stale connections between tasks, as Django does between
    requests; inside a test's transaction that would close the test's own connection
    (Django's TestCase disconnects the same call from its request signals)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def database_queue(settings, dropping_smtp):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", dropping_smtp, 5
    settings.SAMSPILL_TASK_ATTEMPTS = 3
    settings.SAMSPILL_TASK_RETRY_SECONDS = 0  # retries are due at once for the batch worker


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload")


def test_a_dropping_mail_server_never_breaks_a_saved_action(
    client, database_queue, oda_organiser, django_capture_on_commit_callbacks
):
    gathering = build_gathering(
        organisers=[oda_organiser], start=timezone.now() + timedelta(days=3)
    )
    teacher, reader = UserFactory(), UserFactory()
    preference_set(user=teacher, delivery=Delivery.EMAIL)
    preference_set(user=reader, delivery=Delivery.EMAIL)
    topic = TopicFactory(category=CategoryFactory(allow_pupils=True), author=reader, posts=1)

    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        registered = client.post(
            reverse("gatherings:register", args=[gathering.pk]), {"mode": "online"}
        )
        replied = client.post(reverse("forums:reply", args=[topic.pk]), {"body": "Gode ideer!"})
    client.force_login(oda_organiser)
    with django_capture_on_commit_callbacks(execute=True):
        messaged = client.post(
            reverse("gatherings:message", args=[gathering.pk]),
            {"subject": "Ny sal", "body": "Vi er i sal B."},
        )
    assert [registered.status_code, replied.status_code, messaged.status_code] == [302] * 3
    assert Registration.objects.filter(gathering=gathering, user=teacher).exists()
    assert Post.objects.filter(topic=topic, body="Gode ideer!").exists()
    assert teacher.notifications.filter(title="Ny sal").exists()
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "community.gatherings.tasks.registration_confirmation_send" in queued
    assert "community.notifications.tasks.notifications_mail_send" in queued

    _run_worker()

    mail_tasks = DBTaskResult.objects.filter(task_path__contains=".tasks.").filter(
        task_path__contains="_send"
    )
    # Three mails (confirmation, reply to the subscriber, organiser's message), three
    # attempts each, every one recorded as failed with the mail server's error.
    assert mail_tasks.count() == 9
    assert set(mail_tasks.values_list("status", flat=True)) == {"FAILED"}
    assert all("SMTPServerDisconnected" in r.exception_class_path for r in mail_tasks)
    attempts = sorted(r.args_kwargs["kwargs"].get("attempt", 1) for r in mail_tasks)
    assert attempts == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_retries_back_off_and_administrators_see_the_failures(
    client, settings, dropping_smtp, admin_user, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", dropping_smtp
    settings.SAMSPILL_TASK_RETRY_SECONDS = 60
    member = UserFactory()
    preference_set(user=member, delivery=Delivery.EMAIL)
    gathering = build_gathering(start=timezone.now() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        register(gathering, member)

    _run_worker()

    first, retry = DBTaskResult.objects.filter(
        task_path="community.gatherings.tasks.registration_confirmation_send"
    ).order_by("enqueued_at")
    assert first.status == "FAILED"
    # The second attempt waits a minute (then 4, 16, 64): the batch worker leaves it.
    assert retry.status == "READY"
    assert timedelta(seconds=50) < retry.run_after - first.finished_at < timedelta(seconds=70)

    client.force_login(admin_user)
    listing = client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED"
    ).content.decode()
    assert "registration_confirmation_send" in listing
    # The Wagtail admin's menu links there, for superusers only.
    assert "Background tasks" in client.get("/admin/").content.decode()
