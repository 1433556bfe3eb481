"""Turning the engine's Telegram HTML into terminal text."""

from __future__ import annotations

import html
import re

from bot.core.turn import Reply

_BOLD = re.compile(r"</?b>")
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def to_terminal(markup: str, ansi: bool) -> str:
    """Bold becomes ANSI bold in a terminal; links show their address; other tags are dropped."""
    text = _LINK.sub(lambda m: m.group(2) if m.group(2) == m.group(1) else f"{m.group(2)} ({m.group(1)})", markup)
    text = _BOLD.sub(lambda m: ("\033[1m" if m.group(0) == "<b>" else "\033[0m") if ansi else "", text)
    return html.unescape(_TAG.sub("", text))


def visual_order(text: str) -> str:
    """For terminals without bidirectional support: shape Arabic letters and reorder each line for display."""
    import arabic_reshaper
    from bidi import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def format_reply(reply: Reply, first_number: int, ansi: bool, visual: bool) -> tuple[str, list[str]]:
    """The reply's text with its buttons as numbered choices; returns the text and the button payloads."""
    lines = [to_terminal(reply.text, ansi)]
    payloads = []
    for row in reply.buttons:
        for button in row:
            payloads.append(button.data)
            lines.append(f"  [{first_number + len(payloads) - 1}] {to_terminal(button.label, ansi=False)}")
    text = "\n".join(lines)
    return (visual_order(text) if visual else text), payloads
