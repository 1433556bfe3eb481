"""Phrases that name things for the deadline calculator: a decision, a delivery, a question about time.

The phrases come from ``content/deadlines.yaml``. A phrase is a run of words matched as the safety phrases are
(``bot/text/phrases.py``: Arabic words with their attached particles and endings, Arabizi by consonant skeleton,
English with its endings), extended in two ways so that a few phrases cover the many ways people say one thing:

- ``…`` (or ``...``) joins parts that must all occur, in any order, within ``WINDOW`` words of one another:
  ``refused … family reunion`` matches "my family reunion for my wife was refused" and "refused family reunion";
- ``|`` inside a part gives alternatives: ``رفض | رفضو | انرفض … لم الشمل | familiesammenføring``.

A match scores the number of words it covers, so the most specific phrase wins: "سحبو اقامة مرتي" (the wife's
permit revoked) scores 3 for ``سحب … اقامه … مرتي`` and only 2 for ``سحب … اقامه`` (one's own permit). Two names
sharing the best score name nothing: the calculator then asks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.text.phrases import PhraseSet, words
from bot.text.written import in_arabic_script, written_in

WINDOW = 30  # words from the first word of a match to its last (a story may tell what was refused long before
# its "refused": "قدمت لم شمل لمرتي ... وامبارح فتحت الإي بوكس لقيت رفض")
# a phrase word keeps a first و or ف with two letters after it (ورق, paper, is not فرق, difference); see
# bot.text.phrases.Phrase.compile
WHOLE_AFTER_CONJUNCTION = 3
_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_MAX_PLACES = 8  # occurrences of one part tried when fitting a match together
# A word that denies what follows it ("came by post, not e-Boks", "مو عالإي بوكس", "mesh bel e-boks", "ikke e-Boks"),
# right before a phrase or with linking words between ("not by e-Boks", "مش على الايبوكس"); a verb's negation ("ما
# اجاني عالايبوكس", "didn't come by post") also with its verb between. Not لم: it is also the لمّ of لمّ الشمل.
# Normalised forms (``bot.text.phrases.words``).
NEGATIONS = frozenset(
    {
        "no",
        "never",
        "ikke",
        "aldrig",
        "مو",
        "مش",
        "مب",
        "موب",
        "مهو",
        "ليس",
        "ليست",
        "mo",
        "mu",
        "mosh",
        "mesh",
        "mish",
        "msh",
        "mub",
    }
)
VERB_NEGATIONS = frozenset({"ما", "ma", "not", "didnt", "didn't", "wasnt", "wasn't", "hasnt", "hasn't"})
_LINKS = frozenset(
    {
        "by",
        "on",
        "via",
        "through",
        "in",
        "per",
        "pa",
        "på",
        "med",
        "على",
        "عن",
        "في",
        "من",
        "عبر",
        "3al",
        "3la",
        "ala",
        "aal",
        "3a",
        "aala",
        "3ala",
        "any",
        "a",
        "the",
        "bel",
        "bil",
        "b",
        "3an",
        "fi",
        "mn",
        "min",
    }
)
_LOOK_BACK = 3  # words before a phrase searched for a negation
# The ما of a question in standard Arabic ("what"): before a noun with its article, "اخر" (last) or a pronoun
_ASKS_WHAT = re.compile(r"ال\w*|اخر|اول|هو|هي|هم")


def parts_of(phrase: str) -> list[list[str]]:
    """A phrase as its parts, each a list of alternative runs of words: ``"a | b … c"`` -> ``[["a", "b"], ["c"]]``."""
    return [[run.strip() for run in part.split("|") if run.strip()] for part in _GAP.split(phrase) if part.strip()]


@dataclass(frozen=True)
class _Pattern:
    name: str
    parts: tuple[tuple[str, ...], ...]


class NamedPhrases:
    """Phrases grouped by what they name (a rule id, a delivery, ...), in every language.

    ``named`` maps each name to its phrases by language; ``right_to_left(language)`` says whether Latin words on that
    language's page are Arabizi (``bot.content.model.Content.right_to_left``).
    """

    def __init__(self, named: Mapping[str, Mapping[str, Sequence[str]]], right_to_left: Callable[[str], bool]) -> None:
        self._patterns: list[_Pattern] = []
        runs_by_language: dict[str, set[str]] = {}
        for name, by_language in named.items():
            for language, phrases in by_language.items():
                for phrase in phrases:
                    parts = parts_of(phrase)
                    if not parts:
                        continue
                    self._patterns.append(_Pattern(name, tuple(tuple(part) for part in parts)))
                    runs_by_language.setdefault(language, set()).update(run for part in parts for run in part)
        latin = {lang: {r for r in runs if not in_arabic_script(r)} for lang, runs in runs_by_language.items()}
        in_latin_pages = set().union(*(runs for lang, runs in latin.items() if not right_to_left(lang)))
        # Arabizi runs ("warak", paper; "bareed", post), compared by consonant skeleton: in an English message they
        # would catch English words ("work", "board"), so they do not count in a message that reads as English
        self._arabizi = set().union(*(runs for lang, runs in latin.items() if right_to_left(lang))) - in_latin_pages
        self._runs = PhraseSet(
            ((sorted(runs), (), right_to_left(language)) for language, runs in runs_by_language.items()),
            after_conjunction=WHOLE_AFTER_CONJUNCTION,
        )

    def scores(self, text: str) -> dict[str, int]:
        """Each name whose phrases match ``text``, with the words its best match covers. A run of words right after
        a negation ("not e-Boks", "مو بالبريد") does not count: it says what the thing is not."""
        places: dict[str, list[tuple[int, int]]] = {}
        said = words(text)
        found = self._runs.find(text)
        if written_in(text) == "en":
            found = [run for run in found if run.phrase not in self._arabizi]
        denied = [(f.start, f.end) for f in found if _denied(said, f.start)]
        for run in found:  # a run inside a denied one is denied with it ("boks" of "not e-Boks")
            if not any(start <= run.start and run.end <= end for start, end in denied):
                places.setdefault(run.phrase, []).append((run.start, run.end))
        best: dict[str, int] = {}
        for pattern in self._patterns:
            score = _score(pattern.parts, places)
            if score > best.get(pattern.name, 0):
                best[pattern.name] = score
        return best

    def best(self, text: str) -> str | None:
        """The name ``text`` names most specifically; None when none does or when two tie."""
        ranked = sorted(self.scores(text).items(), key=lambda item: item[1], reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def hit(self, text: str) -> bool:
        """True when any phrase matches ``text``."""
        return bool(self.scores(text))


def _denied(said: Sequence[str], start: int) -> bool:
    """True when the words of ``said`` before index ``start`` deny what follows: the nearest negation within
    ``_LOOK_BACK`` words, with only linking words between ("not by"), or a verb's negation with its verb too."""
    for at in range(start - 1, max(-1, start - 1 - _LOOK_BACK), -1):
        if said[at] == "ما" and _ASKS_WHAT.fullmatch(said[at + 1]):
            return False  # "ما آخر يوم للطعن؟", "ما هو الموعد": what, not a negation
        if said[at] in NEGATIONS or said[at] in VERB_NEGATIONS:
            between = [w for w in said[at + 1 : start] if w not in _LINKS]
            return not between or (said[at] in VERB_NEGATIONS and len(between) == 1)
    return False


def _score(parts: Sequence[Sequence[str]], places: Mapping[str, list[tuple[int, int]]]) -> int:
    """The words covered by the best fit of ``parts`` (each part somewhere, no overlap, within ``WINDOW``); 0: none."""
    options: list[list[tuple[int, int]]] = []
    for part in parts:
        spans = sorted({span for run in part for span in places.get(run, ())}, key=lambda s: s[0] - s[1])
        if not spans:
            return 0
        options.append(spans[:_MAX_PLACES])
    best = 0
    for chosen in itertools.product(*options):
        ordered = sorted(chosen)
        if any(a_end > b_start for (_a, a_end), (b_start, _b) in itertools.pairwise(ordered)):
            continue
        if ordered[-1][1] - ordered[0][0] > WINDOW:
            continue
        best = max(best, sum(end - start for start, end in ordered))
    return best
