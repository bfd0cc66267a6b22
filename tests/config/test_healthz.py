import pytest
from django.test import override_settings

from config.celery import app as celery_app

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.mark.django_db
def test_healthz_is_200_when_database_channel_layer_and_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "channel_layer": "ok",
        "broker": "ok",
    }


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", UNREACHABLE_REDIS)
    unreachable_layer = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [UNREACHABLE_REDIS]},
        }
    }
    with override_settings(CHANNEL_LAYERS=unreachable_layer):
        response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["database"] == "ok"
    assert body["channel_layer"].startswith("down")
    assert body["broker"].startswith("down")


@pytest.mark.django_db
def test_healthz_stays_200_while_a_socket_waits_on_the_layer_in_another_loop(client):
    """A websocket consumer waits on the process's channel in the server's event
    loop; the check, run from a sync view, must not collide with it (channels-redis
    binds that channel's receive to one loop and refuses a second)."""
    import asyncio
    import contextlib
    import threading

    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    waiting = threading.Event()
    loop = asyncio.new_event_loop()

    async def consumer_waits():
        channel = await layer.new_channel()
        waiting.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(layer.receive(channel), 5)

    thread = threading.Thread(target=lambda: loop.run_until_complete(consumer_waits()))
    thread.start()
    try:
        assert waiting.wait(5)
        response = client.get("/healthz")
    finally:
        thread.join(10)
        loop.close()

    assert response.json()["channel_layer"] == "ok"
