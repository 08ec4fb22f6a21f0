"""/me/data/ holds every kind of personal data in every app: a model that relates to the
user model must be exported or excluded with a reason (community/members/privacy.py)."""

import json

import pytest
from django.apps import apps
from django.conf import settings

from community.members import privacy
from forums.models import Draft, Reaction, Subscription
from tests.factories.forums import CategoryFactory, PostFactory, TopicFactory

KNOWN_GAPS: set[str] = set()


def _relates_to_members(model, user_model) -> bool:
    if model is user_model:
        return True
    return any(
        field.related_model is user_model and not field.auto_created
        for field in model._meta.get_fields()
        if field.is_relation
    )


def test_every_model_relating_to_members_is_exported_or_excluded_with_a_reason():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    covered, excluded = privacy.covered_models(), privacy.excluded_models()
    assert all(reason.strip() for reason in excluded.values())
    assert not set(covered) & set(excluded)
    related = {
        model._meta.label for model in apps.get_models() if _relates_to_members(model, user_model)
    }
    missing = related - set(covered) - set(excluded)
    assert missing == KNOWN_GAPS, f"export or exclude with a reason: {missing - KNOWN_GAPS}"
    assert set(covered) <= related | {"wagtailimages.Image", "wagtaildocs.Document"}
    assert set(covered.values()) <= set(privacy.exporters()) | {"account"}


@pytest.mark.django_db
def test_the_export_holds_forum_posts_reactions_follows_and_drafts(client, ingrid_pupil_14):
    category = CategoryFactory(title="Fiolin")
    topic = TopicFactory(category=category, author=ingrid_pupil_14, title="Første gang")
    posts = [
        PostFactory(topic=topic, author=ingrid_pupil_14, body=f"Innlegg {n}") for n in range(21)
    ]
    Reaction.objects.create(post=posts[0], user=ingrid_pupil_14, kind="👍")
    Subscription.objects.get_or_create(user=ingrid_pupil_14, topic=topic)
    Draft.objects.create(user=ingrid_pupil_14, topic=topic, body="Halvferdig svar")
    client.force_login(ingrid_pupil_14)
    data = json.loads(client.get("/me/data/").content)
    forums = data["forums"]
    assert {p["text"] for p in forums["posts"]} >= {f"Innlegg {n}" for n in range(21)}
    assert forums["topics"][0]["title"] == "Første gang"
    assert forums["reactions"] == [
        {"topic": "Første gang", "post": posts[0].number, "reaction": "👍"}
    ]
    assert forums["follows"] == [{"topic": "Første gang", "category": None}]
    assert forums["drafts"][0]["text"] == "Halvferdig svar"
    assert data["account"]["email"] == ingrid_pupil_14.email
    assert data["email_addresses"] is not None and "access_to_my_data" in data


@pytest.mark.django_db
def test_the_zip_has_a_readable_summary_the_json_and_my_files(
    client, astrid_teacher, django_capture_on_commit_callbacks, mailoutbox
):
    """Asked for on /me/data/archive/, built by the task after commit, announced in the
    app (and by mail: the default delivery), downloaded by its member."""
    import io
    import zipfile

    from tests.factories.courses import make_document

    document = make_document("mine-noter")
    document.uploaded_by_user = astrid_teacher
    document.save()
    topic = TopicFactory(author=astrid_teacher, title="Om stemming")
    PostFactory(topic=topic, author=astrid_teacher, body="Bruk <b>gehøret</b>")
    client.force_login(astrid_teacher)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/me/data/archive/").status_code == 302
    export = astrid_teacher.data_exports.get()
    assert export.status == "ready" and "/media/" not in export.file.path
    assert str(settings.MEDIA_ROOT) not in export.file.path
    note = astrid_teacher.notifications.get(kind="data_export")
    assert note.url == "/me/data/archive/"
    page = client.get("/me/data/archive/").content.decode()
    download = f"/me/data/archive/{export.pk}/"
    assert download in page
    response = client.get(download)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"index.html", "data.json"} <= names
    assert f"files/document-{document.pk}-mine-noter.pdf" in names
    assert archive.read(f"files/document-{document.pk}-mine-noter.pdf").startswith(b"%PDF-")
    data = json.loads(archive.read("data.json"))
    assert data["forums"]["topics"][0]["title"] == "Om stemming"
    summary = archive.read("index.html").decode()
    assert "Om stemming" in summary and astrid_teacher.email in summary
    assert "Bruk &lt;b&gt;gehøret&lt;/b&gt;" in summary  # escaped, never markup


@pytest.mark.django_db
def test_an_expired_archive_is_deleted_from_storage_and_the_page_says_so(
    client, astrid_teacher, ingrid_pupil_14
):
    from datetime import timedelta

    from django.utils import timezone

    from community.members import services

    export = services.data_export_build(
        export_id=services.data_export_request(user=astrid_teacher).pk
    )
    other = services.data_export_build(
        export_id=services.data_export_request(user=ingrid_pupil_14).pk
    )
    path = export.file.path
    storage = export.file.storage
    assert storage.exists(export.file.name)
    client.force_login(ingrid_pupil_14)
    assert client.get(f"/me/data/archive/{export.pk}/").status_code == 404

    assert services.data_exports_purge(now=timezone.now()) == 0  # nothing expired yet
    later = timezone.now() + timedelta(days=settings.SAMSPILL_EXPORT_EXPIRY_DAYS, seconds=1)
    assert services.data_exports_purge(now=later) == 2
    export.refresh_from_db()
    other.refresh_from_db()
    assert not export.file and not storage.exists(path)
    client.force_login(astrid_teacher)
    response = client.get(f"/me/data/archive/{export.pk}/")
    assert response.status_code == 410
    assert "expired" in response.content.decode()  # in her language (English)
    assert "expired" in client.get("/me/data/archive/").content.decode()
