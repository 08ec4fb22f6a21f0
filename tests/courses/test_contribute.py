"""Contribution and review: the friendly form makes a draft owned by the teacher and
starts the editors' workflow; editors are told; the author hears the outcome."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from community.notifications.models import Notification
from courses.demo_media import melody_wav, score_pdf
from courses.models import ResourcePage
from tests.courses.test_uploads import _form_data

pytestmark = pytest.mark.django_db


def test_submit_makes_a_draft_in_review_with_files(client, astrid_teacher, eva_editor, bergen):
    client.force_login(astrid_teacher)
    response = client.post(
        "/me/contributions/new/",
        _form_data(
            file=SimpleUploadedFile("stemme.pdf", score_pdf("Stemme", 2)),
            video_url="https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            video_title="Slik spiller du",
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/me/contributions/"
    page = ResourcePage.objects.get()
    assert not page.live and page.owner == astrid_teacher and page.school == bergen
    assert page.author_name == "Astrid"
    assert [block.block_type for block in page.body] == ["paragraph", "document", "video"]
    assert page.body[0].value.source == "<p>Første avsnitt.</p><p>Andre avsnitt.</p>"
    assert list(page.disciplines.values_list("slug", flat=True)) == ["music"]
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == "in_progress" and state.workflow.name == "Library review"
    notice = Notification.objects.get(recipient=eva_editor)
    assert "Min ressurs" in notice.title and notice.url == f"/admin/pages/{page.pk}/edit/"
    mine = client.get("/me/contributions/").content.decode()
    assert "Min ressurs" in mine and "Waiting for review" in mine


def test_audio_upload_becomes_an_audio_block(client, astrid_teacher):
    client.force_login(astrid_teacher)
    client.post(
        "/me/contributions/new/", _form_data(file=SimpleUploadedFile("lyd.wav", melody_wav()))
    )
    assert [block.block_type for block in ResourcePage.objects.get().body] == ["paragraph", "audio"]


def test_save_as_draft_does_not_start_review(client, astrid_teacher):
    client.force_login(astrid_teacher)
    client.post("/me/contributions/new/", _form_data(action="draft"))
    page = ResourcePage.objects.get()
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()
    assert "Draft" in client.get("/me/contributions/").content.decode()


def test_description_html_is_escaped(client, astrid_teacher):
    client.force_login(astrid_teacher)
    client.post("/me/contributions/new/", _form_data(description="<script>alert(1)</script>"))
    assert ResourcePage.objects.get().body[0].value.source == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_missing_fields_keep_what_was_typed(client, astrid_teacher):
    client.force_login(astrid_teacher)
    data = _form_data(title="", video_url="https://example.org/video")
    html = client.post("/me/contributions/new/", data).content.decode()
    assert "Please correct the following" in html
    assert "Only YouTube and Vimeo video addresses can be embedded." in html
    assert "Første avsnitt." in html and 'value="https://example.org/video"' in html


def _review(page, user, approve: bool, comment=""):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    if approve:
        task_state.task.on_action(task_state, user, "approve", comment=comment)
    else:
        task_state.task.on_action(task_state, user, "reject", comment=comment)


def test_author_is_told_of_approval_and_of_requested_changes(client, astrid_teacher, eva_editor):
    client.force_login(astrid_teacher)
    client.post("/me/contributions/new/", _form_data(title="Første"))
    client.post("/me/contributions/new/", _form_data(title="Andre"))
    first, second = ResourcePage.objects.order_by("pk")
    _review(first, eva_editor, approve=True)
    _review(second, eva_editor, approve=False, comment="Legg til en lydfil.")
    first.refresh_from_db()
    assert first.live
    notices = {n.title: n for n in Notification.objects.filter(recipient=astrid_teacher)}
    approved = notices["Your contribution “Første” was approved and published"]
    assert approved.url == first.url
    changes = notices["The editors asked for changes to “Andre”"]
    assert changes.body == "Legg til en lydfil."
    assert "Changes requested" in client.get("/me/contributions/").content.decode()


def test_notifications_are_in_the_authors_language(client, astrid_teacher, eva_editor):
    astrid_teacher.language = "nb"
    astrid_teacher.save()
    client.force_login(astrid_teacher)
    client.post("/me/contributions/new/", _form_data(title="Vårsang"))
    _review(ResourcePage.objects.get(), eva_editor, approve=True)
    notice = Notification.objects.get(recipient=astrid_teacher)
    assert notice.title == "Bidraget ditt «Vårsang» er godkjent og publisert"
