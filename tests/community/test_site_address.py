"""Links in mails and calendar files use the address the site is served on, `make run`
on another port included."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.factories.gatherings import build_gathering

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_calendar_files_link_to_the_address_they_were_fetched_from():
    gathering = build_gathering(slug="adresse")
    client = Client(HTTP_HOST="127.0.0.1:8123")
    for url in (f"/gatherings/{gathering.pk}/calendar.ics", "/gatherings/calendar.ics"):
        ics = client.get(url).content.decode().replace("\r\n ", "")
        assert f"URL:http://127.0.0.1:8123{gathering.url}" in ics, ics


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_on_another_port_sets_the_site_address_for_mails():
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8123", "HOST=127.0.0.1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    assert "export SAMSPILL_SITE_URL=http://127.0.0.1:8123;" in plan
    assert "manage.py db_worker" in plan  # the task worker starts beside Daphne
    assert "daphne -b 127.0.0.1 -p 8123" in plan
