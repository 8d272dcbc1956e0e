"""The production files say what the scaling design needs (no Docker engine here: they are
read): gunicorn runs from gunicorn.conf.py, the statement timeout is the web nodes' alone and
shorter than gunicorn's, two web nodes sit behind the proxy, two workers, exactly one beat."""

from __future__ import annotations

import re
import runpy
import shlex
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ["gunicorn", "-c", "gunicorn.conf.py", "congress.wsgi:application"]


def services() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def default_of(value: str) -> str:
    """'${NAME:-10000}' → '10000'."""
    match = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
    return match.group(1) if match else value


def test_the_image_and_compose_start_gunicorn_from_its_config_file():
    cmd = next(line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD "))
    assert yaml.safe_load(cmd.removeprefix("CMD ")) == GUNICORN
    assert services()["web"]["command"] == GUNICORN
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["timeout"] == 30
    assert config["graceful_timeout"] == 30
    assert config["max_requests"] > 0 < config["max_requests_jitter"]


def test_only_web_nodes_have_a_statement_timeout_and_it_is_shorter_than_gunicorns():
    by_service = {name: service.get("environment", {}) for name, service in services().items()}
    having = {name for name, env in by_service.items() if "DB_STATEMENT_TIMEOUT_MS" in env}
    assert having == {"web"}
    timeout_ms = int(default_of(by_service["web"]["DB_STATEMENT_TIMEOUT_MS"]))
    gunicorn_timeout = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["timeout"]
    assert 0 < timeout_ms < gunicorn_timeout * 1000 / 2
    # The rest of the web environment is the shared one.
    assert by_service["web"]["DATABASE_URL"] == by_service["worker"]["DATABASE_URL"]


def test_two_web_nodes_behind_the_proxy_two_workers_and_exactly_one_beat():
    s = services()
    assert s["web"]["deploy"]["replicas"] == 2
    assert "ports" not in s["web"]  # only the proxy is published
    assert s["proxy"]["ports"] == ["8000:8000"]
    proxy_config = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["configs"]["proxy"]["content"]
    assert "server web:8000;" in proxy_config
    assert s["worker"]["deploy"]["replicas"] == 2
    assert s["beat"]["deploy"]["replicas"] == 1
    assert shlex.join(s["beat"]["command"]).startswith("celery -A congress beat")
    # The schedule and its last runs live in PostgreSQL, not in a file on one machine.
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
