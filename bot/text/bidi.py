"""Keeping numbers, dates and Latin words in the right order inside right-to-left text.

In an Arabic message a phone number such as ``+45 33 73 50 00``, a date such as ``3/11/2026`` or a Danish word
followed by punctuation can be displayed scrambled, because the Unicode bidirectional algorithm reorders the
neutral characters around them. Wrapping each left-to-right run in a LEFT-TO-RIGHT ISOLATE (U+2066) ... POP
DIRECTIONAL ISOLATE (U+2069) keeps it together without affecting the surrounding text.
"""

from __future__ import annotations

import re

LRI = "\u2066"
PDI = "\u2069"
ISOLATES = (LRI, "\u2067", "\u2068", PDI)

# A run that starts and ends with a Latin letter or ASCII digit and may contain the characters that
# join such runs (spaces, + - / . : , § ( ) and Danish letters).
_LTR_RUN = re.compile(r"\(?[A-Za-z0-9+§][A-Za-z0-9æøåÆØÅéü§+\-/.:,()' ]*[A-Za-z0-9æøåÆØÅ)]|[A-Za-z0-9]")
_TAG = re.compile(r"(<[^>]*>)")


def _balanced(run: str) -> tuple[str, str, str]:
    """Split a run into (outside before, inside, outside after) so that the isolate holds balanced brackets."""
    before = after = ""
    if run.startswith("(") and run.count("(") > run.count(")"):
        before, run = "(", run[1:]
    while run.endswith(")") and run.count(")") > run.count("("):
        run, after = run[:-1], ")" + after
    return before, run, after


def _wrap(match: re.Match[str]) -> str:
    run = match.group(0)
    trailing = " " if run.endswith(" ") else ""
    before, inside, after = _balanced(run.rstrip())
    return f"{before}{LRI}{inside}{PDI}{after}{trailing}" if inside else run


def isolate_ltr(text: str) -> str:
    """Wrap left-to-right runs of plain text in isolates (text that is already isolated is left alone)."""
    if LRI in text:
        return text
    return _LTR_RUN.sub(_wrap, text)


def isolate_ltr_html(html: str) -> str:
    """``isolate_ltr`` on the text between tags of Telegram HTML, leaving tags and entities intact."""
    parts = _TAG.split(html)
    for index, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[index] = _isolate_outside_entities(part)
    return "".join(parts)


def _isolate_outside_entities(text: str) -> str:
    # HTML entities such as &amp; must not be split; they contain no digits or Latin runs we need to wrap
    pieces = re.split(r"(&[a-z]+;|&#\d+;)", text)
    return "".join(p if p.startswith("&") and p.endswith(";") else isolate_ltr(p) for p in pieces)


def strip_isolates(text: str) -> str:
    return text.translate({ord(c): None for c in ISOLATES})
