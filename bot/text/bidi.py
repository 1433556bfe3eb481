"""Keeping numbers, dates and Latin words in the right order inside right-to-left text.

In an Arabic message a phone number such as ``+45 33 73 50 00``, a date such as ``3/11/2026`` or a Danish word
followed by punctuation can be displayed scrambled, because the Unicode bidirectional algorithm reorders the
neutral characters around them. Wrapping each left-to-right run in a LEFT-TO-RIGHT ISOLATE (U+2066) ... POP
DIRECTIONAL ISOLATE (U+2069) keeps it together without affecting the surrounding text.

**The one rule: an isolate never falls inside a token, and never touches a web address.** A web address, an
e-mail address, a ``/command``, an ``@username``, a phone number and (in HTML) a character reference such as
``&amp;`` are tokens: a reader taps or copies them whole, and Telegram recognises a command or an address only
when nothing invisible sits inside it. A run whose edge would fall inside a token is widened to the token's
edges, so each token is either wholly inside one isolate or untouched; a web address, whose end Telegram finds
by the next space (an invisible mark right after it would become part of the link), is left out of the runs
altogether and stays bare. In Telegram HTML a ``<code>`` or ``<pre>`` element is one token too: it is isolated
as a whole, never inside, so that what a reader copies from it is exactly what was written. The same rule serves
the bot's own texts and the advisers' replies (``isolate_ltr_html``).
"""

from __future__ import annotations

import re

LRI = "\u2066"
PDI = "\u2069"
ISOLATES = (LRI, "\u2067", "\u2068", PDI)

# A run that starts and ends with a Latin letter or ASCII digit and may contain the characters that
# join such runs (spaces, + - / . : , § ( ) and Danish letters).
_LTR_RUN = re.compile(r"\(?[A-Za-z0-9+§æøåÆØÅéü][A-Za-z0-9æøåÆØÅéü§+\-/.:,()' ]*[A-Za-z0-9æøåÆØÅ)]|[A-Za-z0-9æøåÆØÅ]")
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"(<(?:code|pre)\b[^>]*>.*?</(?:code|pre)>)", re.DOTALL | re.IGNORECASE)

# What ends a token when it follows it: whitespace, quotes and angle brackets, and the punctuation that closes a
# sentence (a full stop or an Arabic comma after an address is not part of it).
_END = r"(?<![.,;:!?'\"،؛؟)\]])"
# a web address: with a scheme, or starting www.
_URL = re.compile(rf"(?:https?://|www\.)[^\s<>\"']+{_END}")
_TOKENS = tuple(
    re.compile(pattern)
    for pattern in (
        _URL.pattern,
        # an e-mail address
        r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
        # a bot command, /delete or /start@SanadBot, not the middle of a date or a path
        r"(?<![\w/])/[A-Za-z][A-Za-z0-9_]{0,31}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])",
        # an @username
        r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{2,31}",
        # a phone number: +45 33 73 50 00, 33 73 50 00, 0045-3373-5000
        r"(?<![\w+])\+?\d[\d\- ]{5,}\d",
        # an HTML character reference (only met in Telegram HTML)
        r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",
    )
)


def _tokens(text: str) -> list[tuple[int, int]]:
    """The spans of every token in ``text``; tokens that overlap (a phone number running into an e-mail address)
    count as one."""
    spans = sorted(match.span() for pattern in _TOKENS for match in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow the run ``text[start:end]`` so that the isolate holds balanced brackets."""
    run = text[start:end]
    if run.startswith("(") and run.count("(") > run.count(")"):
        start += 1
        run = run[1:]
    while run.endswith(")") and run.count(")") > run.count("("):
        end -= 1
        run = run[:-1]
    return start, end


def _inside(position: int, tokens: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The token that ``position`` (a boundary between two characters) would split, if any."""
    for start, end in tokens:
        if start < position < end:
            return start, end
    return None


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` without the spaces and punctuation at its edges, if a letter or digit is left."""
    while start < end and not (text[start].isalnum() or text[start] in "+§"):
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return [(start, end)] if start < end else []


def _without_urls(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` cut around the web addresses they hold, which stay bare."""
    urls = [match.span() for match in _URL.finditer(text)]
    if not urls:
        return spans
    result: list[tuple[int, int]] = []
    for start, end in spans:
        position = start
        for url_start, url_end in urls:
            if start <= url_start and url_end <= end:
                result += _trimmed(text, position, url_start)
                position = url_end
        result += _trimmed(text, position, end) if position != start else [(start, end)]
    return result


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans to isolate: left-to-right runs, each widened to whole tokens, merged where they meet, and cut
    around web addresses."""
    tokens = _tokens(text)
    spans: list[tuple[int, int]] = []
    for match in _LTR_RUN.finditer(text):
        start, end = _balanced(text, *match.span())
        if _inside(start, tokens) or _inside(end, tokens):  # narrowing must not split a token either
            start, end = match.span()
        if start >= end:
            continue
        while (token := _inside(start, tokens)) is not None:
            start = token[0]
        while (token := _inside(end, tokens)) is not None:
            end = token[1]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return _without_urls(text, spans)


def isolate_ltr(text: str) -> str:
    """Wrap left-to-right runs of plain text in isolates, never inside a token (text that is already isolated is
    left alone). ``strip_isolates`` of the result is ``text``."""
    if LRI in text:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in _runs(text):
        pieces += [text[done:start], LRI, text[start:end], PDI]
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def isolate_ltr_html(html: str) -> str:
    """``isolate_ltr`` on the text between tags of Telegram HTML, leaving tags and character references intact;
    a ``<code>`` or ``<pre>`` element with left-to-right text is isolated as a whole."""
    if LRI in html:
        return html
    pieces = _VERBATIM.split(html)
    for index, piece in enumerate(pieces):
        if _VERBATIM.fullmatch(piece):
            pieces[index] = f"{LRI}{piece}{PDI}" if _LTR_RUN.search(_TAG.sub("", piece)) else piece
            continue
        parts = _TAG.split(piece)
        for at, part in enumerate(parts):
            if part and not part.startswith("<"):
                parts[at] = isolate_ltr(part)
        pieces[index] = "".join(parts)
    return "".join(pieces)


def strip_isolates(text: str) -> str:
    return text.translate({ord(c): None for c in ISOLATES})
