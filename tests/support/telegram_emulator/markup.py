"""reply_markup: validation of inline keyboards (Telegram's errors, e.g. BUTTON_DATA_INVALID for
callback_data over 64 bytes), reply keyboards, keyboard removal and force_reply."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from . import errors

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
MAX_CALLBACK_DATA_BYTES = 64


@dataclass
class ReplyMarkup:
    kind: str  # inline | keyboard | remove | force_reply
    data: dict[str, Any]

    @property
    def inline(self) -> dict[str, Any] | None:
        return self.data if self.kind == "inline" else None


def _button_error(detail: str) -> errors.ApiError:
    return errors.bad_request(f"can't parse inline keyboard button: {detail}")


def _valid_button_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return parts.scheme == "tg" and bool(parts.netloc or parts.path)


def _inline_button(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    text = raw.get("text")
    if not isinstance(text, str):
        raise _button_error('Field "text" must be of type String')
    if not text.strip():
        raise errors.bad_request(errors.BUTTON_TEXT_INVALID)
    actions = [name for name in INLINE_ACTIONS if raw.get(name) is not None]
    if not actions:
        raise errors.bad_request(errors.TEXT_BUTTONS_UNALLOWED)
    if "callback_data" in actions:
        data = raw["callback_data"]
        if not isinstance(data, str):
            raise _button_error('Field "callback_data" must be of type String')
        if not data or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
            raise errors.bad_request(errors.BUTTON_DATA_INVALID)
    if "url" in actions and (not isinstance(raw["url"], str) or not _valid_button_url(raw["url"])):
        raise errors.bad_request(errors.BUTTON_URL_INVALID)
    return {key: value for key, value in raw.items() if value is not None}


def _keyboard_button(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        return {"text": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise errors.bad_request("can't parse keyboard button: KeyboardButton must be a String or an Object")
    return {key: value for key, value in raw.items() if value is not None}


def parse_reply_markup(raw: Any) -> ReplyMarkup | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise errors.bad_request(errors.REPLY_MARKUP_UNPARSABLE) from None
    if not isinstance(raw, dict):
        raise errors.bad_request(errors.REPLY_MARKUP_UNPARSABLE)
    if "inline_keyboard" in raw:
        rows = raw["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise errors.bad_request(errors.INLINE_KEYBOARD_NOT_ARRAYS)
        keyboard = [[_inline_button(button) for button in row] for row in rows]
        keyboard = [row for row in keyboard if row]
        return ReplyMarkup("inline", {"inline_keyboard": keyboard})
    if "keyboard" in raw:
        rows = raw["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise errors.bad_request('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
        data = {key: value for key, value in raw.items() if value is not None and key != "keyboard"}
        data["keyboard"] = [[_keyboard_button(button) for button in row] for row in rows]
        return ReplyMarkup("keyboard", data)
    if raw.get("remove_keyboard"):
        return ReplyMarkup("remove", {key: value for key, value in raw.items() if value is not None})
    if raw.get("force_reply"):
        return ReplyMarkup("force_reply", {key: value for key, value in raw.items() if value is not None})
    raise errors.bad_request(errors.REPLY_MARKUP_UNPARSABLE)


def inline_buttons(markup: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    if not markup:
        return []
    return [list(row) for row in markup.get("inline_keyboard", [])]
