"""Which of the bot's languages a message is written in, so that a person who has not chosen a language is
answered in the language they write: Arabic script is Arabic; a Latin-script message is English when English
function words carry it (not Arabizi, whose words are Arabic, nor Danish)."""

from __future__ import annotations

import re

from bot.text.arabizi import is_arabizi_word
from bot.text.function_words import DANISH, ENGLISH

_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"[a-zæøå0-9']+")
_MORE_ENGLISH = "am she them please because"  # English only: lexicon words of Arabizi too ("she") stay out of it
_ENGLISH = ENGLISH | frozenset(_MORE_ENGLISH.split())
MIN_ENGLISH_WORDS = 2


def in_arabic_script(text: str) -> bool:
    """True when ``text`` has any letter of the Arabic script."""
    return bool(_ARABIC.search(text))


def written_in(text: str) -> str | None:
    """``"ar"`` for a message in Arabic script, ``"en"`` for one written in English (at least
    ``MIN_ENGLISH_WORDS`` English function words, more than its Danish words and its Arabizi words), else ``None``
    (Arabizi, Danish, a number, a single word)."""
    if in_arabic_script(text):
        return "ar"
    words = _WORD.findall(text.lower())
    english = sum(w in _ENGLISH for w in words)
    if english < MIN_ENGLISH_WORDS:
        return None
    if english <= sum(w in DANISH for w in words) or english <= sum(is_arabizi_word(w) for w in words):
        return None
    return "en"
