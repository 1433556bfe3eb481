"""Running the multi-turn conversations of ``tests/conversations/*.yml`` through the terminal chat's engine and
renderer (what ``sanad chat`` prints through a pipe), and checking each turn's expectations.

A conversation is ``{id, style, brief, turns: [{say: TEXT | press: REGEX, expect: {...}}]}``. Expectations (all
must hold): ``answer`` (the reply opens with the answer page of one of these topics: its title in the first six
lines), ``offers`` (a button leads to one of these topics), ``helped`` (answer or offers), ``not_answer``,
``emergency`` (the emergency message, with 112), ``adviser`` (a button offers an adviser), ``contains`` /
``not_contains`` (regular expressions on the text without direction marks), ``button`` (a button's text matches),
``any`` (a list of expectations, one of which holds).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.console.chat import SEPARATOR, ConsoleChat
from bot.content.model import Content
from bot.text.bidi import strip_isolates

_BUTTON = re.compile(r"^\s+\[(\d+)\] (.*)$")
_ADVISER = re.compile("مستشار|adviser", re.IGNORECASE)
_EMERGENCY = re.compile("112")


@dataclass
class TurnResult:
    said: str
    text: str
    buttons: list[str]
    failures: list[str] = field(default_factory=list)


def load(folder: Path) -> list[dict[str, Any]]:
    """Every conversation of every ``*.yml`` file in ``folder``, in file order."""
    conversations: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yml")):
        conversations += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return conversations


async def run(chat: ConsoleChat, out: io.StringIO, conversation: dict[str, Any], content: Content) -> list[TurnResult]:
    """Say or press each turn in ``chat`` (writing to ``out``) and check its expectations."""
    results: list[TurnResult] = []
    buttons: list[str] = []
    for turn in conversation["turns"]:
        if "press" in turn:
            number = next((i + 1 for i, b in enumerate(buttons) if re.search(turn["press"], b)), None)
            if number is None:
                results.append(TurnResult(f"press {turn['press']}", "", buttons, ["no such button"]))
                break
            line = str(number)
        else:
            line = str(turn["say"]).replace("\n", " ")
        start = out.tell()
        await chat.say(line)
        printed = out.getvalue()[start:]
        body = [row for row in printed.splitlines()[1:] if row != SEPARATOR]
        buttons = [m.group(2) for row in body if (m := _BUTTON.match(row))]
        text = strip_isolates("\n".join(row for row in body if not _BUTTON.match(row)))
        result = TurnResult(line, text, buttons)
        result.failures = failures(turn.get("expect") or {}, text, buttons, content)
        results.append(result)
    return results


def failures(expect: dict[str, Any], text: str, buttons: list[str], content: Content) -> list[str]:
    """What of ``expect`` does not hold for a turn's ``text`` and ``buttons``; empty when all holds."""
    opening = "\n".join(text.splitlines()[:6])

    def names(topic: str) -> list[tuple[str, str]]:
        found = content.topics.get(topic)
        return [(p.title, p.short_title) for p in found.pages.values()] if found else []

    def answered(topic: str) -> bool:
        return any(title in opening for title, _short in names(topic))

    def offered(topic: str) -> bool:
        return any(b in (title, short) or short in b for title, short in names(topic) for b in buttons)

    def holds(key: str, value: Any) -> bool | None:
        wanted = value if isinstance(value, list) else [value]
        if key == "any":
            return any(not failures(e, text, buttons, content) for e in wanted)
        if key in ("answer", "offers", "helped", "not_answer"):
            hits = [(answered(t), offered(t)) for t in wanted]
            return {
                "answer": any(a for a, _o in hits),
                "offers": any(o for _a, o in hits),
                "helped": any(a or o for a, o in hits),
                "not_answer": not any(a for a, _o in hits),
            }[key]
        if key == "emergency":
            return bool(_EMERGENCY.search(text)) == bool(value)
        if key == "adviser":
            return any(_ADVISER.search(b) for b in buttons) == bool(value)
        if key in ("contains", "not_contains"):
            return (re.search(str(value), text) is not None) == (key == "contains")
        if key == "button":
            return any(re.search(str(value), b) for b in buttons)
        return None

    failed: list[str] = []
    for key, value in expect.items():
        verdict = holds(key, value)
        if verdict is None:
            failed.append(f"unknown expectation {key}")
        elif not verdict:
            failed.append(f"{key}: {value}")
    return failed
