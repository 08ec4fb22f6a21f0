"""Every forum URL × every persona (see tests/access.py)."""

from forums.models import Audience, Report, TopicKind
from tests.access import Row
from tests.factories.community import UserFactory
from tests.factories.forums import CategoryFactory, TopicFactory


def setup(people):
    teacher = people["teacher"]
    open_category = CategoryFactory(slug="open", read_audience=Audience.EVERYONE, allow_pupils=True)
    staff = CategoryFactory(
        slug="staff", read_audience=Audience.TEACHERS, post_audience=Audience.TEACHERS
    )
    school = CategoryFactory(
        slug="bergen-only",
        read_audience=Audience.SCHOOL,
        post_audience=Audience.SCHOOL,
        school=people["bergen"],
    )
    topic = TopicFactory(category=open_category, author=teacher, posts=2)
    question = TopicFactory(
        category=open_category, author=teacher, kind=TopicKind.QUESTION, posts=2
    )
    staff_topic = TopicFactory(category=staff, author=teacher)
    post = topic.posts.get(number=2)
    report = Report.objects.create(post=post, reporter=people["pupil"], reason="Rude")
    return {
        "open": open_category,
        "staff": staff,
        "school": school,
        "topic": topic,
        "staff_topic": staff_topic,
        "post": post,
        "answer": question.posts.get(number=2),
        "report": report,
        "outsider": UserFactory(),
    }


LOGIN = 302
MODERATORS_ONLY = {"*": 403, "moderator": 200, "admin": 200, "visitor": LOGIN}
MODERATORS_POST = {"*": 403, "moderator": 302, "admin": 302, "visitor": LOGIN}
STAFF_READ = {
    "*": 200,
    "visitor": LOGIN,
    "pupil": 403,
    "pupil_no_consent": 403,
    "organiser": 403,
    "editor": 403,
}
AUTHOR_OR_MODERATOR = {"*": 403, "teacher": 200, "moderator": 200, "admin": 200, "visitor": LOGIN}

ROWS = [
    Row("forums:index", expect={"*": 200}),
    Row("forums:category", args=lambda o: ["open"], expect={"*": 200}),
    Row("forums:category", args=lambda o: ["staff"], expect=STAFF_READ),
    # Another school's teachers and leaders, and members of no school, stay out.
    Row(
        "forums:category",
        args=lambda o: ["bergen-only"],
        expect={
            "*": 403,
            "visitor": LOGIN,
            "pupil": 200,
            "pupil_no_consent": 200,
            "teacher": 200,
            "leader": 200,
            "moderator": 200,
            "admin": 200,
        },
    ),
    # Pupils post only where allowed and with consent.
    Row(
        "forums:topic_create",
        args=lambda o: ["open"],
        expect={"*": 200, "visitor": LOGIN, "pupil_no_consent": 403},
    ),
    Row(
        "forums:topic_create",
        args=lambda o: ["staff"],
        expect={**STAFF_READ},
    ),
    Row(
        "forums:category_follow",
        method="post",
        args=lambda o: ["open"],
        data={"follow": "1"},
        expect={"*": 302},
    ),
    Row("forums:category_slow_mode", args=lambda o: ["open"], expect=MODERATORS_ONLY),
    Row("forums:topic", args=lambda o: [o["topic"].pk], expect={"*": 200}),
    Row("forums:topic", args=lambda o: [o["staff_topic"].pk], expect=STAFF_READ),
    Row("forums:topic_unread", args=lambda o: [o["topic"].pk], expect={"*": 302}),
    Row(
        "forums:reply",
        args=lambda o: [o["topic"].pk],
        expect={"*": 200, "visitor": LOGIN, "pupil_no_consent": 403},
    ),
    Row(
        "forums:reply",
        method="post",
        args=lambda o: [o["topic"].pk],
        data={"body": "I agree, thanks!"},
        expect={"*": 302, "pupil_no_consent": 403},
    ),
    Row(
        "forums:topic_follow",
        method="post",
        args=lambda o: [o["topic"].pk],
        data={"follow": "1"},
        expect={"*": 302},
    ),
    Row("forums:topic_moderate", args=lambda o: [o["topic"].pk], expect=MODERATORS_ONLY),
    Row("forums:post", args=lambda o: [o["post"].pk], expect={"*": 302}),
    Row("forums:post_edit", args=lambda o: [o["post"].pk], expect=AUTHOR_OR_MODERATOR),
    Row("forums:post_history", args=lambda o: [o["post"].pk], expect=AUTHOR_OR_MODERATOR),
    Row(
        "forums:post_delete",
        method="post",
        args=lambda o: [o["post"].pk],
        expect={"*": 403, "teacher": 302, "visitor": LOGIN},
    ),
    Row(
        "forums:post_react",
        method="post",
        args=lambda o: [o["post"].pk],
        data={"kind": "👍"},
        expect={"*": 302, "pupil_no_consent": 403},
    ),
    Row("forums:post_report", args=lambda o: [o["post"].pk], expect={"*": 200, "visitor": LOGIN}),
    Row(
        "forums:post_solution",
        method="post",
        args=lambda o: [o["answer"].pk],
        expect={"*": 403, "teacher": 302, "moderator": 302, "admin": 302, "visitor": LOGIN},
    ),
    Row(
        "forums:post_moderate",
        method="post",
        args=lambda o: [o["post"].pk],
        data={"action": "hide", "reason": "Off topic"},
        expect=MODERATORS_POST,
    ),
    Row(
        "forums:draft_save",
        method="post",
        data=lambda o: {"topic": o["topic"].pk, "body": "Half a thought"},
        expect={"*": 204, "visitor": LOGIN, "pupil_no_consent": 403},
    ),
    Row("forums:moderation_queue", expect=MODERATORS_ONLY),
    Row("forums:moderation_log", expect=MODERATORS_ONLY),
    Row(
        "forums:report_resolve",
        method="post",
        args=lambda o: [o["report"].pk],
        data={"reason": "Fine"},
        expect=MODERATORS_POST,
    ),
    Row("forums:member_suspend", args=lambda o: [o["outsider"].pk], expect=MODERATORS_ONLY),
]
