"""Uploads on S3-compatible object storage, against moto's S3 server on loopback (the
"at scale" pass): the same permission checks, range requests and renditions as on the
disk; every address is the site's own /media/; objects carry no public grant; erasure
and expiry delete the objects; data archives live under the bucket's private/ prefix.

Cases:
- a teachers-only document and image, uploaded to the bucket: a teacher gets them
  through /media/ (and a rendition made from the bucket's original), a pupil gets 403
  and a visitor the login page; no object grants anything to AllUsers/AuthenticatedUsers;
- a pupil's recording uploaded through the practice page: the pupil and her teacher
  play it, with a Range request answered from a ranged GET; another pupil is refused;
  erasing the pupil deletes the object;
- a data archive is built into private/, downloaded only by its member, and has no URL.
"""

import io
import zipfile

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from community.members.models import DataExport
from community.members.services import member_erase
from community.storage import MediaStorage
from courses.practice import services as practice
from courses.practice.models import Take
from tests.factories.courses import make_document, make_image, resource
from tests.services import free_port

from .practice.factories import wav_upload

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not settings.REDIS_URL, reason="object storage is tested in the at-scale pass"
    ),
]

BUCKET = "samspill-test"
PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    _client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def _client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 -- moto accepts any key
    )


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """STORAGES as community/settings/env.py builds them from SAMSPILL_S3_*."""
    from django.core.files.storage import storages

    from community.settings import env as settings_env

    for name, value in {
        "SAMSPILL_S3_BUCKET": BUCKET,
        "SAMSPILL_S3_ENDPOINT_URL": s3_endpoint,
        "SAMSPILL_S3_REGION": "us-east-1",
        "SAMSPILL_S3_ACCESS_KEY_ID": "test",
        "SAMSPILL_S3_SECRET_ACCESS_KEY": "test",
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = settings_env.storages_from_env(
        private_root=settings.SAMSPILL_PRIVATE_ROOT,
        staticfiles_backend="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    # The archive's field took its storage when the model was imported.
    monkeypatch.setattr(DataExport._meta.get_field("file"), "storage", storages["private"])
    client = _client(s3_endpoint)
    yield client


def _keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _public_grants(client, key):
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GROUPS]


def test_restricted_document_image_and_rendition_from_the_bucket(
    bucket, client, astrid_teacher, ingrid_pupil_14
):
    document, picture = make_document("laerernoter"), make_image("laererbilde", 4)
    page = resource(
        slug="for-laerere",
        audience="teachers",
        body=[
            ("document", {"document": document, "kind": "score", "title": "Noter"}),
            ("image", {"image": picture, "alt_text": "Noter", "caption": ""}),
        ],
    )
    assert isinstance(default_storage._wrapped, MediaStorage)
    rendition = picture.get_rendition("width-400")
    keys = _keys(bucket)
    for stored in (document.file.name, picture.file.name, rendition.file.name):
        assert f"media/{stored}" in keys
        assert not _public_grants(bucket, f"media/{stored}")
    urls = [document.file.url, picture.file.url, rendition.url]
    assert all(url.startswith("/media/") for url in urls), urls

    client.force_login(astrid_teacher)
    pdf = client.get(urls[0])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["Content-Security-Policy"] == "sandbox" and "private" in pdf["Cache-Control"]
    image = client.get(urls[2])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert rendition.width == 320  # read back from the bucket's original (no upscaling)
    # The page-scoped addresses read the bucket too (with a Range, as a player would).
    scoped = client.get(
        reverse("courses:document", args=[page.pk, document.pk]), headers={"Range": "bytes=0-3"}
    )
    assert scoped.status_code == 206 and b"".join(scoped.streaming_content) == b"%PDF"

    client.force_login(ingrid_pupil_14)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    client.logout()
    assert [client.get(url).status_code for url in urls] == [302, 302, 302]


def test_recording_plays_with_ranges_and_erasure_deletes_the_object(
    bucket,
    client,
    django_capture_on_commit_callbacks,
    astrid_teacher,
    ingrid_pupil_14,
    emil_pupil_11,
    bergen,
):
    assignment = practice.assignment_create(
        teacher=astrid_teacher,
        school_id=bergen.pk,
        title="Vårsang",
        pupils=[ingrid_pupil_14],
    )
    client.force_login(ingrid_pupil_14)
    response = client.post(
        reverse("practice:take_upload", args=[assignment.pk]), {"file": wav_upload(seconds=1)}
    )
    assert response.status_code == 302
    take = Take.objects.get()
    key = f"media/{take.file.name}"
    assert key in _keys(bucket) and not _public_grants(bucket, key)
    data = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert take.file.url == f"/media/{take.file.name}"

    ranged = client.get(take.file.url, headers={"Range": "bytes=100-4195"})
    assert ranged.status_code == 206
    assert b"".join(ranged.streaming_content) == data[100:4196]
    assert ranged["Content-Range"] == f"bytes 100-4195/{len(data)}"
    tail = client.get(take.file.url, headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == data[-10:]
    assert client.get(take.file.url, headers={"Range": f"bytes={len(data)}-"}).status_code == 416
    client.force_login(astrid_teacher)
    whole = client.get(take.file.url)
    assert whole.status_code == 200 and int(whole["Content-Length"]) == len(data)
    assert b"".join(whole.streaming_content) == data
    client.force_login(emil_pupil_11)
    assert client.get(take.file.url).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        member_erase(user=ingrid_pupil_14)
    assert key not in _keys(bucket)


def test_data_archive_lives_under_private_and_only_its_member_downloads_it(
    bucket, client, django_capture_on_commit_callbacks, astrid_teacher, jon_leader
):
    client.force_login(astrid_teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:data_archive"))
    export = DataExport.objects.get(user=astrid_teacher)
    key = f"private/{export.file.name}"
    assert key in _keys(bucket) and not _public_grants(bucket, key)
    with pytest.raises(NotImplementedError):
        export.file.url  # noqa: B018 -- no address outside the checked view
    download = client.get(reverse("members:data_archive_download", args=[export.pk]))
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "data.json" in " ".join(archive.namelist())
    client.force_login(jon_leader)
    other = client.get(reverse("members:data_archive_download", args=[export.pk]))
    assert other.status_code == 404
