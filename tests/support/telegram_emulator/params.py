"""Request parameters: read from the query string, a JSON body, a urlencoded or a multipart form.

Telegram accepts the same parameters in all four ways; form values arrive as strings (numbers as
"123", booleans as "true", objects as JSON text), JSON bodies carry typed values. ``Params`` gives
the method handlers one typed view over both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .errors import bad_request

# Parameters whose values are JSON objects or arrays (sent as JSON text inside forms).
JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "allowed_updates",
        "commands",
        "scope",
        "menu_button",
        "reply_parameters",
        "link_preview_options",
        "media",
        "message_ids",
        "permissions",
        "results",
        "reaction",
    }
)
INT_PARAMS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "user_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "max_connections",
        "icon_color",
        "cache_time",
        "duration",
        "width",
        "height",
        "until_date",
    }
)
BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "drop_pending_updates",
        "show_alert",
        "has_spoiler",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "show_caption_above_media",
        "only_if_banned",
        "revoke_messages",
    }
)
_INT_RE = re.compile(r"^-?\d+$")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


@dataclass
class InputFilePart:
    """A file uploaded in a multipart form."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    def describe(self) -> dict[str, Any]:
        return {"filename": self.filename, "size": len(self.data), "content_type": self.content_type}


class Params:
    """Typed access to the parameters of one API call."""

    def __init__(self, values: dict[str, Any] | None = None, files: dict[str, InputFilePart] | None = None):
        self.values: dict[str, Any] = dict(values or {})
        self.files: dict[str, InputFilePart] = dict(files or {})

    def has(self, name: str) -> bool:
        value = self.values.get(name)
        return (value is not None and value != "") or name in self.files

    def raw(self, name: str) -> Any:
        return self.values.get(name)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        return json.dumps(value)

    def integer(self, name: str, default: int | None = None, *, required: bool = False) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.match(value.strip()):
            return int(value.strip())
        raise bad_request(f"invalid {name} specified")

    def number(self, name: str, default: float | None = None) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return default

    def json(self, name: str, error: str | None = None) -> Any:
        """A JSON parameter: already decoded in JSON bodies, JSON text in forms."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(error or f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id", *, required: bool = True) -> int | str | None:
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if _INT_RE.match(text):
            return int(text)
        return text  # "@username"

    def file(self, name: str) -> InputFilePart | str | None:
        """A file parameter: an uploaded part, an ``attach://`` reference, a file_id or a URL."""
        if name in self.files:
            return self.files[name]
        value = self.values.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.startswith("attach://"):
            part = self.files.get(value[len("attach://") :])
            return part
        return str(value)

    def logged(self) -> dict[str, Any]:
        """The parameters as the call log shows them: numbers, booleans and JSON decoded."""
        out: dict[str, Any] = {}
        for key, value in self.values.items():
            out[key] = normalize_value(key, value)
        for key, part in self.files.items():
            out.setdefault(key, {"file": part.describe()})
        return out


def normalize_value(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if key in INT_PARAMS and _INT_RE.match(value.strip()):
        return int(value.strip())
    if key in BOOL_PARAMS and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return value
