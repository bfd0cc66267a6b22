"""`compose.tls.yml` puts Caddy in front of the production stack, and what the proxy
does and what the web service expects agree: Caddy alone is published (80, 443 and
QUIC), proxies the site's domain to the port web listens on, and keeps its
certificates in volumes; web trusts exactly one proxy and knows its https address,
as do the worker and beat that write links. The compose files are read as YAML
(with `docker compose config` as well where Docker is installed). The web
container's health check asks under the site's own name, so an ALLOWED_HOSTS that
lists only that name keeps it healthy."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.server_process import free_port

BASE_DIR = Path(__file__).resolve().parents[2]


class ComposeLoader(yaml.SafeLoader):
    """YAML with compose's `!reset` (drop what the base file set)."""


ComposeLoader.add_constructor("!reset", lambda loader, node: {"!reset": True})


def load(name: str) -> dict:
    return yaml.load((BASE_DIR / name).read_text(), Loader=ComposeLoader)


def web_port() -> str:
    command = load("docker-compose.yml")["services"]["web"]["command"]
    return re.search(r"--port (\d+)", command).group(1)


def test_caddy_alone_is_published_and_proxies_the_domain_to_web():
    services = load("compose.tls.yml")["services"]
    caddy = services["caddy"]

    assert caddy["image"].startswith("caddy:2")
    assert set(caddy["ports"]) == {"80:80", "443:443", "443:443/udp"}
    assert services["web"]["ports"] == {"!reset": True}
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    # Certificates survive a restart (Let's Encrypt limits how often it issues).
    assert {"caddy-data:/data", "caddy-config:/config"} <= set(caddy["volumes"])
    assert caddy["environment"]["SITE_DOMAIN"].startswith("${SITE_DOMAIN:?")
    assert caddy["depends_on"]["web"]["condition"] == "service_healthy"

    caddyfile = (BASE_DIR / "Caddyfile").read_text()
    site = re.search(r"^\{\$SITE_DOMAIN\} \{(.*?)^\}", caddyfile, re.M | re.S)
    assert site, "the Caddyfile serves {$SITE_DOMAIN}"
    assert re.search(rf"^\s*reverse_proxy web:{web_port()}$", site.group(1), re.M)


def test_web_trusts_the_one_proxy_and_knows_its_https_address():
    services = load("compose.tls.yml")["services"]

    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["TRUSTED_PROXIES"] == "1"
        assert environment["SITE_URL"] == "https://${SITE_DOMAIN}"
        assert environment["ALLOWED_HOSTS"] == "${SITE_DOMAIN}"
    # Without the proxy, web trusts none: a client reaching port 8000 directly
    # must not choose the address the log-in lockout counts.
    base = load("docker-compose.yml")
    assert base["x-mockloop"]["environment"]["TRUSTED_PROXIES"] == (
        "${TRUSTED_PROXIES:-0}"
    )


def compose_installed() -> bool:
    if shutil.which("docker") is None:
        return False
    found = subprocess.run(["docker", "compose", "version"], capture_output=True)
    return found.returncode == 0


@pytest.mark.skipif(not compose_installed(), reason="Docker Compose is not installed")
def test_docker_compose_renders_the_same_configuration(tmp_path):
    rendered = subprocess.run(
        [
            "docker",
            "compose",
            "-f",
            "docker-compose.yml",
            "-f",
            "compose.tls.yml",
            "config",
            "--format",
            "json",
        ],
        cwd=BASE_DIR,
        env={"SITE_DOMAIN": "mockloop.example.org", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    services = yaml.safe_load(rendered.stdout)["services"]
    assert "ports" not in services["web"] or not services["web"]["ports"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == "1"
    assert services["web"]["environment"]["SITE_URL"] == (
        "https://mockloop.example.org"
    )


def test_the_health_check_asks_under_the_sites_own_name():
    """The check's own code, run against a stand-in server that records the Host."""
    check = load("docker-compose.yml")["services"]["web"]["healthcheck"]["test"]
    code = check[check.index("-c") + 1]
    port = free_port()
    assert "127.0.0.1:8000/healthz" in code
    code = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    stand_in = subprocess.run(
        [
            sys.executable,
            "-c",
            "import http.server, os, subprocess, sys, threading\n"
            "hosts = []\n"
            "class Healthz(http.server.BaseHTTPRequestHandler):\n"
            "    def do_GET(self):\n"
            "        hosts.append((self.path, self.headers['Host']))\n"
            "        self.send_response(200)\n"
            "        self.end_headers()\n"
            "    def log_message(self, *args):\n"
            "        pass\n"
            "address = ('127.0.0.1', int(sys.argv[2]))\n"
            "server = http.server.HTTPServer(address, Healthz)\n"
            "threading.Thread(target=server.serve_forever, daemon=True).start()\n"
            "done = subprocess.run([sys.executable, '-c', sys.argv[1]], "
            "env={**os.environ, 'SITE_URL': 'https://mockloop.example.org'})\n"
            "print(done.returncode, hosts)\n",
            code,
            str(port),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert stand_in.stdout.strip() == ("0 [('/healthz', 'mockloop.example.org')]"), (
        stand_in.stderr
    )
