"""Durability (issue 14, item 8): open cases survive Redis being killed and started again, with the embedded
server (``bot.store.server``) and with the Redis command of ``compose.yaml``, both appending every write to a
file flushed once a second."""

from __future__ import annotations

import asyncio
import signal
import subprocess
from pathlib import Path

import psutil
import pytest
import yaml

from bot.handoff.cases import CaseStore
from bot.processes import die_with_parent
from bot.settings import REPO_ROOT
from bot.store.server import EmbeddedRedis
from bot.store.store import Store
from tests.support.processes import wait_until
from tests.support.redis_server import redis_server_binary

pytestmark = pytest.mark.redis

FSYNC_S = 1.5  # appendfsync everysec: a write is on disk within a second


async def _open_a_case(url: str) -> int:
    store = Store.from_url(url, "durability-test-key")
    try:
        case, _ = await CaseStore(store, 3600, 600).open_case("p-durable", "tg:1", "ar", ["appeals"])
        return case.number
    finally:
        await store.aclose()


async def _case_is_open(url: str, number: int) -> bool:
    store = Store.from_url(url, "durability-test-key")
    try:
        case = await CaseStore(store, 3600, 600).for_person("p-durable")
        return case is not None and case.number == number and case.open
    finally:
        await store.aclose()


def _kill(pid: int) -> None:
    process = psutil.Process(pid)
    process.send_signal(signal.SIGKILL)  # a crash: no snapshot on the way out
    process.wait(timeout=10)


async def test_embedded_redis_keeps_an_open_case_after_being_killed(tmp_path: Path) -> None:
    first = EmbeddedRedis(tmp_path)
    number = await _open_a_case(first.url)
    await asyncio.sleep(FSYNC_S)
    _kill(first._server.pid)
    second = EmbeddedRedis(tmp_path)
    try:
        assert await _case_is_open(second.url, number)
    finally:
        second.close()


def _compose_redis_arguments() -> list[str]:
    compose = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text())
    command = compose["services"]["redis"]["command"]
    assert command[0] == "redis-server"
    return [str(part) for part in command[1:]]


async def test_compose_redis_keeps_an_open_case_after_being_killed(tmp_path: Path, unused_tcp_port: int) -> None:
    url = f"redis://127.0.0.1:{unused_tcp_port}/0"

    def start() -> subprocess.Popen[bytes]:
        command = [redis_server_binary(), *_compose_redis_arguments(), "--port", str(unused_tcp_port)]
        command += ["--bind", "127.0.0.1", "--dir", str(tmp_path)]
        server = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent()
        )
        wait_until(lambda: _answers(unused_tcp_port), 10, "redis-server")
        return server

    first = start()
    number = await _open_a_case(url)
    await asyncio.sleep(FSYNC_S)
    first.kill()  # SIGKILL: a crash, no snapshot on the way out
    first.wait(timeout=10)
    second = start()
    try:
        assert await _case_is_open(url, number)
    finally:
        second.terminate()
        second.wait(timeout=10)


def _answers(port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(port=port).ping())
    except redis.ConnectionError:
        return False
