"""Button payloads: short, validated, and never trusted (a client can send any bytes as callback data)."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
_VALID = re.compile(r"^(t|s|m|a|l|d|dv|dd|x|f|lv):[a-z0-9_\-]{1,56}$")


@dataclass(frozen=True)
class Callback:
    kind: str
    value: str


def make(kind: str, value: str) -> str:
    data = f"{kind}:{value}"
    if not _VALID.match(data) or len(data.encode()) > MAX_BYTES:
        raise ValueError(f"invalid button payload: {data!r}")
    return data


def parse(data: str) -> Callback | None:
    """The payload as a ``Callback``, or None when it is malformed (forged, truncated, from an old version)."""
    if len(data.encode("utf-8", "replace")) > MAX_BYTES or not _VALID.match(data):
        return None
    kind, value = data.split(":", 1)
    return Callback(kind, value)


TOPIC, MENU, ACTION, LANGUAGE, DEADLINE_RULE, DELIVERY, DATE, CONFIRM = "t", "m", "a", "l", "d", "dv", "dd", "x"
SECTION = "s"  # one section of a topic's page after its opening: "<topic>-<n>"
FEEDBACK = "f"  # 👍 / 👎 under an answer: ``f:<topic id>-y`` or ``f:<topic id>-n``
LETTER_DELIVERY = "lv"  # how a letter that the letter reader read came: "<delivery>-<rule>-<yyyymmdd>"
