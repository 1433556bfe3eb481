"""The small Markdown subset volunteers write, checked and rendered to Telegram's HTML.

Allowed: paragraphs, ``## `` headings, ``- `` lists (not nested), ``**bold**``, ``*italic*``,
links to http(s) addresses, and the ``[!review]`` marker placed after a figure that still needs a
lawyer's check. Everything else is reported with the line it is on.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

REVIEW_MARK = "[!review]"
REVIEW_SIGN = "⚠️"

_parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# A link markdown-it refuses (javascript:, data:, ...) stays in the text as written.
_REFUSED_LINK = re.compile(r"\[[^\]]+\]\([^)]*\)")


@dataclass
class Rendered:
    html: str
    headings: list[tuple[int, str]] = field(default_factory=list)  # (line, text)
    intro: str = ""
    review_marks: int = 0
    issues: list[tuple[int, str]] = field(default_factory=list)  # (line, what is not allowed)


_BLOCK_HANDLED = {
    "paragraph_open",
    "paragraph_close",
    "heading_open",
    "heading_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
}
_BLOCK_NAMES = {
    "ordered_list_open": "a numbered list (use `- ` lists)",
    "blockquote_open": "a quotation (`>`)",
    "code_block": "an indented code block",
    "fence": "a code block",
    "hr": "a horizontal line (`---` or `***`)",
    "html_block": "HTML",
    "table_open": "a table",
}


def render(markdown: str, first_line: int = 1) -> Rendered:
    """Render the body of a page. ``first_line`` is the file line the body starts on."""
    out = Rendered(html="")
    parts: list[str] = []
    list_depth = 0
    seen_heading = False
    intro: list[str] = []
    tokens = _parser.parse(markdown)
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type not in _BLOCK_HANDLED:
            if token.nesting != -1:
                out.issues.append((line, _BLOCK_NAMES.get(token.type, token.type)))
            continue
        if token.type == "heading_open":
            if token.tag != "h2":
                out.issues.append((line, f"a level-{token.tag[1]} heading (only `## ` headings are allowed)"))
            text = tokens[index + 1].content.strip()
            out.headings.append((line, text))
            seen_heading = True
        elif token.type == "bullet_list_open":
            list_depth += 1
            if list_depth > 1:
                out.issues.append((line, "a list inside a list"))
        elif token.type == "bullet_list_close":
            list_depth -= 1
        elif token.type == "inline":
            rendered = _inline(token, line, out)
            kind = tokens[index - 1].type
            if kind == "heading_open":
                parts.append(f"<b>{rendered}</b>")
            elif list_depth and kind == "paragraph_open" and tokens[index - 2].type == "list_item_open":
                parts.append(f"• {rendered}")
            else:
                parts.append(rendered)
            if not seen_heading:
                intro.append(token.content)
    out.html = _join_blocks(tokens, parts)
    out.intro = "\n".join(intro).strip()
    return out


def _join_blocks(tokens: list[Token], parts: list[str]) -> str:
    """Blank lines between blocks, single newlines between the items of one list."""
    text = ""
    in_list = False
    count = 0
    for token in tokens:
        if token.type == "bullet_list_open":
            in_list = True
            if text:
                text += "\n\n"
            first_item = True
        elif token.type == "bullet_list_close":
            in_list = False
        elif token.type == "inline":
            part = parts[count]
            count += 1
            if in_list:
                text += ("" if first_item else "\n") + part
                first_item = False
            else:
                text += ("\n\n" if text else "") + part
    return text


def _inline(token: Token, line: int, out: Rendered) -> str:
    pieces: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            if _REFUSED_LINK.search(child.content):
                out.issues.append((line, "a link that is not an https:// address"))
            text = html.escape(child.content, quote=False)
            count = text.count(REVIEW_MARK)
            if count:
                out.review_marks += count
                text = text.replace(" " + REVIEW_MARK, REVIEW_MARK).replace(REVIEW_MARK, f" {REVIEW_SIGN}")
            pieces.append(text)
        elif kind in {"softbreak", "hardbreak"}:
            pieces.append("\n")
        elif kind == "strong_open":
            pieces.append("<b>")
        elif kind == "strong_close":
            pieces.append("</b>")
        elif kind == "em_open":
            pieces.append("<i>")
        elif kind == "em_close":
            pieces.append("</i>")
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            if not href.startswith(("https://", "http://")):
                out.issues.append((line, f"a link to `{href}` (links must start with https://)"))
            pieces.append(f'<a href="{html.escape(href)}">')
        elif kind == "link_close":
            pieces.append("</a>")
        elif kind == "code_inline":
            pieces.append(html.escape(child.content, quote=False))
        elif kind == "html_inline":
            out.issues.append((line, f"HTML (`{child.content}`)"))
        else:
            out.issues.append((line, kind))
    return "".join(pieces)


def visible_length(telegram_html: str) -> int:
    """Length as Telegram counts it: text after entity parsing, in UTF-16 code units."""
    text = html.unescape(re.sub(r"<[^>]+>", "", telegram_html))
    return len(text.encode("utf-16-le")) // 2


_HEADING_LINE = re.compile(r"^## +(.+?)\s*$", re.M)


def sections(markdown: str) -> list[tuple[str, str]]:
    """The body split at its ``## `` headings: ``[(heading, html), ...]``, the opening first under the heading
    ``""``. Each part is rendered alone, so that an answer can be sent as its opening and, on a tap, the rest."""
    parts: list[tuple[str, str]] = []
    starts = [(m.start(), m.end(), m.group(1)) for m in _HEADING_LINE.finditer(markdown)]
    opening_end = starts[0][0] if starts else len(markdown)
    parts.append(("", render(markdown[:opening_end]).html))
    for index, (_start, end, heading) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(markdown)
        parts.append((heading, render(markdown[end:stop]).html))
    return parts
