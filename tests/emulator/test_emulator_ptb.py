"""The emulator driven by a real python-telegram-bot 22 application
(``base_url(api_root + "/bot")``, ``base_file_url(api_root + "/file/bot")``)."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from aiohttp import web

from tests.emulator.framework_bots import WELCOME, build_ptb_application, ptb_polling
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = pytest.mark.asyncio


async def test_echo_and_inline_button(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice", language_code="da")
    async with ptb_polling(emu) as app:
        assert app.bot.username == emu.bot.username
        alice.send_text("/start")
        [welcome] = await alice.wait_for_messages()
        assert welcome.text == WELCOME and welcome.buttons == [[("Again", "again")]]

        alice.send_text("hej")
        [echo] = await alice.wait_for_messages()
        assert echo.text == "hej" and echo.reply_to_message_id is None

        press = alice.press("again")  # by callback_data, on the newest message that has it
        assert (await press.wait_answered(timeout=5))["text"] == "pong"
        await echo.wait_edited(timeout=5)
        assert echo.text == "hej (pressed)"
    # PTB's Updater starts by deleting the webhook and confirms the last offset when stopping
    assert emu.calls_to("deleteWebhook")[0].ok
    assert emu.calls_to("getUpdates")[-1].params["timeout"] == 0


async def test_second_poller_conflict_then_recovery(emu: TelegramEmulator) -> None:
    from telegram import Bot
    from telegram.error import Conflict

    alice = emu.create_user("Alice")
    async with ptb_polling(emu):
        async with Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url) as second:
            assert await second.get_updates(timeout=1) == ()
        conflict = await emu.wait_for_call("getUpdates", predicate=lambda c: c.status == 409)
        assert "terminated by other getUpdates request" in (conflict.error or "")
        alice.send_text("still there?")
        [echo] = await alice.wait_for_messages(timeout=10)
        assert echo.text == "still there?"

    # two raw long polls that overlap: the older one is answered 409 at once, the newer one waits
    async with httpx.AsyncClient(timeout=10) as client:
        import asyncio

        first = asyncio.create_task(client.post(emu.method_url("getUpdates"), json={"timeout": 5}))
        await emu.wait_for_call("getUpdates", finished=False, predicate=lambda c: c.pending)
        second_response = await client.post(emu.method_url("getUpdates"), json={"timeout": 0})
        first_response = await first
    assert first_response.status_code == 409 and second_response.status_code == 200
    assert first_response.json()["description"].startswith("Conflict: terminated by other getUpdates request")
    with pytest.raises(Conflict):
        raise Conflict(first_response.json()["description"])


async def test_html_parse_error_and_too_long(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    async with ptb_polling(emu):
        alice.send_text("/html")
        [reply] = await alice.wait_for_messages()
        # PTB strips "Bad Request: " and capitalizes the rest
        assert reply.text == "error: Can't parse entities: can't find end tag corresponding to start tag \"b\""
        alice.send_text("/long")
        [reply] = await alice.wait_for_messages()
        assert reply.text == "error: Message is too long"
        alice.send_text("/bold")
        [reply] = await alice.wait_for_messages()
        assert reply.text == "bold & plain" and reply.entities == [{"type": "bold", "offset": 0, "length": 4}]


@pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")  # PTB's own polling loop reads it
async def test_429_on_get_updates_is_retried(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    async with ptb_polling(emu):
        emu.fail_next("getUpdates", error_code=429, retry_after=1)
        emu.fail_next("sendMessage", error_code=429, retry_after=1)
        alice.send_text("hello")  # wakes the pending poll; the next poll gets the 429
        [echo] = await alice.wait_for_messages(timeout=15)
        assert echo.text == "hello"
    limited = [c for c in emu.calls_to("getUpdates") if c.status == 429]
    assert len(limited) == 1 and limited[0].error == "Too Many Requests: retry after 1"
    after = [c for c in emu.calls_to("getUpdates") if c.started_at > (limited[0].finished_at or 0)]
    assert after and after[0].started_at - (limited[0].finished_at or 0) >= 1.0  # PTB waits retry_after + 0.5
    sends = emu.calls_to("sendMessage")
    assert [c.status for c in sends] == [429, 200]


async def test_document_and_photo_roundtrip(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    payload = bytes(range(256)) * 40
    async with ptb_polling(emu):
        alice.send_document(payload, "blob.bin")
        [reply] = await alice.wait_for_messages(timeout=10)
        assert reply.document is not None and reply.document["file_name"] == "echo-blob.bin"
        assert reply.caption == f"sha256:{hashlib.sha256(payload).hexdigest()}"
        assert reply.file_bytes() == payload

        sent = alice.send_photo()
        [photo] = await alice.wait_for_messages(timeout=10)
        assert photo.kind == "photo" and photo.caption == "same photo"
        original = sent.stored.media["photo"][-1]["file_id"]
        assert photo.photo is not None and photo.photo[-1]["file_id"] == original  # re-sent by file_id
    reuse = emu.last_call("sendPhoto")
    assert reuse is not None and reuse.params["photo"] == original


async def test_forum_topics(emu: TelegramEmulator) -> None:
    from telegram.error import BadRequest

    alice = emu.create_user("Alice")
    forum = emu.create_forum("Advisers", members=[alice])
    async with ptb_polling(emu) as app:
        bot = app.bot
        topic = await bot.create_forum_topic(forum.id, "Case 7", icon_color=16766590)
        assert topic.icon_color == 16766590
        alice.send_text("hello topic", chat=forum, topic=topic.message_thread_id)
        [echo] = await alice.wait_for_messages(chat=forum, topic=topic)
        assert echo.text == "hello topic" and echo.is_topic_message

        assert await bot.close_forum_topic(forum.id, topic.message_thread_id)
        assert await bot.reopen_forum_topic(forum.id, topic.message_thread_id)
        assert await bot.edit_forum_topic(forum.id, topic.message_thread_id, name="Case 7 (done)")
        assert forum.topic(topic.message_thread_id).name == "Case 7 (done)"
        assert await bot.delete_forum_topic(forum.id, topic.message_thread_id)
        with pytest.raises(BadRequest, match="Message thread not found"):
            await bot.send_message(forum.id, "gone", message_thread_id=topic.message_thread_id)
        member = await bot.get_chat_member(forum.id, alice.id)
        assert member.status == "member"


async def test_webhook_with_custom_server(emu: TelegramEmulator) -> None:
    """PTB's documented custom-webhook pattern: an aiohttp endpoint that feeds the update queue."""
    from telegram import Update

    alice = emu.create_user("Alice")
    app = build_ptb_application(emu, with_updater=False)
    seen_secrets: list[str | None] = []
    failures = {"left": 1}

    async def hook(request: web.Request) -> web.Response:
        seen_secrets.append(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500)
        await app.update_queue.put(Update.de_json(await request.json(), app.bot))
        return web.Response()

    web_app = web.Application()
    web_app.router.add_post("/telegram", hook)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with app:
            await app.start()
            await app.bot.set_webhook(f"http://127.0.0.1:{port}/telegram", secret_token="ptb-secret")
            alice.send_text("webhook echo")
            [echo] = await alice.wait_for_messages(timeout=10)
            assert echo.text == "webhook echo"
            info = await app.bot.get_webhook_info()
            assert info.pending_update_count == 0 and "500" in (info.last_error_message or "")
            await app.bot.delete_webhook()
            await app.stop()
    finally:
        await runner.cleanup()
    assert seen_secrets == ["ptb-secret", "ptb-secret"]
    assert [a.status for a in emu.webhook_attempts] == [500, 200]
