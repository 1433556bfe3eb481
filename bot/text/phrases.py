"""Safety phrases: the volunteers' emergency and distress phrases, matched without the NLU model.

A phrase is a few words from ``keywords:`` in ``content/emergency/*.md`` or ``content/distress/*.md``. It matches a
message when its words occur in the message in the same order, next to each other, each word matched by the rule
for its script (``content/README.md`` explains the same rule to volunteers):

- **Arabic.** Both sides are normalised (``bot.text.arabic.normalise``) and lose attached front particles
  (و ف ب ل ك ع ال and their combinations, such as وال بال لل عال). A present-tense person letter at the start
  (ا ي ت ن) is interchangeable, and the spoken ب-present matches the bare verb (بموت = اموت, بنتحر = انتحر).
  The message word may also carry one attached ending that the phrase word has not (ي ني ك ه ها و وا ...):
  the phrase ``يضربني`` catches بيضربني and ضربني, but not ضربوني or ضربت.
- **Arabizi** (Latin words on a page whose language is written in Arabic script): compared by consonant
  skeleton (vowels dropped, doubled letters once, digit letters kept): ``bdi mot`` catches "bade mot", "baddi mout".
- **English** (Latin words on a Latin-script page): the same word, apostrophes ignored, optionally followed by
  s, es, ed or ing (``kill myself`` catches "killing myself").

``not_when:`` phrases cancel a keyword match they overlap (``تامين الحريق`` keeps an insurance question about fire
from raising the alarm, while "في حريق بالمركز" still does).

Pure and transport-free; compiled once per loaded content.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.text.arabic import normalise

_WORD = re.compile(r"[0-9a-z\u0621-\u064a']+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_FRONT_PARTICLES = ("وال", "بال", "فال", "كال", "عال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "ع")
_PERSON_LETTERS = "ايتن"
_ENDINGS = ("كم", "هم", "كن", "هن", "ها", "نا", "ني", "وا", "ون", "ين", "تو", "تي", "ته", "ي", "ك", "ه", "و", "ت")
_ENGLISH_ENDINGS = ("ing", "es", "ed", "s")
_VOWELS = str.maketrans("", "", "aeiouy'")
_STEM_MIN = 3  # letters left after removing particles or an ending; shorter remains are not words
_CONJUNCTIONS = ("و", "ف")  # "and", "so": also before two-letter words (وما, ولا, وعم)

Form = str


def words(text: str) -> list[str]:
    """The normalised words of ``text``: letters and digits, apostrophes kept inside Latin words."""
    return _WORD.findall(normalise(text).replace("\u2019", "'").replace("\u2018", "'"))


def _front_forms(word: str, after_conjunction: int = 2) -> set[Form]:
    """``word`` with attached front particles removed, one or two deep, and its person letter made neutral.
    ``after_conjunction``: the fewest letters left after و or ف (2 for وما, ولا, وعم; 3 keeps a word whose و or ف
    is its own first letter, ورق, from being cut to a remnant that فرق also gives)."""
    forms = {word}
    frontier = [word]
    for _depth in range(2):
        stripped = []
        for form in frontier:
            for particle in _FRONT_PARTICLES:
                rest = form[len(particle) :]
                shortest = after_conjunction if particle in _CONJUNCTIONS else _STEM_MIN
                if form.startswith(particle) and len(rest) >= shortest:
                    stripped.append(rest)
                    if particle == "ب":  # بموت: the present ب absorbed the person letter (ب + اموت)
                        forms.add("*" + rest)
        forms.update(stripped)
        frontier = stripped
    for form in list(forms):
        if form[:1] in _PERSON_LETTERS and len(form) - 1 >= _STEM_MIN:
            forms.add("*" + form[1:])
    return forms


def _arabic_message_forms(word: str) -> set[Form]:
    forms = _front_forms(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_MIN:
            forms |= _front_forms(word[: -len(ending)])
    return forms


def _skeleton(word: str) -> str:
    """The consonant skeleton of an Arabizi word: "baddi" -> "bd", "ente7er" -> "nt7r"."""
    bare = word.translate(_VOWELS)
    return re.sub(r"(.)\1+", r"\1", bare)


def _english_forms(word: str) -> set[Form]:
    word = word.replace("'", "")
    forms = {word}
    for ending in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            stem = word[: -len(ending)]
            forms.add(stem)
            if len(stem) >= 3 and stem[-1] == stem[-2]:  # hitting -> hit
                forms.add(stem[:-1])
            forms.add(stem + "e")  # choking -> choke
    return forms


@dataclass(frozen=True)
class _Word:
    """One word of a phrase, as the forms a message word must share one of."""

    forms: frozenset[Form]
    script: str  # "arabic", "arabizi" or "english"


@functools.lru_cache(maxsize=1 << 16)  # a pure function of one word; messages and examples repeat their words
def _message_forms(word: str, script: str) -> frozenset[Form]:
    if script == "arabic":
        return frozenset(_arabic_message_forms(word)) if _ARABIC.search(word) else frozenset()
    if _ARABIC.search(word):
        return frozenset()
    if script == "arabizi":
        return frozenset({_skeleton(word)})
    return frozenset(_english_forms(word))


@dataclass(frozen=True)
class Phrase:
    """A compiled phrase: its text as the volunteer wrote it, and its words."""

    text: str
    words: tuple[_Word, ...]

    @classmethod
    def compile(cls, text: str, arabic_page: bool, after_conjunction: int = 2) -> Phrase | None:
        """``None`` for a phrase with no words. Latin words on an Arabic-script page are Arabizi.
        ``after_conjunction``: see ``_front_forms`` (the safety phrases keep 2: "ولا يتنفس" also catches
        "لا يتنفس"; the calculator's words use 3: "ورق", paper, must not catch "الفرق", the difference)."""
        compiled = []
        for word in words(text):
            if _ARABIC.search(word):
                compiled.append(_Word(frozenset(_front_forms(word, after_conjunction)), "arabic"))
            elif arabic_page:
                compiled.append(_Word(frozenset({_skeleton(word)}), "arabizi"))
            else:
                compiled.append(_Word(frozenset({word.replace("'", "")}), "english"))
        return cls(text, tuple(compiled)) if compiled else None

    def matches_at(self, message: Sequence[dict[str, frozenset[Form]]], start: int) -> bool:
        """True when this phrase's words match ``message`` from word ``start`` on."""
        if start + len(self.words) > len(message):
            return False
        return all(w.forms & message[start + i][w.script] for i, w in enumerate(self.words))


@dataclass(frozen=True)
class Match:
    """A keyword phrase found in a message, with its word range (start, end exclusive)."""

    phrase: str
    start: int
    end: int


class _Index:
    """Phrases by the forms of their first word, so that a message word looks up only the phrases it can start."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.by_first: dict[tuple[str, Form], list[Phrase]] = {}
        for phrase in phrases:
            first = phrase.words[0]
            for form in first.forms:
                self.by_first.setdefault((first.script, form), []).append(phrase)

    def spans(self, message: Sequence[dict[str, frozenset[Form]]]) -> list[tuple[Phrase, int, int]]:
        found = []
        for start, forms in enumerate(message):
            candidates = {
                id(p): p
                for script, script_forms in forms.items()
                for f in script_forms
                for p in self.by_first.get((script, f), ())
            }
            found += [(p, start, start + len(p.words)) for p in candidates.values() if p.matches_at(message, start)]
        return found


class PhraseSet:
    """The keyword phrases and the ``not_when`` phrases of one safety page, in every language.

    ``pages`` is a sequence of (keywords, not_when, arabic_script) triples, one per language of the page;
    ``after_conjunction``: see ``Phrase.compile``.
    """

    def __init__(self, pages: Iterable[tuple[Sequence[str], Sequence[str], bool]], after_conjunction: int = 2) -> None:
        keywords: list[Phrase] = []
        exceptions: list[Phrase] = []
        for page_keywords, not_when, arabic_page in pages:
            keywords += [p for k in page_keywords if (p := Phrase.compile(k, arabic_page, after_conjunction))]
            exceptions += [p for k in not_when if (p := Phrase.compile(k, arabic_page, after_conjunction))]
        self.keywords = tuple(keywords)
        self._keywords = _Index(keywords)
        self._exceptions = _Index(exceptions)

    def find(self, text: str) -> list[Match]:
        """The keyword matches in ``text`` that no ``not_when`` phrase overlaps; empty when none."""
        message = [
            {script: _message_forms(word, script) for script in ("arabic", "arabizi", "english")}
            for word in words(text)
        ]
        if not message:
            return []
        cancelled = [(start, end) for _p, start, end in self._exceptions.spans(message)]
        return [
            Match(phrase.text, start, end)
            for phrase, start, end in self._keywords.spans(message)
            if not any(start < c_end and c_start < end for c_start, c_end in cancelled)
        ]

    def hit(self, text: str) -> bool:
        """True when ``text`` contains at least one keyword phrase not cancelled by a ``not_when`` phrase."""
        return bool(self.find(text))
