"""An engine ``Reply`` as Telegram messages.

- The text is made valid Telegram HTML whatever it contains: Telegram's tags are kept (and closed if left
  open), anything else that looks like markup, such as a person's own ``<`` or ``&``, is escaped and shown
  as written. A message is therefore never refused for its markup.
- A text longer than Telegram's 4,096 characters (counted after the markup, as Telegram counts) is split on
  paragraph boundaries, or else on lines, or else between words; tags open at a split are closed at the end of
  one message and opened again at the start of the next.
- Buttons become an inline keyboard under the last message; a button whose callback data is not valid
  (``bot.engine.callbacks``, at most 64 bytes) is left out, rows are at most 8 buttons, a keyboard 100.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from bot.core.turn import Button, Reply
from bot.engine import callbacks
from bot.telegram.api import Keyboard

log = logging.getLogger(__name__)

MAX_MESSAGE = 4096  # characters after entity parsing, counted in UTF-16 code units
MAX_CAPTION = 1024  # the same, for the caption of a photo, a document...
MAX_ROW = 8
MAX_BUTTONS = 100

# The tags Telegram's HTML parse mode understands (https://core.telegram.org/bots/api#html-style).
TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "span"}
    | {"tg-spoiler", "tg-emoji"}
)
_ATTRIBUTE = r"""\s+[a-zA-Z][\w-]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?"""
_TOKEN = re.compile(
    rf"<(?P<close>/)?(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:{_ATTRIBUTE})*)\s*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);"  # the only named entities Telegram knows
    r"|[\s\S]"
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


class _Kind(Enum):
    TEXT = "text"
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True)
class _Atom:
    """One character of visible text (as valid HTML), or one tag."""

    kind: _Kind
    raw: str  # as it goes into the message
    visible: str = ""  # the text Telegram shows for it
    name: str = ""  # tag name

    @property
    def units(self) -> int:
        return len(self.visible.encode("utf-16-le")) // 2

    @property
    def blank(self) -> bool:
        return self.kind is _Kind.TEXT and self.visible.isspace()


def _atoms(text: str) -> list[_Atom]:
    """``text`` as atoms of valid Telegram HTML: unknown tags and stray ``<``, ``>`` and ``&`` become text, a
    closing tag closes whatever was opened inside it, and tags left open are closed at the end."""
    atoms: list[_Atom] = []
    stack: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        name = (match.group("name") or "").lower()
        if name in TAGS and not match.group("close"):
            stack.append(name)
            atoms.append(_Atom(_Kind.OPEN, token, name=name))
            continue
        if name in TAGS and not match.group("attrs") and name in stack:
            while stack:
                inner = stack.pop()
                atoms.append(_Atom(_Kind.CLOSE, f"</{inner}>", name=inner))
                if inner == name:
                    break
            continue
        if token.startswith("&") and len(token) > 1:
            atoms.append(_Atom(_Kind.TEXT, token, html.unescape(token)))
            continue
        for char in token:  # a lone character, or a tag Telegram would refuse: shown as written
            atoms.append(_Atom(_Kind.TEXT, html.escape(char, quote=False), char))
    atoms.extend(_Atom(_Kind.CLOSE, f"</{name}>", name=name) for name in reversed(stack))
    return atoms


def sanitize_html(text: str) -> str:
    """``text`` as valid Telegram HTML (see ``_atoms``)."""
    return "".join(atom.raw for atom in _atoms(text))


def plain_text(text: str) -> str:
    """What the HTML ``text`` shows, without markup; a link keeps its address after its text."""
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for atom in _atoms(text):
        if atom.kind is _Kind.TEXT:
            out.append(atom.visible)
        elif atom.kind is _Kind.OPEN and atom.name == "a":
            found = _HREF.search(atom.raw)
            href = html.unescape(next((g for g in found.groups() if g is not None), "")) if found else ""
            links.append((href, len(out)))
        elif atom.kind is _Kind.CLOSE and atom.name == "a" and links:
            href, begin = links.pop()
            if href and href != "".join(out[begin:]).strip():
                out.append(f" ({href})")
    return "".join(out)


def fits_caption(text_html: str) -> bool:
    """Whether the HTML ``text_html`` fits in the caption of a photo, a document... (``MAX_CAPTION``)."""
    return len(plain_text(text_html).encode("utf-16-le")) // 2 <= MAX_CAPTION


def _rank(atoms: list[_Atom], index: int) -> int:
    """How good a place to split is just before ``atoms[index]``: 3 a paragraph, 2 a line, 1 a word, 0 not."""
    atom = atoms[index]
    if not atom.blank:
        return 0
    if atom.visible != "\n":
        return 1
    following = next((a for a in atoms[index + 1 :] if a.kind is _Kind.TEXT), None)
    return 3 if following is not None and following.visible == "\n" else 2


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Valid Telegram HTML messages of at most ``limit`` visible characters, split as late as possible at
    the best kind of boundary available (paragraph, line, word, anywhere). Blank parts are dropped."""
    if limit < 2:
        raise ValueError("a message must hold at least one character of any kind (2 UTF-16 units)")
    atoms = _atoms(text)
    chunks: list[str] = []
    start = 0
    open_tags: list[_Atom] = []  # the tags in effect at ``start``
    while start < len(atoms):
        stack = list(open_tags)
        units = 0
        best: dict[int, tuple[int, list[_Atom]]] = {}  # rank -> (split index, tags open there)
        end = len(atoms)
        seen_text = False
        for index in range(start, len(atoms)):
            atom = atoms[index]
            if atom.kind is _Kind.TEXT:
                if units + atom.units > limit:
                    best.setdefault(0, (index, list(stack)))
                    end = index
                    break
                rank = _rank(atoms, index)
                if rank and seen_text:
                    best[rank] = (index, list(stack))
                seen_text = seen_text or not atom.blank
                units += atom.units
            elif atom.kind is _Kind.OPEN:
                stack.append(atom)
            else:
                stack.pop()
        if end == len(atoms):
            cut, closing = end, stack
        else:
            cut, closing = best[max(best)]
        body = atoms[start:cut]
        if any(a.kind is _Kind.TEXT and not a.blank for a in body):
            chunks.append(
                "".join(a.raw for a in open_tags)
                + "".join(a.raw for a in body)
                + "".join(f"</{a.name}>" for a in reversed(closing))
            )
        start, open_tags = cut, closing
        while start < len(atoms) and atoms[start].blank:
            start += 1
    return chunks


def keyboard(rows: Sequence[Sequence[Button]]) -> Keyboard:
    """The engine's button rows as an inline keyboard Telegram accepts."""
    out: list[tuple[Button, ...]] = []
    total = 0
    for row in rows:
        valid = [b for b in row if b.label.strip() and callbacks.parse(b.data) is not None]
        if len(valid) < len(row):
            log.error("Left out %d button(s) with invalid callback data", len(row) - len(valid))
        for begin in range(0, len(valid), MAX_ROW):
            part = tuple(valid[begin : begin + MAX_ROW][: MAX_BUTTONS - total])
            if part:
                out.append(part)
                total += len(part)
    return tuple(out)


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message: HTML text and the inline keyboard under it."""

    html: str
    keyboard: Keyboard = ()

    @property
    def plain(self) -> str:
        return plain_text(self.html)


def render(reply: Reply, limit: int = MAX_MESSAGE) -> list[Outgoing]:
    """The messages that show ``reply``: its text split to fit, its buttons under the last one."""
    parts = split_html(reply.text, limit)
    buttons = keyboard(reply.buttons)
    if not parts:
        if not buttons:
            return []
        parts = ["\u2b07\ufe0f"]  # buttons need a message to hang from
    return [Outgoing(part) for part in parts[:-1]] + [Outgoing(parts[-1], buttons)]
