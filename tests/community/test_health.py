import pytest
from channels.layers import get_channel_layer


@pytest.mark.django_db
def test_health_is_ok_when_database_and_layer_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "channel_layer": "ok",
        "cache": "ok",
    }
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_health_names_the_failing_channel_layer(client, monkeypatch):
    layer = get_channel_layer()

    async def broken_send(channel, message):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(layer, "send", broken_send)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["channel_layer"] == "failing"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_names_the_failing_database(client, monkeypatch):
    from community import health

    monkeypatch.setattr(health, "connection", None)  # any use raises
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "failing"
