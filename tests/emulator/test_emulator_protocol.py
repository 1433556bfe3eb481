"""The emulator's Bot API over raw HTTP (no framework): routing, encodings, objects, errors,
getUpdates semantics, webhooks, fault injection and the scripted-user side."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from aiohttp import web

from tests.support.telegram_emulator import EmulatorTimeout, EmulatorUsageError, TelegramEmulator

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=15, trust_env=False) as http:
        yield http


class Api:
    """Calls with a JSON body; returns (HTTP status, body)."""

    def __init__(self, emu: TelegramEmulator, http: httpx.AsyncClient):
        self.emu, self.http = emu, http

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        response = await self.http.post(self.emu.method_url(method), json=params)
        return response.status_code, response.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert status == 200 and body["ok"] is True, body
        return body["result"]

    async def error(self, method: str, **params: Any) -> tuple[int, str]:
        status, body = await self(method, **params)
        assert body["ok"] is False and body["error_code"] == status, body
        return status, body["description"]


@pytest.fixture
def api(emu: TelegramEmulator, client: httpx.AsyncClient) -> Api:
    return Api(emu, client)


@pytest_asyncio.fixture
async def hook_server() -> AsyncIterator[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    """A webhook endpoint on loopback: (url, received updates, behaviour switches)."""
    received: list[dict[str, Any]] = []
    behaviour: dict[str, Any] = {"fail_first_of": set(), "seen": set()}

    async def handle(request: web.Request) -> web.Response:
        update = await request.json()
        update["_secret"] = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        first_time = update["update_id"] not in behaviour["seen"]
        behaviour["seen"].add(update["update_id"])
        chat_id = (update.get("message") or {}).get("chat", {}).get("id")
        if first_time and chat_id in behaviour["fail_first_of"]:
            await asyncio.sleep(0.05)
            return web.Response(status=503)
        received.append(update)
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/hook", received, behaviour
    finally:
        await runner.cleanup()


# ------------------------------------------------------------------------------- routing & encoding


async def test_routes_tokens_and_method_names(emu: TelegramEmulator, client: httpx.AsyncClient) -> None:
    me = (await client.get(emu.method_url("getMe"))).json()
    assert me["ok"] and me["result"]["is_bot"] is True and me["result"]["id"] == int(emu.token.split(":")[0])
    for flag in ("can_join_groups", "can_read_all_group_messages", "supports_inline_queries"):
        assert isinstance(me["result"][flag], bool)
    assert (await client.post(emu.method_url("GETME"))).json()["result"]["username"] == emu.bot.username
    unknown = await client.post(emu.method_url("sendTelepathy"))
    assert unknown.status_code == 404 and unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    wrong = await client.post(f"{emu.api_root}/bot{emu.token.split(':')[0]}:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/getMe")
    assert wrong.status_code == 401 and wrong.json()["description"] == "Unauthorized"
    malformed = await client.post(f"{emu.api_root}/botnot-a-token/getMe")
    assert malformed.status_code == 404
    assert (await client.get(f"{emu.api_root}/elsewhere")).status_code == 404
    assert (await client.post(emu.method_url("logOut"))).json() == {"ok": True, "result": True}
    assert emu.token.startswith("123456:ABC-") and len(emu.token.split(":")[1]) == 35
    assert emu.api_root.startswith("http://127.0.0.1:")


async def test_request_encodings(emu: TelegramEmulator, client: httpx.AsyncClient) -> None:
    alice = emu.create_user("Alice")
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}
    url = emu.method_url("sendMessage")
    responses = [
        await client.post(url, json={"chat_id": alice.id, "text": "json", "reply_markup": markup}),
        await client.post(url, data={"chat_id": str(alice.id), "text": "form", "reply_markup": json.dumps(markup)}),
        await client.post(
            url,
            data={"chat_id": str(alice.id), "text": "multipart", "reply_markup": json.dumps(markup)},
            files={"unused": ("x.txt", b"x")},
        ),
        await client.get(url, params={"chat_id": alice.id, "text": "query", "reply_markup": json.dumps(markup)}),
    ]
    for response in responses:
        body = response.json()
        assert body["ok"], body
        assert body["result"]["reply_markup"] == markup and body["result"]["chat"]["id"] == alice.id
    assert [m.text for m in alice.inbox] == ["json", "form", "multipart", "query"]
    logged = emu.calls_to("sendMessage")
    assert {c.params["chat_id"] for c in logged} == {alice.id}  # form strings normalized in the log
    assert all(c.params["reply_markup"] == markup for c in logged)


async def test_message_object_shape(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice", last_name="A", username="alice_a", language_code="ar")
    before = int(time.time())
    sent = await api.ok("sendMessage", chat_id=alice.id, text="Visit https://example.com or /help, @someone #tag")
    assert before - 1 <= sent["date"] <= int(time.time()) + 1  # unix seconds, not ms
    assert sent["from"] == {"id": emu.bot.id, "is_bot": True, "first_name": "Test Bot", "username": emu.bot.username}
    assert sent["chat"] == {
        "id": alice.id,
        "type": "private",
        "first_name": "Alice",
        "last_name": "A",
        "username": "alice_a",
    }
    assert [e["type"] for e in sent["entities"]] == ["url", "bot_command", "mention", "hashtag"]
    alice.send_text("hi 👋 /start")
    [update] = await api.ok("getUpdates")
    message = update["message"]
    assert message["from"]["language_code"] == "ar" and message["from"]["is_bot"] is False
    assert message["entities"] == [{"type": "bot_command", "offset": 6, "length": 6}]  # UTF-16 offsets
    assert message["message_id"] == sent["message_id"] + 1  # ids per chat


# ------------------------------------------------------------------------------------- getUpdates


async def test_get_updates_offset_limit_negative_offset(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    for text in ("one", "two", "three"):
        alice.send_text(text)
    first_two = await api.ok("getUpdates", limit=2)
    assert [u["message"]["text"] for u in first_two] == ["one", "two"]
    again = await api.ok("getUpdates")  # nothing confirmed yet
    assert len(again) == 3
    rest = await api.ok("getUpdates", offset=first_two[-1]["update_id"] + 1)
    assert [u["message"]["text"] for u in rest] == ["three"]
    assert [u["message"]["text"] for u in await api.ok("getUpdates")] == ["three"]  # earlier ones forgotten
    alice.send_text("four")
    alice.send_text("five")
    last = await api.ok("getUpdates", offset=-1)
    assert [u["message"]["text"] for u in last] == ["five"]
    assert [u["message"]["text"] for u in await api.ok("getUpdates")] == ["five"]


async def test_long_polling_returns_when_an_update_arrives(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    started = time.monotonic()
    poll = asyncio.create_task(api.ok("getUpdates", timeout=5))
    await asyncio.sleep(0.2)
    alice.send_text("wake up")
    updates = await poll
    assert [u["message"]["text"] for u in updates] == ["wake up"]
    assert time.monotonic() - started < 1.5
    started = time.monotonic()
    assert await api.ok("getUpdates", offset=updates[0]["update_id"] + 1, timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 2.5


async def test_allowed_updates_are_remembered_and_filter_new_updates(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    await api.ok(
        "sendMessage",
        chat_id=alice.id,
        text="pick",
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    )
    assert await api.ok("getUpdates", allowed_updates=["callback_query"]) == []
    alice.send_text("ignored text")
    alice.press("A")
    updates = await api.ok("getUpdates")  # allowed_updates not repeated: the previous setting holds
    assert [list(u)[1] for u in updates] == ["callback_query"]
    query = updates[0]["callback_query"]
    assert query["chat_instance"] and query["data"] == "a" and query["message"]["text"] == "pick"
    await api.ok("getUpdates", offset=updates[-1]["update_id"] + 1, allowed_updates=[])
    alice.send_text("seen again")
    assert [u["message"]["text"] for u in await api.ok("getUpdates")] == ["seen again"]


async def test_duplicate_delivery_same_update_id(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    sent = alice.send_text("pay 10 EUR", duplicate=True)
    first = await api.ok("getUpdates")
    assert [u["update_id"] for u in first] == [sent.update_id, sent.update_id]
    assert first[0] == first[1]
    later = await api.ok("getUpdates", offset=sent.update_id + 1)
    assert later == []
    emu.redeliver(sent.update_id)  # at-least-once delivery, again
    assert [u["update_id"] for u in await api.ok("getUpdates", offset=sent.update_id + 1)] == [sent.update_id]
    renewed = emu.redeliver(sent.update_id, new_update_id=True)
    [copy] = await api.ok("getUpdates", offset=sent.update_id + 1)
    assert copy["update_id"] == renewed.update_id != sent.update_id
    assert copy["message"]["message_id"] == sent.message_id


# --------------------------------------------------------------------------------------- webhooks


async def test_webhook_set_info_conflict_and_validation(api: Api, emu: TelegramEmulator) -> None:
    status, text = await api.error("setWebhook", url="https://example.com/hook")
    assert status == 400 and text.startswith("Bad Request: bad webhook:")
    assert (await api("setWebhook", url="http://127.0.0.1:9/hook", secret_token="bad secret!"))[1]["description"] == (
        "Bad Request: secret token contains unallowed characters"
    )
    status, body = await api("setWebhook", url="http://127.0.0.1:9/hook", secret_token="ok_secret", max_connections=5)
    assert body == {"ok": True, "result": True, "description": "Webhook was set"}
    status, text = await api.error("getUpdates")
    assert status == 409 and text == (
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    )
    info = await api.ok("getWebhookInfo")
    assert info["url"] == "http://127.0.0.1:9/hook" and info["max_connections"] == 5
    assert info["has_custom_certificate"] is False and info["pending_update_count"] == 0
    assert (await api("deleteWebhook"))[1]["description"] == "Webhook was deleted"
    assert (await api("deleteWebhook"))[1]["description"] == "Webhook is already deleted"
    assert await api.ok("getWebhookInfo") == {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


async def test_webhook_retries_are_bounded_and_observable(client: httpx.AsyncClient) -> None:
    async with TelegramEmulator(webhook_max_attempts=3, webhook_retry_delay=0.01) as emu:
        api = Api(emu, client)
        alice = emu.create_user("Alice")
        await api.ok("setWebhook", url="http://127.0.0.1:9/nobody-listens", secret_token="s")
        sent = alice.send_text("lost")
        await emu.state.notifier.wait_for(lambda: True if emu.webhooks.dropped else None, 5)
        attempts = emu.webhook_attempts
        assert [a.attempt for a in attempts] == [1, 2, 3] and {a.update_id for a in attempts} == {sent.update_id}
        assert all(a.error == "Connection refused" and a.secret_token == "s" for a in attempts)
        info = await api.ok("getWebhookInfo")
        assert info["pending_update_count"] == 0 and info["last_error_message"] == "Connection refused"
        assert abs(info["last_error_date"] - time.time()) < 5


async def test_webhook_keeps_order_per_chat(
    emu: TelegramEmulator, api: Api, hook_server: tuple[str, list[dict[str, Any]], dict[str, Any]]
) -> None:
    url, received, behaviour = hook_server
    alice, bob = emu.create_user("Alice"), emu.create_user("Bob")
    behaviour["fail_first_of"] = {alice.id}  # every first attempt for Alice's updates fails
    await api.ok("setWebhook", url=url, secret_token="order_test")
    for n in range(3):
        alice.send_text(f"a{n}")
        bob.send_text(f"b{n}")
    await emu.state.notifier.wait_for(lambda: True if len(received) == 6 else None, 10)
    texts = [u["message"]["text"] for u in received]
    assert [t for t in texts if t.startswith("a")] == ["a0", "a1", "a2"]
    assert [t for t in texts if t.startswith("b")] == ["b0", "b1", "b2"]
    assert texts.index("b2") < texts.index("a1")  # Bob's chat was not held up by Alice's retries
    assert {u["_secret"] for u in received} == {"order_test"}
    failed = [a for a in emu.webhook_attempts if a.status == 503]
    assert len(failed) == 3 and all(a.chat_id == alice.id for a in failed)


async def test_webhook_duplicate_delivery(
    emu: TelegramEmulator, api: Api, hook_server: tuple[str, list[dict[str, Any]], dict[str, Any]]
) -> None:
    url, received, _ = hook_server
    alice = emu.create_user("Alice")
    await api.ok("setWebhook", url=url)
    sent = alice.send_text("twice", duplicate=True)
    await emu.state.notifier.wait_for(lambda: True if len(received) == 2 else None, 5)
    assert [u["update_id"] for u in received] == [sent.update_id, sent.update_id]
    assert [a.duplicate for a in emu.webhook_attempts] == [False, True]


# ------------------------------------------------------------------------------------------ faults


async def test_fault_injection(api: Api, emu: TelegramEmulator, client: httpx.AsyncClient) -> None:
    alice = emu.create_user("Alice")
    emu.fail_next("sendMessage", times=2, error_code=429, retry_after=7)
    for _ in range(2):
        status, body = await api("sendMessage", chat_id=alice.id, text="x")
        assert status == 429 and body == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        }
    assert (await api("sendMessage", chat_id=alice.id, text="x"))[0] == 200
    emu.fail_next("getMe", error_code=502)
    assert await api.error("getMe") == (502, "Bad Gateway")
    emu.fail_next("getMe", error_code=500)
    assert await api.error("getMe") == (500, "Internal Server Error")
    emu.fail_next("*", error_code=502, raw_body="<html><body>502 Bad Gateway</body></html>")
    raw = await client.post(emu.method_url("getMe"))
    assert raw.status_code == 502 and raw.text.startswith("<html>")
    emu.delay_next("getMe", 0.3)
    started = time.monotonic()
    await api.ok("getMe")
    assert time.monotonic() - started >= 0.3
    assert [c.fault_injected for c in emu.calls_to("getMe")] == [True, True, True, True]


# --------------------------------------------------------------------------------------- messages


async def test_send_message_errors(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    group = emu.create_group("Group", members=[alice])
    chat = alice.id

    async def error(**params: Any) -> str:
        return (await api.error("sendMessage", **params))[1]

    assert await error(chat_id=42, text="x") == "Bad Request: chat not found"
    assert await error(chat_id=chat, text="   ") == "Bad Request: message text is empty"
    assert await error(chat_id=chat) == "Bad Request: message text is empty"
    assert await error(chat_id=chat, text="<b></b>", parse_mode="HTML") == "Bad Request: message text is empty"
    assert await error(chat_id=chat, text="é" * 4097) == "Bad Request: message is too long"
    assert await error(chat_id=chat, text="😀" * 2049) == "Bad Request: message is too long"  # UTF-16 units
    assert await error(chat_id=chat, text="a < b", parse_mode="HTML") == (
        'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2'
    )
    assert await error(chat_id=chat, text="<blink>x</blink>", parse_mode="HTML") == (
        'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0'
    )
    assert "Character '&' must be escaped" in await error(chat_id=chat, text="R&D", parse_mode="HTML")
    assert await error(chat_id=chat, text="Price: 1.5", parse_mode="MarkdownV2") == (
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
    )
    assert await error(chat_id=chat, text="x", parse_mode="Klingon") == "Bad Request: unsupported parse_mode"
    keyboard = {"inline_keyboard": [[{"text": "x", "callback_data": "é" * 33}]]}  # 66 bytes
    assert await error(chat_id=chat, text="x", reply_markup=keyboard) == "Bad Request: BUTTON_DATA_INVALID"
    assert await error(chat_id=chat, text="x", reply_markup={"inline_keyboard": [[{"text": "x"}]]}) == (
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
    )
    assert await error(chat_id=chat, text="x", reply_markup={"inline_keyboard": [{"text": "x"}]}) == (
        'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
    )
    assert await error(chat_id=chat, text="x", reply_parameters={"message_id": 999}) == (
        "Bad Request: message to be replied not found"
    )
    assert await error(chat_id=group.id, text="x", message_thread_id=77) == "Bad Request: message thread not found"
    ok = await api.ok(
        "sendMessage",
        chat_id=chat,
        text="fine",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert "reply_to_message" not in ok
    boundary = await api.ok("sendMessage", chat_id=chat, text="🙂" * 2048)
    assert len(boundary["text"]) == 2048


async def test_formatting_and_replies(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    question = alice.send_text("question?")
    sent = await api.ok(
        "sendMessage",
        chat_id=alice.id,
        text="*Bold* and _it_ \\- [link](https://example.com)",
        parse_mode="MarkdownV2",
        reply_parameters={"message_id": question.message_id},
        link_preview_options={"is_disabled": True},
        disable_notification=True,
    )
    assert sent["text"] == "Bold and it - link"
    assert sent["entities"] == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 9, "length": 2},
        {"type": "text_link", "offset": 14, "length": 4, "url": "https://example.com/"},
    ]
    assert sent["reply_to_message"]["text"] == "question?"
    assert sent["link_preview_options"] == {"is_disabled": True}
    [reply] = await alice.wait_for_messages()
    assert reply.reply_to_message_id == question.message_id and reply.disable_notification
    explicit = await api.ok(
        "sendMessage", chat_id=alice.id, text="plain <b>", entities=[{"type": "bold", "offset": 0, "length": 5}]
    )
    assert explicit["text"] == "plain <b>" and explicit["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    remove = await api.ok("sendMessage", chat_id=alice.id, text="menu", reply_markup={"keyboard": [["Help", "Stop"]]})
    assert "reply_markup" not in remove  # only inline keyboards are echoed in Message
    assert alice.reply_keyboard == [["Help", "Stop"]]
    help_request = alice.press("Help")
    assert help_request.text == "Help"


async def test_edit_delete_copy_forward(api: Api, emu: TelegramEmulator) -> None:
    alice, bob = emu.create_user("Alice"), emu.create_user("Bob")
    keyboard = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    sent = await api.ok("sendMessage", chat_id=alice.id, text="draft", reply_markup=keyboard)
    mid = sent["message_id"]
    edited = await api.ok("editMessageText", chat_id=alice.id, message_id=mid, text="final", reply_markup=keyboard)
    assert edited["text"] == "final" and edited["edit_date"] >= edited["date"]
    assert (await api.error("editMessageText", chat_id=alice.id, message_id=mid, text="final", reply_markup=keyboard))[
        1
    ].startswith("Bad Request: message is not modified")
    cleared = await api.ok("editMessageReplyMarkup", chat_id=alice.id, message_id=mid)
    assert "reply_markup" not in cleared
    user_message = alice.send_text("mine")
    assert (await api.error("editMessageText", chat_id=alice.id, message_id=user_message.message_id, text="x"))[1] == (
        "Bad Request: message can't be edited"
    )
    assert (await api.error("editMessageText", chat_id=alice.id, message_id=999, text="x"))[1] == (
        "Bad Request: message to edit not found"
    )
    copied = await api.ok("copyMessage", chat_id=bob.id, from_chat_id=alice.id, message_id=user_message.message_id)
    assert set(copied) == {"message_id"}
    forwarded = await api.ok(
        "forwardMessage", chat_id=bob.id, from_chat_id=alice.id, message_id=user_message.message_id
    )
    assert (
        forwarded["forward_origin"]["type"] == "user" and forwarded["forward_origin"]["sender_user"]["id"] == alice.id
    )
    assert [m.text for m in bob.inbox] == ["mine", "mine"]
    assert (await api.error("copyMessage", chat_id=bob.id, from_chat_id=alice.id, message_id=999))[1] == (
        "Bad Request: message to copy not found"
    )
    [final] = await alice.wait_for_messages()
    assert await api.ok("deleteMessage", chat_id=alice.id, message_id=mid) is True
    assert final.deleted and final not in alice.inbox
    assert (await api.error("deleteMessage", chat_id=alice.id, message_id=mid))[1] == (
        "Bad Request: message to delete not found"
    )


async def test_callback_answers(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    await api.ok(
        "sendMessage",
        chat_id=alice.id,
        text="?",
        reply_markup={"inline_keyboard": [[{"text": "Ok", "callback_data": "ok"}]]},
    )
    press = alice.press("Ok")
    forged = alice.press_forged("admin:delete_everything")
    updates = await api.ok("getUpdates")
    assert [u["callback_query"]["data"] for u in updates] == ["ok", "admin:delete_everything"]
    assert await api.ok("answerCallbackQuery", callback_query_id=press.id, text="done", show_alert=True)
    assert press.answer == {"text": "done", "show_alert": True, "url": None, "cache_time": 0}
    assert (await api.error("answerCallbackQuery", callback_query_id=press.id))[1] == (
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    assert not forged.answered
    with pytest.raises(EmulatorTimeout, match="was not answered"):
        await forged.wait_answered(timeout=0.1)
    with pytest.raises(EmulatorUsageError, match="no button"):
        alice.press("Missing")


# ------------------------------------------------------------------------------ chats & commands


async def test_chat_actions_commands_and_menu_button(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice", language_code="ar")
    group = emu.create_group("Advisers", members=[alice])
    assert await api.ok("sendChatAction", chat_id=alice.id, action="typing")
    assert (await api.error("sendChatAction", chat_id=alice.id, action="dancing"))[1] == (
        "Bad Request: wrong parameter action in request"
    )
    assert [(a.chat_id, a.action) for a in emu.chat_actions] == [(alice.id, "typing")]

    await api.ok("setMyCommands", commands=[{"command": "start", "description": "Start"}])
    await api.ok("setMyCommands", commands=[{"command": "start", "description": "ابدأ"}], language_code="ar")
    group_scope = {"type": "chat", "chat_id": group.id}
    await api.ok("setMyCommands", commands=[{"command": "case", "description": "Open a case"}], scope=group_scope)
    assert await api.ok("getMyCommands") == [{"command": "start", "description": "Start"}]
    assert await api.ok("getMyCommands", language_code="ar") == [{"command": "start", "description": "ابدأ"}]
    assert await api.ok("getMyCommands", scope=group_scope) == [{"command": "case", "description": "Open a case"}]
    assert await api.ok("getMyCommands", scope={"type": "all_private_chats"}) == []
    assert alice.visible_commands() == [{"command": "start", "description": "ابدأ"}]
    assert alice.visible_commands(group) == [{"command": "case", "description": "Open a case"}]
    assert (await api.error("setMyCommands", commands=[{"command": "Bad Command", "description": "x"}]))[1] == (
        "Bad Request: BOT_COMMAND_INVALID"
    )
    assert await api.ok("deleteMyCommands", language_code="ar")
    assert await api.ok("getMyCommands", language_code="ar") == []

    assert await api.ok("getChatMenuButton", chat_id=alice.id) == {"type": "commands"}
    web_app = {"type": "web_app", "text": "Open", "web_app": {"url": "https://example.com/app"}}
    assert await api.ok("setChatMenuButton", chat_id=alice.id, menu_button=web_app)
    assert await api.ok("getChatMenuButton", chat_id=alice.id) == web_app
    assert await api.ok("getChatMenuButton") == {"type": "commands"}


async def test_chat_members_get_chat_and_leave(api: Api, emu: TelegramEmulator) -> None:
    owner, adviser, member, stranger = (emu.create_user(n) for n in ("Owner", "Adviser", "Member", "Stranger"))
    group = emu.create_supergroup("Advisers", creator=owner, admins=[adviser], members=[member])
    statuses = {
        user.first_name: (await api.ok("getChatMember", chat_id=group.id, user_id=user.id))["status"]
        for user in (owner, adviser, member, stranger)
    }
    assert statuses == {"Owner": "creator", "Adviser": "administrator", "Member": "member", "Stranger": "left"}
    admin = await api.ok("getChatMember", chat_id=group.id, user_id=adviser.id)
    assert admin["can_manage_topics"] is True and admin["can_be_edited"] is False
    bot_member = await api.ok("getChatMember", chat_id=group.id, user_id=emu.bot.id)
    assert bot_member["status"] == "administrator" and bot_member["user"]["is_bot"] is True
    assert (await api.error("getChatMember", chat_id=group.id, user_id=5))[1] == "Bad Request: user not found"
    group.add_member(stranger, "kicked")
    assert (await api.ok("getChatMember", chat_id=group.id, user_id=stranger.id))["status"] == "kicked"
    info = await api.ok("getChat", chat_id=group.id)
    assert info["type"] == "supergroup" and info["title"] == "Advisers" and info["accent_color_id"] == 0
    assert "max_reaction_count" in info and "accepted_gift_types" in info
    assert (await api.ok("getChat", chat_id=owner.id))["type"] == "private"
    assert await api.ok("getChatMemberCount", chat_id=group.id) == 4
    assert [a["user"]["id"] for a in await api.ok("getChatAdministrators", chat_id=group.id)] == [
        owner.id,
        adviser.id,
        emu.bot.id,
    ]
    assert (await api.error("leaveChat", chat_id=owner.id))[1] == (
        "Bad Request: chat member status can't be changed in private chats"
    )
    assert await api.ok("leaveChat", chat_id=group.id)
    [update] = await api.ok("getUpdates")
    assert update["my_chat_member"]["new_chat_member"]["status"] == "left"
    assert await api.error("sendMessage", chat_id=group.id, text="x") == (
        403,
        "Forbidden: bot is not a member of the supergroup chat",
    )


# ------------------------------------------------------------------------------------------- files


async def test_file_uploads_and_errors(api: Api, emu: TelegramEmulator, client: httpx.AsyncClient) -> None:
    alice = emu.create_user("Alice")
    url = emu.method_url("sendDocument")
    uploaded = (
        await client.post(
            url,
            data={"chat_id": str(alice.id), "caption": "<i>notes</i>", "parse_mode": "HTML"},
            files={"document": ("notes.md", b"# notes\n", "application/octet-stream")},
        )
    ).json()["result"]
    document = uploaded["document"]
    assert document["file_name"] == "notes.md" and document["file_size"] == 8
    assert uploaded["caption"] == "notes" and uploaded["caption_entities"] == [
        {"type": "italic", "offset": 0, "length": 5}
    ]
    by_attach = (
        await client.post(
            url, data={"chat_id": str(alice.id), "document": "attach://f1"}, files={"f1": ("a.txt", b"abc")}
        )
    ).json()["result"]
    assert by_attach["document"]["file_name"] == "a.txt"
    reused = await api.ok("sendDocument", chat_id=alice.id, document=document["file_id"])
    assert reused["document"]["file_id"] == document["file_id"]
    assert (await api.error("sendDocument", chat_id=alice.id, document="no-such-id"))[1] == (
        "Bad Request: wrong file identifier/HTTP URL specified"
    )
    assert (await api.error("sendDocument", chat_id=alice.id))[1] == "Bad Request: there is no document in the request"
    bad_photo = await client.post(
        emu.method_url("sendPhoto"), data={"chat_id": str(alice.id)}, files={"photo": ("p.jpg", b"not an image")}
    )
    assert bad_photo.json()["description"] == "Bad Request: IMAGE_PROCESS_FAILED"
    photo_message = alice.send_photo()
    photo_id = photo_message.stored.media["photo"][-1]["file_id"]
    assert (await api.error("sendDocument", chat_id=alice.id, document=photo_id))[1] == (
        "Bad Request: can't use file of type Photo as Document"
    )
    file = await api.ok("getFile", file_id=document["file_id"])
    assert file["file_path"].startswith("documents/") and file["file_size"] == 8
    downloaded = await client.get(f"{emu.api_root}/file/bot{emu.token}/{file['file_path']}")
    assert downloaded.content == b"# notes\n"
    assert (await client.get(f"{emu.api_root}/file/bot{emu.token}/documents/nope")).status_code == 404
    assert (await api.error("getFile", file_id="nope"))[1] == "Bad Request: invalid file_id"


async def test_send_media_group(api: Api, emu: TelegramEmulator, client: httpx.AsyncClient) -> None:
    alice = emu.create_user("Alice")
    photos = [alice.send_photo().stored.media["photo"][-1]["file_id"] for _ in range(2)]
    first = {"type": "photo", "media": photos[0], "caption": "<b>two</b> pages", "parse_mode": "HTML"}
    sent = await api.ok("sendMediaGroup", chat_id=alice.id, media=[first, {"type": "photo", "media": photos[1]}])
    assert len(sent) == 2 and sent[0]["media_group_id"] == sent[1]["media_group_id"]
    assert sent[0]["caption"] == "two pages" and sent[0]["caption_entities"] == [
        {"type": "bold", "offset": 0, "length": 3}
    ]
    assert "caption" not in sent[1] and sent[1]["message_id"] == sent[0]["message_id"] + 1
    uploaded = await client.post(
        emu.method_url("sendMediaGroup"),
        data={
            "chat_id": str(alice.id),
            "media": json.dumps(
                [{"type": "document", "media": "attach://a"}, {"type": "document", "media": "attach://b"}]
            ),
        },
        files={"a": ("a.txt", b"a"), "b": ("b.txt", b"b")},
    )
    assert [m["document"]["file_name"] for m in uploaded.json()["result"]] == ["a.txt", "b.txt"]
    alone = [{"type": "photo", "media": photos[0]}]
    assert (await api.error("sendMediaGroup", chat_id=alice.id, media=alone))[1].startswith("Bad Request: wrong number")
    mixed = [{"type": "photo", "media": photos[0]}, {"type": "document", "media": photos[1]}]
    assert "can't be mixed" in (await api.error("sendMediaGroup", chat_id=alice.id, media=mixed))[1]
    wrong = [{"type": "photo", "media": photos[0]}, {"type": "photo", "media": "no-such-file"}]
    assert (await api.error("sendMediaGroup", chat_id=alice.id, media=wrong))[1] == (
        'Bad Request: failed to send message #2 with the error message "wrong file identifier/HTTP URL specified"'
    )


# ------------------------------------------------------------------------------------ user side


async def test_user_actions_reach_the_bot(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    alice.send_sticker("🔥")
    alice.send_voice(duration=3)
    alice.send_location(55.68, 12.57)
    alice.send_contact("+4512345678")
    original = alice.send_text("tpyo")
    alice.edit_text(original, "typo")
    updates = await api.ok("getUpdates")
    kinds = [
        next(k for k in ("sticker", "voice", "location", "contact") if k in u.get("message", {})) for u in updates[:4]
    ]
    assert kinds == ["sticker", "voice", "location", "contact"]
    assert updates[0]["message"]["sticker"]["emoji"] == "🔥" and updates[0]["message"]["sticker"]["type"] == "regular"
    assert (
        updates[1]["message"]["voice"]["duration"] == 3 and updates[1]["message"]["voice"]["mime_type"] == "audio/ogg"
    )
    assert updates[3]["message"]["contact"]["user_id"] == alice.id
    edited = updates[-1]["edited_message"]
    assert edited["message_id"] == original.message_id and edited["text"] == "typo" and "edit_date" in edited
    voice_file = await api.ok("getFile", file_id=updates[1]["message"]["voice"]["file_id"])
    assert voice_file["file_path"].startswith("voice/")


async def test_block_started_and_privacy_mode(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    shy = emu.create_user("Shy", started=False)
    assert await api.error("sendMessage", chat_id=shy.id, text="hi") == (
        403,
        "Forbidden: bot can't initiate conversation with a user",
    )
    shy.send_text("/start")
    await api.ok("sendMessage", chat_id=shy.id, text="hi")

    alice.block_bot()
    assert await api.error("sendMessage", chat_id=alice.id, text="hi") == (
        403,
        "Forbidden: bot was blocked by the user",
    )
    assert (await api.error("sendChatAction", chat_id=alice.id, action="typing"))[0] == 403
    with pytest.raises(EmulatorUsageError, match="blocked"):
        alice.send_text("hello?")
    alice.unblock_bot()
    await api.ok("sendMessage", chat_id=alice.id, text="welcome back")

    group = emu.create_group("Chatty", members=[alice], bot_status="member")  # privacy mode applies
    assert not alice.send_text("just chatting", chat=group).delivered
    assert alice.send_text("/help", chat=group).delivered
    assert alice.send_text(f"hey @{emu.bot.username}", chat=group).delivered
    assert not alice.send_text("/help@someone_else_bot", chat=group).delivered
    updates = await api.ok("getUpdates")
    member_updates = [u["my_chat_member"]["new_chat_member"]["status"] for u in updates if "my_chat_member" in u]
    assert member_updates == ["kicked", "member"]
    texts = [u["message"].get("text") for u in updates if "message" in u and u["message"]["chat"]["id"] == group.id]
    assert texts == ["/help", f"hey @{emu.bot.username}"]


async def test_forum_topic_messages(api: Api, emu: TelegramEmulator) -> None:
    alice = emu.create_user("Alice")
    forum = emu.create_forum("Help desk", members=[alice], bot_rights={"can_manage_topics": False})
    assert (await api.error("createForumTopic", chat_id=forum.id, name="x"))[1] == (
        "Bad Request: not enough rights to create a topic"
    )
    topic = forum.create_topic("Visa question", by=alice)  # created by a member
    [created] = await api.ok("getUpdates")
    assert created["message"]["forum_topic_created"] == {"name": "Visa question", "icon_color": 7322096}
    assert created["message"]["message_thread_id"] == topic.message_thread_id == created["message"]["message_id"]
    posted = alice.send_text("my question", chat=forum, topic=topic)
    [update] = await api.ok("getUpdates", offset=created["update_id"] + 1)
    message = update["message"]
    assert message["is_topic_message"] is True and message["message_thread_id"] == topic.message_thread_id
    assert message["reply_to_message"]["message_id"] == topic.message_thread_id  # Telegram's implicit reply
    answer = await api.ok(
        "sendMessage", chat_id=forum.id, text="answer", reply_parameters={"message_id": posted.message_id}
    )
    assert answer["message_thread_id"] == topic.message_thread_id  # a reply lands in the replied message's topic
    [seen] = await alice.wait_for_messages(chat=forum, topic=topic)
    assert seen.text == "answer"
    assert (await api.error("sendMessage", chat_id=forum.id, text="x", message_thread_id=999))[1] == (
        "Bad Request: message thread not found"
    )


async def test_group_membership_changes(api: Api, emu: TelegramEmulator) -> None:
    owner, bob = emu.create_user("Owner"), emu.create_user("Bob")
    group = emu.create_group("Team", creator=owner, members=[bob])
    await owner.expect_no_messages(0.05, chat=group)
    group.set_bot_status("member", by=owner)
    group.remove_member(bob, announce=True)
    updates = await api.ok("getUpdates")
    change = updates[0]["my_chat_member"]
    assert change["from"]["id"] == owner.id
    assert (change["old_chat_member"]["status"], change["new_chat_member"]["status"]) == ("administrator", "member")
    assert updates[1]["message"]["left_chat_member"]["id"] == bob.id  # service messages pass privacy mode
    assert group.status_of(bob) == "left"
    with pytest.raises(EmulatorUsageError, match="not a member"):
        bob.send_text("let me in", chat=group)
    await api.ok("sendMessage", chat_id=group.id, text="hello team")
    with pytest.raises(AssertionError, match="expected no bot message"):
        await owner.expect_no_messages(0.05, chat=group)
    [hello] = await group.wait_for_messages()
    assert hello.text == "hello team"


async def test_chat_member_updates_pins_and_closed_topics(api: Api, emu: TelegramEmulator) -> None:
    """An administrator bot that asks for chat_member updates gets them; pins are kept; a member closing a topic
    posts forum_topic_closed."""
    owner, bob = emu.create_user("Owner"), emu.create_user("Bob", username="bob_b")
    forum = emu.create_forum("Desk", creator=owner)
    forum.add_member(bob)  # not asked for yet: chat_member is excluded by default, as on Telegram
    assert await api.ok("getUpdates") == []
    await api.ok("getUpdates", allowed_updates=["message", "chat_member"])
    forum.remove_member(bob)
    forum.add_member(bob)
    forum.remove_member(bob, kick=True)
    updates = await api.ok("getUpdates")
    changes = [
        (u["chat_member"]["old_chat_member"]["status"], u["chat_member"]["new_chat_member"]["status"]) for u in updates
    ]
    assert changes == [("member", "left"), ("left", "member"), ("member", "kicked")]
    assert updates[0]["chat_member"]["new_chat_member"]["user"]["username"] == "bob_b"

    first = await api.ok("sendMessage", chat_id=forum.id, text="board")
    second = await api.ok("sendMessage", chat_id=forum.id, text="other")
    await api.ok("pinChatMessage", chat_id=forum.id, message_id=first["message_id"], disable_notification=True)
    await api.ok("pinChatMessage", chat_id=forum.id, message_id=second["message_id"])
    assert forum.chat.pinned == [first["message_id"], second["message_id"]]
    await api.ok("unpinChatMessage", chat_id=forum.id, message_id=second["message_id"])
    assert forum.chat.pinned == [first["message_id"]]
    assert (await api.error("pinChatMessage", chat_id=forum.id, message_id=9999))[1].endswith(
        "message to pin not found"
    )

    topic = forum.create_topic("Case 1", by=owner)
    forum.close_topic(topic, by=owner)
    assert topic.closed
    closed = [u["message"] for u in await api.ok("getUpdates", offset=updates[-1]["update_id"] + 1)]
    assert closed[-1]["forum_topic_closed"] == {} and closed[-1]["message_thread_id"] == topic.message_thread_id
    await api.ok("reopenForumTopic", chat_id=forum.id, message_thread_id=topic.message_thread_id)
    assert not topic.closed


# ------------------------------------------------------------------------------------- standalone


async def test_cli_runs_standalone(client: httpx.AsyncClient) -> None:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.telegram_emulator", "--port", "0", "--users", "1"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), timeout=20)
        started = json.loads(line)
        api_root, token = started["api_root"], started["token"]
        assert api_root.startswith("http://127.0.0.1:")
        me = (await client.get(f"{api_root}/bot{token}/getMe")).json()
        assert me["ok"] and me["result"]["is_bot"]
        user_id = started["users"][0]["id"]
        sent = (await client.post(f"{api_root}/_emulator/users/{user_id}/send", json={"text": "hi"})).json()
        updates = (await client.post(f"{api_root}/bot{token}/getUpdates")).json()["result"]
        assert updates[0]["update_id"] == sent["update_id"] and updates[0]["message"]["text"] == "hi"
        await client.post(f"{api_root}/bot{token}/sendMessage", json={"chat_id": user_id, "text": "hello back"})
        history = (await client.get(f"{api_root}/_emulator/chats/{user_id}/messages")).json()
        assert [m["text"] for m in history] == ["hi", "hello back"]
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        if process.stdout is not None:
            process.stdout.close()
