"""Real ``sanad`` commands as child processes of a test, and what they leave behind (``tests/test_processes.py``,
``tests/telegram/test_polling_kill.py``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from bot.settings import REPO_ROOT

SANAD = [sys.executable, "-m", "bot"]
# Settings a test must not inherit from the developer's shell (the command gets exactly what the test gives it).
INHERITED_OUT = ("REDIS_URL", "NLU_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL", "ADVISER_CHAT_ID", "HASH_KEY")


def command_env(**values: str) -> dict[str, str]:
    """The environment for a ``sanad`` command: this one, without the bot's settings, plus ``values``."""
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_OUT}
    env.update(values)
    return env


def start(args: list[str], env: dict[str, str], cwd: Path, stdin: int | None = subprocess.DEVNULL) -> psutil.Popen:
    """``sanad <args>`` in ``cwd`` (a folder without a ``.env``), its output in ``cwd/output.log``."""
    with (cwd / "output.log").open("ab") as log:
        return psutil.Popen(
            [*SANAD, *args], cwd=cwd, env=env | {"PYTHONPATH": str(REPO_ROOT)}, stdin=stdin, stdout=log, stderr=log
        )


def wait_until(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def rasa_answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/status", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those of ``processes`` still running (zombies count as gone: they hold no port and no memory)."""
    running = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(process)
        except psutil.NoSuchProcess:
            pass
    return running


def redis_servers_in(folder: Path) -> list[psutil.Process]:
    """The redis-server processes working in ``folder`` (Redis changes to its ``dir`` when it starts)."""
    found = []
    for process in psutil.process_iter(["name"]):
        try:
            if process.info["name"] == "redis-server" and Path(process.cwd()).resolve() == folder.resolve():
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found
