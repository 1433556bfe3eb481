"""Arabic text normalisation, shared by the Rasa pipeline and the bot.

This module must stay importable on Python 3.10 with the standard library only: the Rasa server
(nlu/.venv, Python 3.10) imports it through ``nlu/components/arabic_normaliser.py``.

What it unifies, so that the many ways people type one word look the same to the classifier:
- hamza and alef forms (أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي), ta marbuta (ة -> ه), alef maqsura (ى -> ي);
- Persian, Urdu and Kurdish look-alike letters typed on some keyboards (ک ی ڤ پ چ, and ھ ە ێ ۆ ڕ ڵ of a Kurdish
  keyboard);
- diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel;
- Arabic-Indic and Persian digits -> 0-9, Arabic punctuation -> ASCII;
- invisible format characters (zero-width joiners, direction marks and isolates);
- letters stretched for emphasis (شووو -> شو, pleeease -> please);
- Latin text: case folded, Danish letters spelled out (æ -> ae, ø -> oe, å -> aa).
"""

import re
import unicodedata

_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ھ": "ه",
    "ە": "ه",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ێ": "ي",
    "ۆ": "و",
    "ڕ": "ر",
    "ڵ": "ل",
    "ک": "ك",
    "ڤ": "ف",
    "پ": "ب",
    "چ": "ج",
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_PUNCTUATION = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ","}
_TABLE = str.maketrans(_LETTERS | _DIGITS | _PUNCTUATION)

# Combining marks used as Arabic diacritics, plus tatweel (U+0640).
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Format characters: zero-width space/joiners, direction marks, embeddings, isolates, BOM.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u061c]")
# Three or more of the same letter (not digit) in a row.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Return ``text`` in the one spelling the classifier and the keyword lists use."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _MARKS.sub("", text)
    text = text.casefold().translate(_TABLE)
    text = _STRETCHED.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
