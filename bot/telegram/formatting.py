"""The formatting of a received message (its entities) as Telegram HTML, so that what an adviser wrote reaches the
person as written: links (a word linked to an address), bold, italic, underline, strikethrough, spoilers, code,
pre and quotes.

The HTML is made by the framework's own entity unparser (aiogram's ``Message.html_text``, python-telegram-bot's
``Message.text_html`` / ``caption_html``; both escape the text and count offsets in UTF-16 as Telegram does). Then:

- a link to a Telegram account (a ``text_mention``, ``tg://user?id=...``) keeps its words and loses the link,
  and a custom emoji keeps its ordinary emoji: nothing the person receives points at an account;
- a link's address is escaped as an attribute value (the unparsers leave ``&`` bare).
"""

from __future__ import annotations

import html
import re
from typing import Any

_ACCOUNT_LINK = re.compile(r"""<a href="tg://user\?id=\d+">(.*?)</a>""", re.DOTALL)
_CUSTOM_EMOJI = re.compile(r"""<tg-emoji emoji-id="[^"]*">(.*?)</tg-emoji>""", re.DOTALL)
_HREF = re.compile(r'<a href="([^"]*)">')


def _unparsed(message: Any) -> str | None:
    aiogram = getattr(type(message), "html_text", None)
    if aiogram is not None:  # aiogram: text or caption, whichever the message has
        return str(message.html_text)
    if message.text is not None:  # python-telegram-bot
        return str(message.text_html)
    return str(message.caption_html) if getattr(message, "caption", None) is not None else None


def message_html(message: Any) -> str | None:
    """The text (or caption) of ``message``, an aiogram or python-telegram-bot ``Message``, as Telegram HTML with
    its formatting; None when it has neither text nor caption."""
    if message.text is None and getattr(message, "caption", None) is None:
        return None
    text = _unparsed(message)
    if text is None:
        return None
    text = _ACCOUNT_LINK.sub(r"\1", text)
    text = _CUSTOM_EMOJI.sub(r"\1", text)
    return _HREF.sub(lambda m: f'<a href="{html.escape(html.unescape(m.group(1)), quote=True)}">', text)
