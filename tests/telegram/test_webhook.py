"""Webhook mode, both transports: the emulator POSTs each update to the bot's web server with the secret-token
header and retries what is not answered 2xx; the server also serves /healthz and /metrics."""

from __future__ import annotations

import httpx
import pytest

from tests.support.telegram import FailsOnce, Start, press
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = [pytest.mark.telegram, pytest.mark.redis]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CAPABILITIES_AR = "اكتب سؤالك بكلماتك"


def metric(text: str, name: str, **labels: str) -> float:
    selector = ",".join(f'{key}="{value}"' for key, value in labels.items())
    line = f"{name}{{{selector}}} " if labels else f"{name} "
    return sum(float(row.split()[-1]) for row in text.splitlines() if row.startswith(line))


async def test_webhook_mode_end_to_end(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, webhook=True) as bot:
        hook = emu.last_call("setWebhook")
        assert hook is not None and hook.params["url"] == bot.settings.telegram_webhook_url
        assert hook.params["secret_token"] == "test-secret_123"
        assert sorted(hook.params["allowed_updates"]) == ["callback_query", "message"]  # no advisers' group here

        alice.send_text("/start")
        [welcome] = await alice.wait_for_messages(timeout=15)
        await press(alice, "l:en")
        done, _menu = await alice.wait_for_messages(2, timeout=15)
        assert done.text == "The language is now English."

        async with httpx.AsyncClient(base_url=bot.web_root) as client:
            health = await client.get("/healthz")
            metrics = (await client.get("/metrics")).text
    assert "سند" in (welcome.text or "")
    assert emu.webhook_attempts and all(a.secret_token == "test-secret_123" for a in emu.webhook_attempts)
    assert all(a.status == 200 for a in emu.webhook_attempts)
    assert emu.webhook_info()["pending_update_count"] == 0
    assert health.status_code == 200
    assert health.json() == {"ok": True, "redis": True, "nlu": True, "framework": framework, "mode": "webhook"}
    assert metric(metrics, "sanad_telegram_updates_total", kind="text") >= 1
    assert metric(metrics, "sanad_telegram_updates_total", kind="button") >= 1
    assert metric(metrics, "sanad_telegram_replies_total", kind="welcome") >= 1
    assert metric(metrics, "sanad_telegram_turn_seconds_count") >= 2
    assert str(alice.id) not in metrics, "no Telegram id in the metrics"


async def test_a_request_without_the_secret_is_refused(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    forged = {
        "update_id": 999,
        "message": {
            "message_id": 1,
            "date": 1795000000,
            "chat": {"id": alice.id, "type": "private", "first_name": "Alice"},
            "from": {"id": alice.id, "is_bot": False, "first_name": "Alice"},
            "text": "/start",
        },
    }
    async with start_bot(framework, webhook=True) as bot:
        url = bot.settings.telegram_webhook_url
        assert url is not None
        async with httpx.AsyncClient() as client:
            missing = await client.post(url, json=forged)
            wrong = await client.post(url, json=forged, headers={SECRET_HEADER: "guess"})
            garbage = await client.post(url, content=b"{", headers={SECRET_HEADER: "test-secret_123"})
        await alice.expect_no_messages(0.5)
    assert (missing.status_code, wrong.status_code, garbage.status_code) == (401, 401, 400)
    assert emu.calls_to("sendMessage") == []


async def test_a_duplicate_delivery_is_answered_once(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, webhook=True):
        sent = alice.send_text("/help", duplicate=True)
        [reply] = await alice.wait_for_messages(timeout=15)
        assert sent.update_id is not None
        emu.redeliver(sent.update_id)  # and a third time, later
        await alice.expect_no_messages(1.0)
    assert (reply.text or "").startswith(CAPABILITIES_AR)
    attempts = [a for a in emu.webhook_attempts if a.update_id == sent.update_id]
    assert len(attempts) == 3 and all(a.status == 200 for a in attempts)


async def test_a_failed_update_is_handled_when_telegram_delivers_it_again(
    start_bot: Start, emu: TelegramEmulator, framework: str
) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, webhook=True, engine=FailsOnce()):
        sent = alice.send_text("/start")
        kept, reply = await alice.wait_for_messages(2, timeout=15)
    assert "Your message is kept" in (kept.text or "")  # once, though handled twice (see test_errors.py)
    assert reply.text == "ok"
    assert [a.status for a in emu.webhook_attempts if a.update_id == sent.update_id] == [500, 200]


async def test_shutdown_finishes_the_updates_in_flight(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with start_bot(framework, webhook=True):
        emu.delay_next("sendMessage", 1.0)
        sent = alice.send_text("/help")
        await emu.wait_for_call("sendMessage", finished=False)
        # leaving the block stops the bot (as SIGTERM does) while the answer is still being sent
    assert len(alice.inbox) == 1 and (alice.inbox[0].text or "").startswith(CAPABILITIES_AR)
    assert [a.status for a in emu.webhook_attempts if a.update_id == sent.update_id] == [200]


async def test_health_and_metrics_in_polling_mode_too(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    async with start_bot(framework) as bot, httpx.AsyncClient(base_url=bot.web_root) as client:
        health = await client.get("/healthz")
        metrics = await client.get("/metrics")
        webhook = await client.post("/telegram/webhook", json={})
    assert health.status_code == 200 and health.json()["mode"] == "polling"
    assert metrics.status_code == 200 and "sanad_telegram_updates_in_flight" in metrics.text
    assert webhook.status_code == 404, "no webhook route while polling"
