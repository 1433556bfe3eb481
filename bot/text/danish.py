"""Danish text folded for matching: what a letter says, whether typed into a PDF or read by OCR from a photo.

``fold_danish("AFGØRELSE:  Din opholds-\\ntilladelse")`` is ``"afgoerelse: din opholdstilladelse"``: lower case,
æ/ø/å (and ä/ö/aa) spelled ae/oe/aa, a word split over two lines joined again, runs of white space as one space.
Letter phrases in ``content/letters.yaml`` and the letter's text are both folded before they are compared.
"""

from __future__ import annotations

import re
import unicodedata

_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "é": "e", "ü": "u"})
_SPLIT_WORD = re.compile(r"(?<=[a-zæøå])[-\u00ad]\s*\n\s*(?=[a-zæøå])")
_SPACES = re.compile(r"\s+")


def fold_danish(text: str) -> str:
    """``text`` in the one form used to compare Danish phrases (see the module's docstring)."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _SPLIT_WORD.sub("", text)
    return _SPACES.sub(" ", text.translate(_SPELLED)).strip()
