"""The emulator driven by a real aiogram 3 bot (AiohttpSession + TelegramAPIServer.from_base)."""

from __future__ import annotations

import asyncio
import hashlib

import httpx
import pytest
from aiohttp import web

from tests.emulator.framework_bots import WELCOME, aiogram_polling, build_aiogram_bot
from tests.support.telegram_emulator import TelegramEmulator

pytestmark = pytest.mark.asyncio


async def test_echo_and_inline_button(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    async with aiogram_polling(emu):
        alice.send_text("/start")
        [welcome] = await alice.wait_for_messages()
        assert welcome.text == WELCOME
        assert welcome.buttons == [[("Again", "again")]]

        alice.send_text("hello emulator")
        [echo] = await alice.wait_for_messages()
        assert echo.text == "hello emulator"

        press = alice.press("Again", message=echo)
        answer = await press.wait_answered(timeout=5)
        assert answer["text"] == "pong"
        await echo.wait_edited(timeout=5)
        assert echo.text == "hello emulator (pressed)"
        assert echo.buttons == []  # editMessageText without reply_markup drops the keyboard, as on Telegram

    get_me = emu.calls_to("getMe")[0]
    assert get_me.ok and get_me.result["is_bot"] is True
    polls = [c for c in emu.calls_to("getUpdates") if c.ok]
    assert polls and sorted(polls[0].params["allowed_updates"]) == ["callback_query", "message"]


async def test_second_poller_conflict_then_recovery(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    async with aiogram_polling(emu):
        async with httpx.AsyncClient() as client:  # a second bot instance with the same token
            response = await client.post(emu.method_url("getUpdates"), json={"timeout": 1})
        assert response.status_code == 200
        # the bot's pending long poll was the older one: Telegram terminates it with 409
        conflict = await emu.wait_for_call("getUpdates", predicate=lambda c: c.status == 409)
        assert conflict.error == (
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
        )
        alice.send_text("still there?")  # aiogram backs off, polls again and gets it
        [echo] = await alice.wait_for_messages(timeout=10)
        assert echo.text == "still there?"


async def test_html_parse_error_too_long_and_valid_html(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    async with aiogram_polling(emu):
        alice.send_text("/html")
        [reply] = await alice.wait_for_messages()
        assert reply.text == (
            "error: Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
        )
        alice.send_text("/long")
        [reply] = await alice.wait_for_messages()
        assert reply.text == "error: Bad Request: message is too long"
        alice.send_text("/bold")
        [reply] = await alice.wait_for_messages()
        assert reply.text == "bold & plain"
        assert reply.source_text == "<b>bold</b> &amp; plain" and reply.parse_mode == "HTML"
        assert reply.entities == [{"type": "bold", "offset": 0, "length": 4}]


async def test_429_is_retried_after_retry_after(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    async with aiogram_polling(emu):
        emu.fail_next("sendMessage", error_code=429, retry_after=1)
        alice.send_text("rate limited")
        [echo] = await alice.wait_for_messages(timeout=10)
        assert echo.text == "rate limited"
    first, second = emu.calls_to("sendMessage")[-2:]
    assert first.status == 429 and first.error == "Too Many Requests: retry after 1" and first.fault_injected
    assert second.ok and second.started_at - first.finished_at >= 0.9


async def test_document_roundtrip(emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    payload = "تقرير — report\n".encode() * 100
    async with aiogram_polling(emu):
        alice.send_document(payload, "report.txt")
        [reply] = await alice.wait_for_messages(timeout=10)
    assert reply.kind == "document"
    assert reply.document is not None and reply.document["file_name"] == "echo-report.txt"
    assert reply.document["mime_type"] == "text/plain"
    assert reply.caption == f"sha256:{hashlib.sha256(payload).hexdigest()}"
    assert reply.file_bytes() == payload
    assert emu.downloads and emu.downloads[0].startswith("documents/file_")
    upload = emu.last_call("sendDocument")
    assert upload is not None and upload.ok
    # the bot's file is downloadable like any other
    async with httpx.AsyncClient() as client:
        info = (await client.post(emu.method_url("getFile"), json={"file_id": reply.document["file_id"]})).json()
        assert info["ok"] and info["result"]["file_size"] == len(payload)
        data = await client.get(f"{emu.api_root}/file/bot{emu.token}/{info['result']['file_path']}")
        assert data.content == payload


async def test_forum_topics(emu: TelegramEmulator) -> None:
    from aiogram.exceptions import TelegramBadRequest

    alice, bob, outsider = emu.create_user("Alice"), emu.create_user("Bob"), emu.create_user("Eve")
    forum = emu.create_forum("Advisers", members=[alice], admins=[bob])
    plain_group = emu.create_group("Plain", members=[alice])
    async with aiogram_polling(emu) as bot:
        topic = await bot.create_forum_topic(forum.id, "Case 42")
        assert topic.name == "Case 42" and topic.icon_color == 7322096
        welcome = await bot.send_message(forum.id, "Welcome to the case", message_thread_id=topic.message_thread_id)
        assert welcome.is_topic_message and welcome.message_thread_id == topic.message_thread_id

        alice.send_text("a question", chat=forum, topic=topic.message_thread_id)
        first, echo = await alice.wait_for_messages(2, chat=forum, topic=topic.message_thread_id)
        assert first.text == "Welcome to the case"
        assert echo.text == "a question" and echo.message_thread_id == topic.message_thread_id

        assert (await bot.get_chat_member(forum.id, alice.id)).status == "member"
        assert (await bot.get_chat_member(forum.id, bob.id)).status == "administrator"
        assert (await bot.get_chat_member(forum.id, outsider.id)).status == "left"
        chat = await bot.get_chat(forum.id)
        assert chat.type == "supergroup" and chat.is_forum

        assert await bot.delete_forum_topic(forum.id, topic.message_thread_id)
        with pytest.raises(TelegramBadRequest, match="message thread not found"):
            await bot.send_message(forum.id, "too late", message_thread_id=topic.message_thread_id)
        with pytest.raises(TelegramBadRequest, match="the chat is not a forum"):
            await bot.create_forum_topic(plain_group.id, "nope")


async def test_blocked_user_and_callback_data_limit(emu: TelegramEmulator) -> None:
    from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    alice = emu.create_user("Alice")
    bot, _ = build_aiogram_bot(emu)
    async with bot.session:
        too_long = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="x" * 65)]])
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(alice.id, "buttons", reply_markup=too_long)
        alice.block_bot()
        with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
            await bot.send_message(alice.id, "are you there?")


async def test_webhook_delivery_with_secret_retry_and_answer_method(emu: TelegramEmulator) -> None:
    """aiogram's own webhook handler; the first delivery gets a 500, the retry succeeds; the bot answers
    with the method in the webhook response (handle_in_background=False)."""
    from aiogram.exceptions import TelegramConflictError
    from aiogram.types import Message
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler

    alice = emu.create_user("Alice")
    bot, dp = build_aiogram_bot(emu)
    dp.message.handlers.clear()

    @dp.message()
    async def echo(message: Message) -> object:
        return message.answer(f"hook: {message.text}")  # not awaited: answered in the webhook response

    failures = {"left": 1}

    @web.middleware
    async def flaky(request: web.Request, handler: object) -> web.StreamResponse:
        if failures["left"]:
            failures["left"] -= 1
            return web.Response(status=500, text="boom")
        return await handler(request)  # type: ignore[operator]

    app = web.Application(middlewares=[flaky])
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token="s3cret_token", handle_in_background=False).register(
        app, path="/hook"
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with bot.session:
            assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret_token")
            sent = alice.send_text("over the hook")
            [reply] = await alice.wait_for_messages(timeout=10)
            assert reply.text == "hook: over the hook"
            attempts = [a for a in emu.webhook_attempts if a.update_id == sent.update_id]
            assert [a.status for a in attempts] == [500, 200]
            assert all(a.secret_token == "s3cret_token" for a in attempts)
            assert attempts[1].response_method == "sendMessage"
            info = await bot.get_webhook_info()
            assert info.url.endswith("/hook") and info.pending_update_count == 0
            assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
            with pytest.raises(TelegramConflictError, match="can't use getUpdates method while webhook is active"):
                await bot.get_updates()
            assert await bot.delete_webhook()
    finally:
        await runner.cleanup()
    answered = emu.last_call("sendMessage")
    assert answered is not None and answered.source == "webhook_response"
    await asyncio.sleep(0)
