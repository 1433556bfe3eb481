"""The protection paragraphs of the Aliens Act written the way people write them: ``7/3``, ``٧/٣``, ``7.3``,
``7(3)``, ``§ 7, stk. 3``, ``7 stk 3``. Every Syrian in Denmark knows § 7(3) (temporary protection) by number, so
these are read as the paragraph, never as a date (7 March), except where the deadline calculator has just asked
for a date and nothing else in the answer fits (``bot/engine/flows/deadline.py``).

Source for the paragraphs themselves: udlændingeloven § 7, stk. 1-3 (see content/topics/*/protection_status.md).
"""

from __future__ import annotations

import re

_SEVEN = "[7٧]"
_PART = "([123١٢٣])"
_NO_DIGIT_BEFORE = r"(?<![\d٠-٩])(?<![\d٠-٩][/.])"
_NO_DIGIT_AFTER = r"(?![\d٠-٩])(?![/.\-][\d٠-٩])"
_PARAGRAPH = re.compile(
    _NO_DIGIT_BEFORE
    + r"(?:§\s*)?"
    + _SEVEN
    + r"(?:\s*[/.]\s*|\s*\(\s*|\s*,?\s*stk\.?\s*)"
    + _PART
    + r"\)?"
    + _NO_DIGIT_AFTER,
    re.IGNORECASE,
)
_ARABIC_INDIC = str.maketrans("١٢٣", "123")


def paragraphs(text: str) -> list[str]:
    """The protection paragraphs ``text`` names, in the form the content and the NLU's examples use: ``["7.3"]``."""
    return ["7." + m.group(1).translate(_ARABIC_INDIC) for m in _PARAGRAPH.finditer(text)]


def as_paragraphs(text: str) -> str:
    """``text`` with each way of writing § 7(1)-(3) rewritten as ``7.1``-``7.3`` (what the NLU was trained on)."""
    return _PARAGRAPH.sub(lambda m: "7." + m.group(1).translate(_ARABIC_INDIC), text)


def without_paragraphs(text: str) -> str:
    """``text`` with the paragraph mentions blanked out, so that a date reader does not take ``7/3`` for 7 March."""
    return _PARAGRAPH.sub(lambda m: " " * len(m.group(0)), text)
