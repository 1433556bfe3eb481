"""Two bot processes in webhook mode behind one URL, sharing Redis: a burst from several people, with Telegram
delivering some updates twice, is answered exactly once per message and in order for each person."""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import sys
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import ClientSession, web
from redis.asyncio import Redis

from bot.nlu.model import free_port
from tests.support.loopback import loopback_server
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

# Each message gets exactly one reply, recognisable by its first words (Arabic interface).
SCRIPT = [
    ("/help", "اكتب سؤالك"),
    ("شو يعني عندي اقامة 7.3 ؟", "⚠️"),
    ("/menu", "كيف أستطيع مساعدتك"),
    ("/language", "اختر اللغة"),
    ("/help", "اكتب سؤالك"),
]
PEOPLE = 4


class RoundRobin:
    """One URL in front of several bot processes, as a load balancer would be."""

    def __init__(self, upstreams: list[str]) -> None:
        self.upstreams = itertools.cycle(upstreams)
        self.served: list[str] = []

    async def handle(self, request: web.Request) -> web.Response:
        upstream = next(self.upstreams)
        self.served.append(upstream)
        async with (
            ClientSession() as session,
            session.post(
                upstream + request.path_qs, data=await request.read(), headers=dict(request.headers)
            ) as response,
        ):
            return web.Response(body=await response.read(), status=response.status)


@pytest.fixture
async def emu() -> AsyncIterator[TelegramEmulator]:
    async with TelegramEmulator() as emulator:
        yield emulator


async def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(int(timeout_s * 4)):
            assert process.poll() is None, "a bot process stopped while starting"
            try:
                if (await client.get(url + "/healthz", timeout=1)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.25)
    raise AssertionError("a bot process did not become healthy")


async def test_two_processes_answer_a_burst_once_and_in_order(
    emu: TelegramEmulator, rasa_url: str, redis_url: str, redis: Redis, tmp_path
) -> None:
    """``redis``: an empty database, as for every Telegram test (the emulator's update ids start at 1 each time)."""
    ports = [free_port(), free_port()]
    balancer = RoundRobin([f"http://127.0.0.1:{p}" for p in ports])
    async with loopback_server(balancer.handle, "POST") as balancer_port:
        processes = []
        for index, port in enumerate(ports):
            env = dict(
                os.environ,
                TELEGRAM_BOT_TOKEN=emu.token,
                TELEGRAM_API_URL=emu.api_root,
                TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{balancer_port}/telegram/webhook",
                TELEGRAM_WEBHOOK_SECRET="scale-test_secret",
                TELEGRAM_LISTEN_PORT=str(port),
                NLU_URL=rasa_url,
                REDIS_URL=redis_url,
                HASH_KEY="scale-test-key",
                LOG_LEVEL="WARNING",
                STATE_DIR=str(tmp_path / f"state{index}"),
            )
            with (tmp_path / f"bot{index}.log").open("wb") as log:  # the child has its own copy of the descriptor
                processes.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "bot", "run"], env=env, stdout=log, stderr=subprocess.STDOUT
                    )
                )
        try:
            for port, process in zip(ports, processes, strict=True):
                await wait_healthy(f"http://127.0.0.1:{port}", process)
            people = [emu.create_user(f"Person{i}", language_code="ar") for i in range(PEOPLE)]
            duplicated = []
            for step, (text, _) in enumerate(SCRIPT):
                for person in people:
                    sent = person.send_text(text, duplicate=(step % 2 == 0))  # Telegram retries some deliveries
                    if step % 2 == 0:
                        duplicated.append(sent.update_id)
            for person in people:
                replies = await person.wait_for_messages(count=len(SCRIPT), timeout=60)
                texts = [reply.text or "" for reply in replies]
                assert all(expected in text for text, (_, expected) in zip(texts, SCRIPT, strict=True)), [
                    t[:40] for t in texts
                ]
                await person.expect_no_messages(0.5)  # nothing answered twice
            assert len(set(balancer.served)) == 2, "both processes took part"
            for update_id in duplicated:  # each duplicated update really reached the bots twice
                assert len([a for a in emu.webhook_attempts if a.update_id == update_id]) == 2
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                assert process.wait(timeout=30) == 0, (tmp_path / "bot0.log").read_text()[-2000:]
