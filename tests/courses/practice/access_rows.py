"""Every practice URL × every persona (see tests/access.py).

A pupil's takes, log and feedback are for the pupil, the teachers of the pupil's school
and its leaders; everyone else (other pupils, another school's staff, site editors and
administrators) gets a 404 (or 403 for the file), so a take's existence stays hidden."""

from courses.practice import services
from tests.access import Row

from .factories import wav_upload


def setup(people):
    pupil = people["pupil"]
    school_id = pupil.memberships.get().school_id
    assignment = services.assignment_create(
        teacher=people["teacher"],
        school_id=school_id,
        title="Vårsang",
        pupils=[pupil, people["pupil_no_consent"]],
    )
    first = services.take_create(pupil=pupil, assignment=assignment, upload=wav_upload())
    second = services.take_create(pupil=pupil, assignment=assignment, upload=wav_upload())
    return {
        "assignment": assignment,
        "take": first,
        "second": second,
        "school_id": school_id,
        "pupil": pupil,
    }


LOGIN = 302
MEMBERS = {"*": 200, "visitor": LOGIN}
# The pupil, the school's teacher and leader; nobody else learns the object exists.
CIRCLE = {"*": 404, "visitor": LOGIN, "pupil": 200, "teacher": 200, "leader": 200}
CIRCLE_POST = {**CIRCLE, "pupil": 302, "teacher": 302, "leader": 302}
CIRCLE_FORM = {**CIRCLE, "pupil": 400, "teacher": 400, "leader": 400}
FILE = {"*": 403, "visitor": LOGIN, "pupil": 200, "teacher": 200, "leader": 200}
STAFF = {
    "*": 403,
    "visitor": LOGIN,
    "teacher": 200,
    "leader": 200,
    "other_school_teacher": 200,
    "other_school_leader": 200,
}
TEACHERS_ONLY = {"*": 403, "visitor": LOGIN, "teacher": 200, "other_school_teacher": 200}

ROWS = [
    Row("practice:home", expect=MEMBERS),
    Row("practice:log", expect=MEMBERS),
    Row("practice:inbox", expect=STAFF),
    Row("practice:assignment_new", expect=TEACHERS_ONLY),
    Row(
        "practice:pupil_log",
        args=lambda o: [o["school_id"], o["pupil"].pk],
        expect=CIRCLE,
    ),
    Row(
        "practice:assignment",
        args=lambda o: [o["assignment"].pk],
        expect={**CIRCLE, "pupil_no_consent": 200},
    ),
    # No file: the form comes back with its message (400) for those who may see it.
    Row(
        "practice:take_upload",
        args=lambda o: [o["assignment"].pk],
        method="post",
        data={},
        expect={**CIRCLE_FORM, "pupil_no_consent": 400},
    ),
    Row("practice:take", args=lambda o: [o["take"].pk], expect=CIRCLE),
    Row("practice:compare", args=lambda o: [o["take"].pk, o["second"].pk], expect=CIRCLE),
    Row("practice:take_hand_in", args=lambda o: [o["take"].pk], method="post", expect=CIRCLE_POST),
    Row(
        "practice:take_comment",
        args=lambda o: [o["take"].pk],
        method="post",
        data={},
        expect=CIRCLE_FORM,
    ),
    Row("practice:take_review", args=lambda o: [o["take"].pk], method="post", expect=CIRCLE_POST),
    Row(
        "practice:retention",
        args=lambda o: [o["school_id"]],
        method="post",
        data={},
        expect={"*": 403, "visitor": LOGIN, "leader": 302},
    ),
    Row("media", args=lambda o: [o["take"].file.name], expect=FILE),
]
