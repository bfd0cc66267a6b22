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
            "BACKEND": "channels_redis.core.RedisChannelLayer",
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
