"""setMyCommands / getMyCommands / deleteMyCommands (per scope and language_code), the chat menu
button, and the bot's name / description / short description."""

from __future__ import annotations

import re
from typing import Any

from .. import errors
from ..params import Params
from ..state import Chat, EmulatorState
from .registry import CallContext, Handler, api_method

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2}$")
SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)

ScopeKey = tuple[str, int | None, int | None]


def scope_key(ctx: CallContext, p: Params) -> ScopeKey:
    raw = p.json("scope", "can't parse BotCommandScope JSON object")
    if raw is None:
        return ("default", None, None)
    if not isinstance(raw, dict) or raw.get("type") not in SCOPE_TYPES:
        raise errors.bad_request("can't parse BotCommandScope JSON object")
    kind = raw["type"]
    chat_id: int | None = None
    user_id: int | None = None
    if kind in ("chat", "chat_administrators", "chat_member"):
        ref = raw.get("chat_id")
        if isinstance(ref, str) and ref.lstrip("-").isdigit():
            ref = int(ref)
        chat = ctx.state.find_chat(ref) if isinstance(ref, int | str) else None
        if chat is None:
            raise errors.bad_request(errors.CHAT_NOT_FOUND)
        if kind != "chat" and chat.type == "private":
            raise errors.bad_request("can't change commands in private chats")
        chat_id = chat.id
    if kind == "chat_member":
        try:
            user_id = int(raw.get("user_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise errors.bad_request(errors.USER_NOT_FOUND) from None
        if user_id not in ctx.state.accounts:
            raise errors.bad_request(errors.USER_NOT_FOUND)
    return (kind, chat_id, user_id)


def language_code(p: Params) -> str:
    code = (p.text("language_code") or "").strip()
    if code and not _LANGUAGE_RE.match(code):
        raise errors.bad_request(errors.INVALID_LANGUAGE_CODE)
    return code


def parse_commands(p: Params) -> list[dict[str, str]]:
    raw = p.json("commands", "can't parse commands JSON object")
    if not isinstance(raw, list):
        raise errors.bad_request("can't parse commands JSON object")
    if len(raw) > 100:
        raise errors.bad_request("too many commands specified")
    commands: list[dict[str, str]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise errors.bad_request("can't parse BotCommand JSON object")
        command = str(item.get("command", "")).strip()
        command = command[1:] if command.startswith("/") else command
        description = str(item.get("description", "")).strip()
        if not _COMMAND_RE.match(command):
            raise errors.bad_request(errors.BOT_COMMAND_INVALID)
        if not 1 <= len(description) <= 256:
            raise errors.bad_request(errors.BOT_COMMAND_DESCRIPTION_INVALID)
        commands.append({"command": command, "description": description})
    return commands


@api_method("setMyCommands")
async def set_my_commands(ctx: CallContext, p: Params) -> bool:
    commands = parse_commands(p)
    key = (*scope_key(ctx, p), language_code(p))
    if commands:
        ctx.state.commands[key] = commands
    else:
        ctx.state.commands.pop(key, None)
    return True


@api_method("getMyCommands")
async def get_my_commands(ctx: CallContext, p: Params) -> list[dict[str, str]]:
    key = (*scope_key(ctx, p), language_code(p))
    return [dict(c) for c in ctx.state.commands.get(key, [])]


@api_method("deleteMyCommands")
async def delete_my_commands(ctx: CallContext, p: Params) -> bool:
    key = (*scope_key(ctx, p), language_code(p))
    ctx.state.commands.pop(key, None)
    return True


def commands_seen_by(state: EmulatorState, chat: Chat, user_id: int, language: str | None) -> list[dict[str, str]]:
    """The command list a user sees in a chat, resolved by the Bot API's scope rules."""
    lang = language or ""
    member = chat.membership(user_id)
    is_admin = member is not None and member.is_admin
    if chat.type == "private":
        scopes: list[tuple[str, int | None, int | None]] = [
            ("chat", chat.id, None),
            ("all_private_chats", None, None),
            ("default", None, None),
        ]
    else:
        scopes = [("chat_member", chat.id, user_id)]
        if is_admin:
            scopes.append(("chat_administrators", chat.id, None))
        scopes.append(("chat", chat.id, None))
        if is_admin:
            scopes.append(("all_chat_administrators", None, None))
        scopes += [("all_group_chats", None, None), ("default", None, None)]
    for scope in scopes:
        for code in [lang, ""] if lang else [""]:
            found = state.commands.get((*scope, code))
            if found:
                return [dict(c) for c in found]
    return []


def _menu_button(p: Params) -> dict[str, Any]:
    raw = p.json("menu_button", "can't parse menu button JSON object")
    if raw is None:
        return {"type": "default"}
    if not isinstance(raw, dict) or raw.get("type") not in ("commands", "web_app", "default"):
        raise errors.bad_request("can't parse menu button JSON object")
    if raw["type"] == "web_app":
        web_app = raw.get("web_app")
        if (
            not raw.get("text")
            or not isinstance(web_app, dict)
            or not str(web_app.get("url", "")).startswith("https://")
        ):
            raise errors.bad_request(errors.BUTTON_URL_INVALID)
        return {"type": "web_app", "text": raw["text"], "web_app": {"url": web_app["url"]}}
    return {"type": raw["type"]}


def _menu_chat(ctx: CallContext, p: Params) -> Chat | None:
    if not p.has("chat_id"):
        return None
    chat = ctx.state.find_chat(p.chat_id())  # type: ignore[arg-type]
    if chat is None:
        raise errors.bad_request(errors.CHAT_NOT_FOUND)
    if chat.type != "private":
        raise errors.bad_request("menu button can be changed only in private chats")
    return chat


@api_method("setChatMenuButton")
async def set_chat_menu_button(ctx: CallContext, p: Params) -> bool:
    chat = _menu_chat(ctx, p)
    button = _menu_button(p)
    if chat is None:
        ctx.state.default_menu_button = button if button["type"] != "default" else {"type": "commands"}
    elif button["type"] == "default":
        ctx.state.chat_menu_buttons.pop(chat.id, None)
    else:
        ctx.state.chat_menu_buttons[chat.id] = button
    return True


@api_method("getChatMenuButton")
async def get_chat_menu_button(ctx: CallContext, p: Params) -> dict[str, Any]:
    chat = _menu_chat(ctx, p)
    if chat is not None and chat.id in ctx.state.chat_menu_buttons:
        return dict(ctx.state.chat_menu_buttons[chat.id])
    return dict(ctx.state.default_menu_button)


# ---- name / description / short description, per language

_PROFILE_LIMITS = {"name": 64, "description": 512, "short_description": 120}


def _profile_setter(field_name: str) -> Handler:
    async def setter(ctx: CallContext, p: Params) -> bool:
        value = p.text(field_name) or ""
        if len(value) > _PROFILE_LIMITS[field_name]:
            raise errors.bad_request(f"bot {field_name.replace('_', ' ')} is too long")
        ctx.emu.profile.setdefault(field_name, {})[language_code(p)] = value
        return True

    return setter


def _profile_getter(field_name: str) -> Handler:
    async def getter(ctx: CallContext, p: Params) -> dict[str, str]:
        values = ctx.emu.profile.get(field_name, {})
        code = language_code(p)
        value = values.get(code) or values.get("") or ""
        if field_name == "name" and not value:
            value = ctx.bot.first_name
        return {field_name: value}

    return getter


api_method("setMyName")(_profile_setter("name"))
api_method("getMyName")(_profile_getter("name"))
api_method("setMyDescription")(_profile_setter("description"))
api_method("getMyDescription")(_profile_getter("description"))
api_method("setMyShortDescription")(_profile_setter("short_description"))
api_method("getMyShortDescription")(_profile_getter("short_description"))
