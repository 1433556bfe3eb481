"""Removing personal data from a question before it is kept for the volunteers' review.

What is replaced: e-mail addresses, Danish CPR numbers, phone numbers, and case or reference numbers (a word
such as "sag", "j.nr.", "case", "ref" or "رقم" followed by a number, and any run of five or more digits).
Arabic-Indic digits are read as digits. The aim is that nothing that identifies the person survives; a number
that is not personal may be replaced too.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans({chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)})

_PATTERNS = [
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[cpr]", re.compile(r"(?<!\d)[0-3]\d[01]\d\d\d[- ]?\d{4}(?!\d)")),
    ("[phone]", re.compile(r"(?:\+|00)\d[\d\s().-]{6,}\d|(?<!\d)\d{2}(?:[\s.-]?\d{2}){3}(?!\d)")),
    (
        "[case number]",
        re.compile(
            r"(?i)\b(?:sag(?:s)?(?:nr|nummer)?|j\.?\s?nr|journal(?:nummer)?|case|ref(?:erence)?|file)\.?\s*"
            r"(?:no\.?|nr\.?|number)?\s*[:#]?\s*[A-Za-z]*[\d][\w/.-]*"
            r"|(?:رقم|ملف)\s*(?:الملف|القضيه|القضية|الحاله|الحالة)?\s*[:#]?\s*\d[\w/.-]*"
        ),
    ),
    ("[number]", re.compile(r"(?<![\d/.])\d{5,}(?![\d/.])")),
]


def scrub(text: str) -> str:
    text = text.translate(_DIGITS)
    for replacement, pattern in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
