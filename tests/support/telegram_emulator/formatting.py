"""Text formatting as Telegram does it: parse_mode HTML / MarkdownV2 / Markdown into plain text plus
MessageEntity dicts, automatic detection of commands, mentions, hashtags, URLs and e-mails, and
lengths and offsets in UTF-16 code units (the unit of the Bot API).

Error texts follow Telegram's ("Unsupported start tag "x" at byte offset N", "Character '.' is
reserved and must be escaped with the preceding '\\'", ...); the caller prefixes them with
"Bad Request: can't parse entities: ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "a": "text_link",
}
_HTML_SPACES = " \t\r\n"
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
    }
)


class EntityParseError(Exception):
    """The text could not be parsed in the given parse_mode; the message is Telegram's detail."""


def utf16_len(text: str) -> int:
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _char_u16(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The substring at a UTF-16 offset/length, as entities address it."""
    data = text.encode("utf-16-le", "surrogatepass")
    return data[offset * 2 : (offset + length) * 2].decode("utf-16-le", "replace")


def normalize_url(url: str) -> str | None:
    """Telegram's normalisation of link URLs: scheme added, empty path becomes "/"; junk is dropped."""
    url = url.strip()
    if not url:
        return None
    if url.startswith("tg://"):
        return url
    if "://" not in url:
        if not re.match(r"^[\w.-]+\.[a-zA-Z]{2,}(:\d+)?([/?#].*)?$", url):
            return None
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "ftp", "tonsite") or not parts.netloc:
        return None
    if not parts.path:
        url = f"{parts.scheme}://{parts.netloc}/" + (f"?{parts.query}" if parts.query else "")
        if parts.fragment:
            url += f"#{parts.fragment}"
    return url


def _link_entity(offset: int, length: int, url: str) -> dict[str, Any] | None:
    match = re.match(r"^tg://user\?id=(\d+)$", url.strip())
    if match:
        user_id = int(match.group(1))
        return {
            "type": "text_mention",
            "offset": offset,
            "length": length,
            "user": {"id": user_id, "is_bot": False, "first_name": "User"},
        }
    normalized = normalize_url(url)
    if normalized is None:
        return None
    return {"type": "text_link", "offset": offset, "length": length, "url": normalized}


# --------------------------------------------------------------------------------------------- HTML


@dataclass
class _OpenTag:
    name: str
    begin: int  # char index of '<' in the source
    u16: int  # UTF-16 offset of the content start
    out_index: int  # index in the output char list
    attrs: dict[str, str]


def _decode_html_entity(text: str, i: int) -> tuple[str | None, int]:
    """Decode the HTML entity at ``text[i] == '&'`` like Telegram: &lt; &gt; &amp; &quot; (the ';'
    may be missing) and numeric ones; anything else is not an entity."""
    n = len(text)
    j = i + 1
    if j < n and text[j] == "#":
        j += 1
        hexadecimal = j < n and text[j] in "xX"
        if hexadecimal:
            j += 1
        start = j
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while j < n and text[j] in digits:
            j += 1
        if j == start:
            return None, i
        code = int(text[start:j], 16 if hexadecimal else 10)
        if code == 0 or code > 0x10FFFF:
            return None, i
        if j < n and text[j] == ";":
            j += 1
        return chr(code), j
    start = j
    while j < n and text[j].isascii() and text[j].isalpha():
        j += 1
    name = text[start:j]
    if name not in _NAMED_ENTITIES:
        return None, i
    if j < n and text[j] == ";":
        j += 1
    return _NAMED_ENTITIES[name], j


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML. Raises EntityParseError with Telegram's detail text.

    ``strict_ampersand``: Telegram itself keeps a '&' that starts no known entity as a literal
    character; the emulator refuses it by default so that unescaped user text is caught in tests.
    """
    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_OpenTag] = []
    n = len(text)
    i = 0

    def err(detail: str) -> EntityParseError:
        return EntityParseError(detail)

    while i < n:
        ch = text[i]
        if ch == "&":
            decoded, nxt = _decode_html_entity(text, i)
            if decoded is not None:
                out.append(decoded)
                u16 += _char_u16(decoded)
                i = nxt
                continue
            if strict_ampersand:
                raise err(
                    f"Character '&' must be escaped as &amp; at byte offset {_byte_offset(text, i)}"
                    " (the emulator is stricter than Telegram here)"
                )
            out.append(ch)
            u16 += 1
            i += 1
            continue
        if ch != "<":
            out.append(ch)
            u16 += _char_u16(ch)
            i += 1
            continue

        begin = i
        begin_bytes = _byte_offset(text, begin)
        i += 1
        if i < n and text[i] != "/":
            # ---- a start tag
            while i < n and text[i] not in _HTML_SPACES and text[i] != ">":
                i += 1
            if i >= n:
                raise err(f"Unclosed start tag at byte offset {begin_bytes}")
            tag = text[begin + 1 : i].lower()
            if tag not in HTML_TAGS:
                raise err(f'Unsupported start tag "{tag}" at byte offset {begin_bytes}')
            attrs: dict[str, str] = {}
            while i < n and text[i] != ">":
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if i < n and text[i] == ">":
                    break
                attr_begin = i
                while i < n and text[i] not in _HTML_SPACES and text[i] not in "=>":
                    i += 1
                attr_name = text[attr_begin:i].lower()
                if not attr_name:
                    raise err(f'Empty attribute name in the tag "{tag}" at byte offset {begin_bytes}')
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if tag == "blockquote" and attr_name == "expandable" and (i >= n or text[i] != "="):
                    attrs["expandable"] = ""  # <blockquote expandable> takes no value
                    continue
                if i >= n or text[i] != "=":
                    raise err(
                        f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                        f"at byte offset {begin_bytes}"
                    )
                i += 1
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if i >= n:
                    raise err(f'Unclosed start tag "{tag}" at byte offset {begin_bytes}')
                if text[i] in "'\"":
                    quote = text[i]
                    end = text.find(quote, i + 1)
                    if end < 0:
                        raise err(f"Unclosed start tag at byte offset {begin_bytes}")
                    raw_value = text[i + 1 : end]
                    i = end + 1
                else:
                    token_begin = i
                    while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                        i += 1
                    if i >= n or (text[i] not in _HTML_SPACES and text[i] != ">"):
                        raise err(f"Unexpected end of name token at byte offset {_byte_offset(text, token_begin)}")
                    raw_value = text[token_begin:i]
                attrs[attr_name] = _decode_attribute(raw_value)
            if i >= n:
                raise err(f"Unclosed start tag at byte offset {begin_bytes}")
            i += 1  # '>'
            if tag == "span" and attrs.get("class") != "tg-spoiler":
                raise err(f'Tag "span" must have class "tg-spoiler" at byte offset {begin_bytes}')
            if tag == "tg-emoji" and not re.fullmatch(r"\d+", attrs.get("emoji-id", "")):
                raise err("Invalid custom emoji identifier specified")
            stack.append(_OpenTag(tag, begin, u16, len(out), attrs))
            continue

        # ---- an end tag "</...>"
        i += 1
        name_begin = i
        while i < n and text[i] != ">":
            i += 1
        if not stack:
            raise err(f"Unexpected end tag at byte offset {begin_bytes}")
        if i >= n:
            raise err(f"Unclosed end tag at byte offset {begin_bytes}")
        end_tag = text[name_begin:i].rstrip(_HTML_SPACES).lower()
        i += 1
        top = stack[-1]
        if end_tag and end_tag != top.name:
            raise err(f'Unmatched end tag at byte offset {begin_bytes}, expected "</{top.name}>", found "</{end_tag}>"')
        stack.pop()
        _close_html_tag(top, u16, "".join(out[top.out_index :]), entities)

    if stack:
        raise err(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return "".join(out), _finish_entities(entities)


def _decode_attribute(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            decoded, nxt = _decode_html_entity(value, i)
            if decoded is not None:
                out.append(decoded)
                i = nxt
                continue
        out.append(value[i])
        i += 1
    return "".join(out)


def _close_html_tag(tag: _OpenTag, u16_end: int, content: str, entities: list[dict[str, Any]]) -> None:
    length = u16_end - tag.u16
    if length <= 0:
        return
    kind = _HTML_TAG_TYPES[tag.name]
    entity: dict[str, Any] | None
    if kind == "text_link":
        href = tag.attrs.get("href")
        entity = _link_entity(tag.u16, length, href if href is not None else content)
        if entity is None:
            return
    elif kind == "code":
        entity = {"type": "code", "offset": tag.u16, "length": length}
        language = tag.attrs.get("class", "")
        if language.startswith("language-") and len(language) > len("language-"):
            entity["language"] = language[len("language-") :]
    elif kind == "pre":
        entity = {"type": "pre", "offset": tag.u16, "length": length}
        # <pre><code class="language-x">...</code></pre> is one pre entity with a language
        for inner in list(entities):
            if inner["type"] == "code" and inner["offset"] == tag.u16 and inner["length"] == length:
                if "language" in inner:
                    entity["language"] = inner["language"]
                entities.remove(inner)
    elif kind == "blockquote":
        entity = {
            "type": "expandable_blockquote" if "expandable" in tag.attrs else "blockquote",
            "offset": tag.u16,
            "length": length,
        }
    elif kind == "custom_emoji":
        entity = {
            "type": "custom_emoji",
            "offset": tag.u16,
            "length": length,
            "custom_emoji_id": tag.attrs["emoji-id"],
        }
    else:
        entity = {"type": kind, "offset": tag.u16, "length": length}
    entities.append(entity)


def _finish_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # code entities inside pre are dropped (Telegram does not allow them to nest)
    pres = [e for e in entities if e["type"] == "pre"]
    kept = [
        e
        for e in entities
        if not (
            e["type"] == "code"
            and any(p["offset"] <= e["offset"] and e["offset"] + e["length"] <= p["offset"] + p["length"] for p in pres)
        )
    ]
    return sort_entities(kept)


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


# ---------------------------------------------------------------------------------------- MarkdownV2

_MD2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "pre_code": "PreCode",
    "text_url": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


@dataclass
class _MdFrame:
    kind: str
    u16: int
    begin_bytes: int
    out_index: int
    language: str = ""


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    stack: list[_MdFrame] = []
    quote: dict[str, Any] | None = None  # the open blockquote
    n = len(text)
    i = 0

    def at(k: int) -> str:
        return text[k] if 0 <= k < n else ""

    def emit(ch: str) -> None:
        nonlocal u16
        out.append(ch)
        u16 += _char_u16(ch)

    def close_quote() -> None:
        nonlocal quote
        if quote is None:
            return
        end = u16
        if out and out[-1] == "\n" and end > quote["u16"]:
            end -= 1
        if end > quote["u16"]:
            entities.append(
                {
                    "type": "expandable_blockquote" if quote["expandable"] else "blockquote",
                    "offset": quote["u16"],
                    "length": end - quote["u16"],
                }
            )
        quote = None

    while i < n:
        ch = text[i]
        in_code = bool(stack) and stack[-1].kind in ("code", "pre", "pre_code")
        line_start = i == 0 or text[i - 1] == "\n"

        if ch == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            emit(text[i + 1])
            i += 2
            continue
        if not in_code and line_start:
            if ch == ">" or text.startswith("**>", i):
                expandable = text.startswith("**>", i)
                if quote is None:
                    quote = {"u16": u16, "expandable": expandable}
                elif expandable:
                    quote["expandable"] = True
                i += 3 if expandable else 1
                continue
            if quote is not None:
                close_quote()
        if ch == "\n" and quote is not None and not in_code and at(i + 1) != ">" and not text.startswith("**>", i + 1):
            close_quote()
        if in_code and ch != "`":
            emit(ch)
            i += 1
            continue
        if ch not in MD2_RESERVED:
            emit(ch)
            i += 1
            continue
        if (
            quote is not None
            and ch == "|"
            and at(i + 1) == "|"
            and (i + 2 >= n or text[i + 2] == "\n")
            and not any(f.kind == "spoiler" for f in stack)
        ):
            quote["expandable"] = True
            i += 2
            continue

        is_end = False
        if stack:
            kind = stack[-1].kind
            if kind == "bold":
                is_end = ch == "*"
            elif kind == "italic":
                is_end = ch == "_" and at(i + 1) != "_"
            elif kind == "underline":
                is_end = ch == "_" and at(i + 1) == "_"
            elif kind == "strikethrough":
                is_end = ch == "~"
            elif kind == "spoiler":
                is_end = ch == "|" and at(i + 1) == "|"
            elif kind == "code":
                is_end = ch == "`"
            elif kind in ("pre", "pre_code"):
                is_end = text.startswith("```", i)
            elif kind in ("text_url", "custom_emoji"):
                is_end = ch == "]"
            if kind == "italic" and ch == "_" and at(i + 1) == "_" and at(i + 2) != "_":
                # "__" inside italic opens underline unless underline is what closes here
                is_end = False

        if not is_end:
            begin_bytes = _byte_offset(text, i)
            if ch == "_":
                if at(i + 1) == "_":
                    kind, step = "underline", 2
                else:
                    kind, step = "italic", 1
            elif ch == "*":
                kind, step = "bold", 1
            elif ch == "~":
                kind, step = "strikethrough", 1
            elif ch == "|" and at(i + 1) == "|":
                kind, step = "spoiler", 2
            elif ch == "[":
                kind, step = "text_url", 1
            elif ch == "!" and at(i + 1) == "[":
                kind, step = "custom_emoji", 2
            elif ch == "`":
                if text.startswith("```", i):
                    i += 3
                    lang_begin = i
                    while i < n and text[i] not in " \t\r\n`":
                        i += 1
                    language = text[lang_begin:i]
                    if language and i < n and text[i] in " \t\r\n":
                        frame = _MdFrame("pre_code", u16, begin_bytes, len(out), language)
                        if text[i] in "\r\n":
                            i += 2 if text[i : i + 2] in ("\r\n", "\n\r") else 1
                    else:
                        i = lang_begin
                        if at(i) in "\r\n" and at(i):
                            i += 2 if text[i : i + 2] in ("\r\n", "\n\r") else 1
                        frame = _MdFrame("pre", u16, begin_bytes, len(out))
                        frame.u16 = u16
                    stack.append(frame)
                    continue
                kind, step = "code", 1
            else:
                raise EntityParseError(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")
            stack.append(_MdFrame(kind, u16, begin_bytes, len(out)))
            i += step
            continue

        frame = stack.pop()
        length = u16 - frame.u16
        if frame.kind in ("text_url", "custom_emoji"):
            i += 1  # ']'
            url = None
            if at(i) == "(":
                url_begin = i + 1
                j = url_begin
                chars: list[str] = []
                while j < n and text[j] != ")":
                    if text[j] == "\\" and j + 1 < n and 0 < ord(text[j + 1]) <= 126:
                        chars.append(text[j + 1])
                        j += 2
                        continue
                    chars.append(text[j])
                    j += 1
                if j >= n:
                    raise EntityParseError(f"Can't find end of a URL at byte offset {_byte_offset(text, url_begin)}")
                url = "".join(chars)
                i = j + 1
            if frame.kind == "custom_emoji":
                match = re.fullmatch(r"tg://emoji\?id=(\d+)", url or "")
                if not match:
                    raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                if length > 0:
                    entities.append(
                        {
                            "type": "custom_emoji",
                            "offset": frame.u16,
                            "length": length,
                            "custom_emoji_id": match.group(1),
                        }
                    )
                continue
            content = "".join(out[frame.out_index :])
            if length > 0:
                entity = _link_entity(frame.u16, length, url if url is not None else content)
                if entity is not None:
                    entities.append(entity)
            continue
        if frame.kind in ("pre", "pre_code"):
            i += 3
            if length > 0:
                entity = {"type": "pre", "offset": frame.u16, "length": length}
                if frame.kind == "pre_code":
                    entity["language"] = frame.language
                entities.append(entity)
            continue
        step = 2 if frame.kind in ("underline", "spoiler") else 1
        i += step
        if length > 0:
            entities.append({"type": frame.kind, "offset": frame.u16, "length": length})

    if stack:
        frame = stack[-1]
        raise EntityParseError(f"Can't find end of {_MD2_NAMES[frame.kind]} entity at byte offset {frame.begin_bytes}")
    close_quote()
    return "".join(out), _finish_entities(entities)


# ------------------------------------------------------------------------------- Markdown (legacy)


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The legacy "Markdown" parse mode: *bold* _italic_ `code` ```pre``` [text](url)."""
    out: list[str] = []
    u16 = 0
    entities: list[dict[str, Any]] = []
    n = len(text)
    i = 0

    def emit(s: str) -> None:
        nonlocal u16
        for c in s:
            out.append(c)
            u16 += _char_u16(c)

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            emit(text[i + 1])
            i += 2
            continue
        if ch not in "_*`[":
            emit(ch)
            i += 1
            continue
        begin_bytes = _byte_offset(text, i)
        start_u16 = u16
        if ch == "[":
            close = text.find("]", i + 1)
            if close < 0 or not text.startswith("(", close + 1):
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin_bytes}")
            url_end = text.find(")", close + 2)
            if url_end < 0:
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin_bytes}")
            label = text[i + 1 : close]
            emit(label)
            entity = _link_entity(start_u16, u16 - start_u16, text[close + 2 : url_end])
            if entity is not None and entity["length"] > 0:
                entities.append(entity)
            i = url_end + 1
            continue
        if text.startswith("```", i):
            close = text.find("```", i + 3)
            if close < 0:
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin_bytes}")
            body = text[i + 3 : close]
            language = ""
            if "\n" in body:
                first, rest = body.split("\n", 1)
                if first and " " not in first:
                    language, body = first, rest
                elif not first:
                    body = rest
            emit(body)
            if u16 > start_u16:
                entity = {"type": "pre", "offset": start_u16, "length": u16 - start_u16}
                if language:
                    entity["language"] = language
                entities.append(entity)
            i = close + 3
            continue
        close = text.find(ch, i + 1)
        if close < 0:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin_bytes}")
        emit(text[i + 1 : close])
        if u16 > start_u16:
            kind = {"*": "bold", "_": "italic", "`": "code"}[ch]
            entities.append({"type": kind, "offset": start_u16, "length": u16 - start_u16})
        i = close + 1
    return "".join(out), sort_entities(entities)


# ----------------------------------------------------------------------------- automatic entities

_AUTO_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")),
    ("email", re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    (
        "url",
        re.compile(
            r"(?<![\w@/.])(?:(?:https?|ftp)://[^\s<>\"]+|www\.[^\s<>\"]+|"
            r"(?:[A-Za-z0-9-]+\.)+(?:com|org|net|io|me|dev|app|info|ru|de|dk|uk|co|eu|gov|edu|tv|ly)"
            r"(?::\d+)?(?:/[^\s<>\"]*)?)(?<![.,;:!?)\]'])"
        ),
    ),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("cashtag", re.compile(r"(?<![\w$])\$[A-Z]{3,8}\b")),
]
_NO_AUTO_INSIDE = frozenset({"code", "pre", "text_link", "text_mention", "url", "email", "custom_emoji"})


def detect_entities(text: str, existing: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Entities Telegram finds by itself: bot commands, mentions, hashtags, cashtags, URLs, e-mails."""
    existing = existing or []
    # UTF-16 offset of every char index
    offsets = [0] * (len(text) + 1)
    for idx, ch in enumerate(text):
        offsets[idx + 1] = offsets[idx] + _char_u16(ch)
    taken: list[tuple[int, int]] = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e.get("type") in _NO_AUTO_INSIDE
    ]
    found: list[dict[str, Any]] = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            start, end = offsets[match.start()], offsets[match.end()]
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            found.append({"type": kind, "offset": start, "length": end - start})
    return sort_entities(found)


def validate_entities(raw: Any, text: str) -> list[dict[str, Any]]:
    """Explicit ``entities`` of a request: kept when well-formed and inside the text."""
    if not isinstance(raw, list):
        return []
    total = utf16_len(text)
    kept: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict) or item.get("type") not in ENTITY_TYPES:
            continue
        try:
            offset, length = int(item["offset"]), int(item["length"])
        except (KeyError, TypeError, ValueError):
            continue
        if offset < 0 or length <= 0 or offset + length > total:
            continue
        entity = {k: v for k, v in item.items() if v is not None}
        entity["offset"], entity["length"] = offset, length
        kept.append(entity)
    return sort_entities(kept)


def parse_text(text: str, parse_mode: str | None, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities for a parse_mode (None / "" = plain). Raises EntityParseError."""
    mode = (parse_mode or "").strip().lower()
    if not mode:
        return text, []
    if mode == "html":
        return parse_html(text, strict_ampersand=strict_ampersand)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise ValueError(f"unsupported parse_mode {parse_mode!r}")


def merge_entities(explicit: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    return sort_entities(explicit + detect_entities(text, explicit))
