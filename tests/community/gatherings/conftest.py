import pytest

from tests.factories.gatherings import build_gathering


@pytest.fixture
def hybrid(oda_organiser):
    return build_gathering(
        title="Skole pluss kulturskole",
        organisers=[oda_organiser],
        capacity_on_site=2,
        capacity_online=3,
        stream_url="https://meet.example.no/room",
    )
