import pytest

from forums.models import Audience
from tests.factories.forums import CategoryFactory, TopicFactory


@pytest.fixture
def open_category(db):
    """Everyone reads, members post, pupils (with consent) may post too."""
    return CategoryFactory(
        title="Piano", slug="piano", read_audience=Audience.EVERYONE, allow_pupils=True
    )


@pytest.fixture
def teachers_category(db):
    return CategoryFactory(
        title="Staff room",
        slug="staff-room",
        read_audience=Audience.TEACHERS,
        post_audience=Audience.TEACHERS,
    )


@pytest.fixture
def open_topic(open_category, astrid_teacher):
    return TopicFactory(category=open_category, author=astrid_teacher, title="Scales", posts=3)
