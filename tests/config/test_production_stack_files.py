import re
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_compose_names_every_service_of_the_production_stack():
    services = load_compose()["services"]

    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}


def test_web_worker_and_beat_share_one_image_and_wait_for_healthy_services():
    services = load_compose()["services"]

    images = {services[name]["image"] for name in ("web", "worker", "beat")}
    assert images == {"mockloop:latest"}
    for name in ("web", "worker", "beat"):
        assert (
            services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        )
        assert services[name]["environment"]["REDIS_URL"].startswith("redis://redis")
    for name in ("postgres", "redis", "web"):
        assert services[name]["healthcheck"]["test"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "postgres-data" in load_compose()["volumes"]
    # Admin uploads written by web are read by the worker.
    for name in ("web", "worker"):
        assert "media:/app/var/media" in services[name]["volumes"]


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (BASE_DIR / "config" / "settings.py").read_text()
    read = set(re.findall(r'env\.read_\w+\(\s*"([A-Z_]+)"', settings_source))
    example = (BASE_DIR / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE))

    assert read, "no variables found in settings"
    assert read <= listed, read - listed


def test_the_dockerfile_builds_assets_with_node_and_runs_python():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()

    assert re.search(r"^FROM node:\S+ AS assets", dockerfile, flags=re.MULTILINE)
    assert "COPY --from=assets" in dockerfile
    assert re.search(r"^FROM python:3\.11", dockerfile, flags=re.MULTILINE)
