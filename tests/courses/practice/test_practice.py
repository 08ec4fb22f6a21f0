"""The practice room: assign, record (upload), hand in, feedback at a moment, ask again,
approve (the lesson is done in course progress); who sees what; consent; range
requests; bad uploads; export, erasure and retention remove the audio; query counts."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from community.members.services import member_erase
from community.notifications.models import Notification
from courses.learning.models import LessonProgress
from courses.practice import services
from courses.practice.models import Take, TakeComment, TakeStatus
from tests.factories.learning import lessons_of, small_course

from .factories import wav_bytes, wav_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(astrid_teacher, ingrid_pupil_14, emil_pupil_11, bergen):
    return services.assignment_create(
        teacher=astrid_teacher,
        school_id=bergen.pk,
        title="Vårsang, takt 1–16",
        pupils=[ingrid_pupil_14, emil_pupil_11],
        tempo=80,
    )


def _take(assignment, pupil, seconds=0.5):
    return services.take_create(
        pupil=pupil, assignment=assignment, upload=wav_upload(seconds=seconds)
    )


def test_assign_record_hand_in_comment_ask_again_approve_marks_lesson_done(
    client, astrid_teacher, ingrid_pupil_14, bergen
):
    course = small_course(teachers=[astrid_teacher])
    lesson = lessons_of(course)[0]
    client.force_login(astrid_teacher)
    response = client.post(
        reverse("practice:assignment_new"),
        {
            "title": "Vårsang",
            "pupils": [ingrid_pupil_14.memberships.get().pk],
            "tempo": "80",
            "lesson": lesson.pk,
        },
    )
    assert response.status_code == 302
    assignment = ingrid_pupil_14.practice_assignments.get()
    assert assignment.lesson_id == lesson.pk
    assert Notification.objects.filter(recipient=ingrid_pupil_14, kind="practice.assigned").exists()

    client.force_login(ingrid_pupil_14)
    response = client.post(
        reverse("practice:take_upload", args=[assignment.pk]), {"file": wav_upload()}
    )
    take = Take.objects.get()
    assert response.status_code == 302 and take.status == TakeStatus.DRAFT
    client.post(reverse("practice:take_hand_in", args=[take.pk]))
    take.refresh_from_db()
    assert take.status == TakeStatus.WAITING
    assert Notification.objects.filter(recipient=astrid_teacher, kind="practice.handed_in").exists()

    client.force_login(astrid_teacher)
    response = client.get(reverse("practice:inbox"))
    assert "Ingrid" in response.content.decode()
    client.post(
        reverse("practice:take_comment", args=[take.pk]), {"at_seconds": "0.3", "text": "Pust her"}
    )
    assert str(TakeComment.objects.get().at_seconds) == "0.30"
    page = client.get(reverse("practice:take", args=[take.pk])).content.decode()
    assert 'data-seek="0.30"' in page and "Pust her" in page
    client.post(reverse("practice:take_review", args=[take.pk]), {"decision": "again"})
    take.refresh_from_db()
    assert take.status == TakeStatus.AGAIN
    assert not LessonProgress.objects.filter(member=ingrid_pupil_14, done_at__isnull=False).exists()

    client.force_login(ingrid_pupil_14)
    second = _take(assignment, ingrid_pupil_14)
    client.post(reverse("practice:take_hand_in", args=[second.pk]))
    client.force_login(astrid_teacher)
    client.post(reverse("practice:take_review", args=[second.pk]), {"decision": "approve"})
    second.refresh_from_db()
    assert second.status == TakeStatus.APPROVED
    progress = LessonProgress.objects.get(member=ingrid_pupil_14, lesson=lesson)
    assert progress.done_at is not None
    assert (
        Notification.objects.filter(recipient=ingrid_pupil_14, kind="practice.reviewed").count()
        == 2
    )


def test_notification_is_in_the_pupils_language(assignment, astrid_teacher, ingrid_pupil_14):
    ingrid_pupil_14.language = "en"
    ingrid_pupil_14.save()
    take = _take(assignment, ingrid_pupil_14)
    services.take_hand_in(pupil=ingrid_pupil_14, take=take)
    services.take_review(reviewer=astrid_teacher, take=take, approve=True)
    note = Notification.objects.get(recipient=ingrid_pupil_14, kind="practice.reviewed")
    assert note.title.startswith("Your take for")


def test_range_requests_give_206_with_the_right_bytes(client, assignment, ingrid_pupil_14):
    take = _take(assignment, ingrid_pupil_14)
    data = default_storage.open(take.file.name).read()
    client.force_login(ingrid_pupil_14)
    url = take.file.url
    response = client.get(url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == data[100:200]
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    tail = client.get(url, headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == data[-10:]
    assert client.get(url, headers={"Range": f"bytes={len(data)}-"}).status_code == 416
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"


def test_another_pupil_cannot_reach_a_recording_by_url(
    client, assignment, ingrid_pupil_14, emil_pupil_11
):
    take = _take(assignment, ingrid_pupil_14)
    client.force_login(emil_pupil_11)
    assert client.get(take.file.url).status_code == 403
    assert client.get(reverse("practice:take", args=[take.pk])).status_code == 404


def test_a_teacher_of_another_school_cannot_see_them(
    client, assignment, ingrid_pupil_14, kari_other_school_teacher, lars_leader, jon_leader
):
    take = _take(assignment, ingrid_pupil_14)
    for outsider in (kari_other_school_teacher, lars_leader):
        client.force_login(outsider)
        assert client.get(take.file.url).status_code == 403
        assert client.get(reverse("practice:take", args=[take.pk])).status_code == 404
        assert client.get(reverse("practice:assignment", args=[assignment.pk])).status_code == 404
    client.force_login(jon_leader)  # this school's leader reads and sees the counts
    assert client.get(reverse("practice:take", args=[take.pk])).status_code == 200
    inbox = client.get(reverse("practice:inbox")).content.decode()
    assert "1 takes kept · 0 waiting for feedback · 0 approved" in inbox
    client.force_login(lars_leader)
    assert "1 takes kept" not in client.get(reverse("practice:inbox")).content.decode()


def test_pupil_without_consent_cannot_record(client, assignment, emil_pupil_11):
    client.force_login(emil_pupil_11)
    page = client.get(reverse("practice:assignment", args=[assignment.pk])).content.decode()
    assert "consent" in page and "data-recorder " not in page
    response = client.post(
        reverse("practice:take_upload", args=[assignment.pk]), {"file": wav_upload()}
    )
    assert response.status_code == 400 and "consent" in response.content.decode()
    assert not Take.objects.exists()


def test_bad_uploads_give_a_clear_message(client, settings, assignment, ingrid_pupil_14):
    client.force_login(ingrid_pupil_14)
    url = reverse("practice:take_upload", args=[assignment.pk])
    fake = SimpleUploadedFile("take.webm", b"<html>not audio</html>")
    response = client.post(url, {"file": fake})
    assert response.status_code == 400
    assert "does not look like a WEBM file" in response.content.decode()
    settings.SAMSPILL_LIBRARY_MAX_FILE_SIZE = 1000
    response = client.post(url, {"file": wav_upload()}, headers={"Accept": "application/json"})
    assert response.status_code == 400 and "largest allowed" in response.json()["error"]
    assert not Take.objects.exists()


def test_export_holds_the_audio_files(client, assignment, ingrid_pupil_14):
    from community.members.services import member_export_archive

    take = _take(assignment, ingrid_pupil_14)
    archive = zipfile.ZipFile(io.BytesIO(member_export_archive(user=ingrid_pupil_14)))
    audio = [name for name in archive.namelist() if name.endswith(f"take-{take.pk}.wav")]
    assert audio and archive.read(audio[0]) == default_storage.open(take.file.name).read()
    data = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith(".json"))))
    assert data["practice"]["takes"][0]["assignment"] == "Vårsang, takt 1–16"


def test_erasure_deletes_the_files(django_capture_on_commit_callbacks, assignment, ingrid_pupil_14):
    take = _take(assignment, ingrid_pupil_14)
    assert default_storage.exists(take.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        member_erase(user=ingrid_pupil_14)
    assert not default_storage.exists(take.file.name)


def test_retention_deletes_expired_takes_and_files(
    django_capture_on_commit_callbacks, assignment, ingrid_pupil_14, jon_leader, bergen
):
    take = _take(assignment, ingrid_pupil_14)
    made = timezone.localdate(take.created_at)  # the school's day, also just after midnight
    assert take.delete_after == services.default_delete_after(made)
    assert services.default_delete_after(datetime.date(2026, 11, 29)) == datetime.date(2027, 7, 31)
    services.practice_policy_set(leader=jon_leader, school_id=bergen.pk, retention_days=30)
    take.refresh_from_db()
    assert take.delete_after == made + datetime.timedelta(days=30)
    assert services.takes_delete_expired(today=made + datetime.timedelta(days=30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.takes_delete_expired(today=made + datetime.timedelta(days=31)) == 1
    assert not Take.objects.exists()
    assert not default_storage.exists(take.file.name)


def test_inbox_and_log_query_counts_stay_constant(
    client, django_assert_max_num_queries, assignment, astrid_teacher, ingrid_pupil_14
):
    def add_takes(count):
        for _ in range(count):
            take = Take.objects.create(
                assignment=assignment,
                pupil=ingrid_pupil_14,
                school_id=assignment.school_id,
                file="practice/takes/x.wav",
                status=TakeStatus.WAITING,
                delete_after=datetime.date(2030, 7, 31),
            )
            services.practice_log_add(
                pupil=ingrid_pupil_14,
                practised_on=timezone.localdate(),
                minutes=20,
                what="Skalaer",
                take=take,
            )

    add_takes(2)
    client.force_login(astrid_teacher)
    client.get(reverse("practice:inbox"))
    add_takes(20)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("practice:inbox"))
    assert response.content.decode().count("Vårsang") >= 22
    client.force_login(ingrid_pupil_14)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("practice:log"))
    html = response.content.decode()
    assert "Skalaer" in html
    # This week's column: 22 entries of 20 minutes and 22 takes, in the chart's table.
    chart = html[html.index('id="practice-chart"') : html.index("</figure>")]
    assert 'role="img"' in chart and chart.count('class="chart__seg chart__seg--0"') == 1
    assert re.search(r'<th scope="row">[^<]+</th><td>440</td><td>22</td></tr></tbody>', chart)


def test_wav_factory_is_valid_audio():
    assert wav_bytes()[:4] == b"RIFF"


def test_cleanup_command_queues_the_retention_task(assignment, ingrid_pupil_14):
    from django.core.management import call_command

    take = _take(assignment, ingrid_pupil_14)
    Take.objects.filter(pk=take.pk).update(delete_after=datetime.date(2000, 7, 31))
    out = io.StringIO()
    call_command("practice_cleanup", stdout=out)
    assert "Queued the practice clean-up" in out.getvalue()
    assert not Take.objects.exists()  # the test settings run tasks at once


def test_reference_audio_is_library_audio_pupils_may_play(
    client, astrid_teacher, ingrid_pupil_14, bergen
):
    from courses.practice.forms import AssignmentForm
    from tests.factories.courses import make_document, resource

    def used_on(slug, audience, document):
        block = {"document": document, "kind": "score", "title": document.title}
        return resource(slug=slug, audience=audience, body=[("document", block)])

    open_audio, teachers_audio = make_document("Vårsang", "wav"), make_document("Fasit", "wav")
    used_on("open", "public", open_audio)
    used_on("teachers", "teachers", teachers_audio)
    choices = AssignmentForm(teacher=astrid_teacher).fields["reference"].queryset
    assert list(choices) == [open_audio]
    assignment = services.assignment_create(
        teacher=astrid_teacher,
        school_id=bergen.pk,
        title="Spill med",
        pupils=[ingrid_pupil_14],
        reference=open_audio,
    )
    client.force_login(ingrid_pupil_14)
    page = client.get(reverse("practice:assignment", args=[assignment.pk])).content.decode()
    assert open_audio.url in page
    assert client.get(open_audio.url).status_code == 200
