"""A small JSON control API under ``/_emulator/`` for the standalone emulator (a bot in another
process, tests in another language). In-process tests use the Python API instead.

    GET  /_emulator/info                          api_root, token, bot
    POST /_emulator/users        {"first_name", "language_code", "username"}  -> user
    POST /_emulator/groups       {"title", "forum": bool, "member_ids": [...]} -> chat
    POST /_emulator/users/{id}/send     {"text", "chat_id"?, "topic"?}          -> message
    POST /_emulator/users/{id}/press    {"button", "chat_id"?}                  -> callback query
    POST /_emulator/users/{id}/block
    GET  /_emulator/chats/{chat_id}/messages                                      -> messages
    GET  /_emulator/calls                                                         -> call log
    POST /_emulator/faults       {"method", "times", "error_code", "retry_after"}
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .client import CallbackPress, EmulatorUsageError

if TYPE_CHECKING:
    from .emulator import TelegramEmulator


def add_control_routes(app: web.Application, emu: TelegramEmulator) -> None:
    async def body(request: web.Request) -> dict[str, Any]:
        if not request.body_exists:
            return {}
        data = await request.json()
        return data if isinstance(data, dict) else {}

    def user_of(request: web.Request) -> Any:
        user = emu.users.get(int(request.match_info["user_id"]))
        if user is None:
            raise web.HTTPNotFound(text="no such user")
        return user

    def chat_arg(data: dict[str, Any]) -> Any:
        return int(data["chat_id"]) if data.get("chat_id") is not None else None

    async def info(request: web.Request) -> web.Response:
        return web.json_response({"api_root": emu.api_root, "token": emu.token, "bot": emu.bot.get_me()})

    async def create_user(request: web.Request) -> web.Response:
        data = await body(request)
        user = emu.create_user(
            data.get("first_name", "Test"),
            last_name=data.get("last_name"),
            username=data.get("username"),
            language_code=data.get("language_code", "en"),
        )
        return web.json_response({"user": user.to_api(), "chat_id": user.chat_id})

    async def create_group(request: web.Request) -> web.Response:
        data = await body(request)
        members = [emu.users[int(uid)] for uid in data.get("member_ids", [])]
        group = emu.create_group(
            data.get("title", "Test group"),
            members=members,
            supergroup=bool(data.get("supergroup")),
            forum=bool(data.get("forum")),
        )
        return web.json_response({"chat": group.chat.to_api()})

    async def send(request: web.Request) -> web.Response:
        data = await body(request)
        try:
            sent = user_of(request).send_text(data["text"], chat=chat_arg(data), topic=data.get("topic"))
        except (EmulatorUsageError, KeyError) as exc:
            return web.json_response({"error": str(exc)}, status=400)
        return web.json_response({"message": sent.stored.to_api(), "update_id": sent.update_id})

    async def press(request: web.Request) -> web.Response:
        data = await body(request)
        try:
            result = user_of(request).press(data["button"], chat=chat_arg(data))
        except (EmulatorUsageError, KeyError) as exc:
            return web.json_response({"error": str(exc)}, status=400)
        if isinstance(result, CallbackPress):
            return web.json_response({"callback_query": result.record.to_api(), "update_id": result.update_id})
        return web.json_response({"message": result.stored.to_api(), "update_id": result.update_id})

    async def block(request: web.Request) -> web.Response:
        user_of(request).block_bot()
        return web.json_response({"ok": True})

    async def messages(request: web.Request) -> web.Response:
        chat = emu.state.chats.get(int(request.match_info["chat_id"]))
        if chat is None:
            raise web.HTTPNotFound(text="no such chat")
        return web.json_response(
            [
                {**m.to_api(), "_deleted": m.deleted, "_source_text": m.source_text, "_parse_mode": m.parse_mode}
                for m in chat.messages.values()
            ]
        )

    async def calls(request: web.Request) -> web.Response:
        return web.json_response(
            [
                {"method": c.method, "params": c.params, "status": c.status, "error": c.error, "at": c.started_at}
                for c in emu.calls
            ],
            dumps=lambda obj: json.dumps(obj, default=str),
        )

    async def faults(request: web.Request) -> web.Response:
        data = await body(request)
        emu.fail_next(
            data["method"],
            int(data.get("times", 1)),
            error_code=int(data.get("error_code", 429)),
            retry_after=data.get("retry_after"),
            description=data.get("description"),
        )
        return web.json_response({"ok": True})

    app.router.add_get("/_emulator/info", info)
    app.router.add_post("/_emulator/users", create_user)
    app.router.add_post("/_emulator/groups", create_group)
    app.router.add_post("/_emulator/users/{user_id}/send", send)
    app.router.add_post("/_emulator/users/{user_id}/press", press)
    app.router.add_post("/_emulator/users/{user_id}/block", block)
    app.router.add_get("/_emulator/chats/{chat_id}/messages", messages)
    app.router.add_get("/_emulator/calls", calls)
    app.router.add_post("/_emulator/faults", faults)
