import pytest


@pytest.fixture
def editor_client(client, eva_editor):
    client.force_login(eva_editor)
    return client
