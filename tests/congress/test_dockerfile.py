"""The production image's own build commands run in a clean environment (no Docker engine
here: the commands of its RUN lines that use the project are run as the image would)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage_commands() -> list[tuple[dict[str, str], list[str]]]:
    """Each `RUN [VAR=value ...] python manage.py ...` line: its variables and its command."""
    commands = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if not line.startswith("RUN ") or "manage.py" not in line:
            continue
        words = shlex.split(line[4:])
        variables = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_]+=", w))
        command = [w for w in words if not re.match(r"^[A-Z_]+=", w)]
        commands.append((variables, command))
    return commands


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.startswith("ENV "):
            for word in shlex.split(line[4:]):
                name, value = word.split("=", 1)
                env[name] = value
    return env


def test_the_dockerfile_collects_static_files_with_nothing_but_its_own_settings(tmp_path):
    commands = manage_commands()
    assert any("collectstatic" in c for _v, c in commands)
    for variables, command in commands:
        # Only what the image sets: no DATABASE_URL, REDIS_URL, DEBUG or secrets from outside.
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), **image_env(), **variables}
        env["VAR_DIR"] = str(tmp_path / "var")
        argv = [sys.executable if command[0] == "python" else command[0], *command[1:]]
        result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
        assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "var" / "static" / "css" / "portal.css").exists()
