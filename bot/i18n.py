"""Interface strings through Babel's gettext catalogues in ``bot/locales/<lang>/LC_MESSAGES/messages.po``.

Strings are written in English in the code as ``_("...")``; ``pybabel extract`` collects them and translators
fill in the catalogues. The set-up (``make``) compiles the catalogues; compiled ``.mo`` files are not committed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


@lru_cache(maxsize=16)
def _catalogue(language: str) -> NullTranslations:
    return Translations.load(str(LOCALES_DIR), [language], DOMAIN)


def translator(language: str) -> Callable[[str], str]:
    """``_`` for one language: returns the translation, or the English text when there is none."""
    return _catalogue(language).gettext


def N_(message: str) -> str:  # the conventional gettext marker name
    """Marks a string for extraction where it is translated later (``translator(language)(message)``)."""
    return message


def available_languages() -> list[str]:
    """The languages that have an interface catalogue."""
    return sorted(p.name for p in LOCALES_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())


def plural_translator(language: str) -> Callable[[str, str, int], str]:
    """``ngettext`` for one language (Arabic has six plural forms)."""
    return _catalogue(language).ngettext
