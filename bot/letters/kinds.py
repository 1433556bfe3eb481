"""Which kind of letter a text is, from the Danish phrases of ``content/letters.yaml``.

Each kind scores 2 points for every one of its ``phrases`` found in the letter and 1 for every one of its
``hints``. Hints alone name a kind only when no kind's phrase is found and at least ``MIN_HINTS_ALONE`` of one
kind's hints are: then as a guess, never for sure. A phrase is found where it begins a word
(``familiesammenføring`` is found in "Familiesammenføringskontoret", ``hospitalet`` is not in
"Hospitalsbesøget"), after both texts are folded by ``bot.text.danish.fold_danish``. The kind with the most
points wins; the result says how clearly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.content.schema import LetterKind, LettersFile
from bot.text.danish import fold_danish

PHRASE_POINTS = 2
HINT_POINTS = 1
# A kind is named for sure when it has at least this many points and leads the next kind by this many.
SURE_POINTS = 4
SURE_LEAD = 2
RUNNER_UP_SHARE = 2 / 3
# Without any phrase, a kind is still offered (as a guess) when this many of its hints are found.
MIN_HINTS_ALONE = 3


@dataclass(frozen=True)
class KindMatch:
    """The best kind (``None`` when no phrase of any kind was found), its points, the runner-up's points, and the
    phrases of the best kind that were found (as written in letters.yaml)."""

    kind: LetterKind | None
    points: int
    runner_up: LetterKind | None
    runner_up_points: int
    found: tuple[str, ...]
    only_hints: bool = False  # no phrase of any kind was found, only hints of this one

    @property
    def sure(self) -> bool:
        """Enough phrases of one kind, and clearly more than of any other."""
        return self.kind is not None and self.points >= SURE_POINTS and not self.tie and not self.only_hints

    @property
    def tie(self) -> bool:
        """Two kinds matched about equally well (the runner-up within ``SURE_LEAD`` points, or a well-matched
        runner-up with at least ``RUNNER_UP_SHARE`` of the best's points): the reader asks instead of choosing."""
        if self.kind is None or self.runner_up_points == 0:
            return False
        close = self.points - self.runner_up_points < SURE_LEAD
        strong_second = self.runner_up_points >= SURE_POINTS and self.runner_up_points >= RUNNER_UP_SHARE * self.points
        return close or strong_second


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![0-9a-z])" + re.escape(fold_danish(phrase)))


def phrase_in(phrase: str, folded_text: str) -> bool:
    """Whether ``phrase`` (as written in letters.yaml) begins a word of ``folded_text`` (already folded)."""
    return _pattern(phrase).search(folded_text) is not None


def match_kind(text: str, letters: LettersFile) -> KindMatch:
    """Score every kind of ``letters`` against a letter's ``text`` (as read, not folded)."""
    folded = fold_danish(text)
    scored: list[tuple[int, int, LetterKind, tuple[str, ...]]] = []
    hinted: list[tuple[int, int, LetterKind, tuple[str, ...]]] = []
    for order, kind in enumerate(letters.kinds):
        phrases = tuple(p for p in kind.phrases if phrase_in(p, folded))
        hints = tuple(h for h in kind.hints if phrase_in(h, folded))
        points = PHRASE_POINTS * len(phrases) + HINT_POINTS * len(hints)
        if phrases:
            scored.append((points, -order, kind, phrases + hints))
        elif len(hints) >= MIN_HINTS_ALONE:
            hinted.append((points, -order, kind, hints))
    only_hints = not scored
    scored = scored or hinted  # several hints of one kind, and no phrase at all: a guess, never sure
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    if not scored:
        return KindMatch(_not_about_residence(folded, letters), 0, None, 0, ())
    best = scored[0]
    second = scored[1] if len(scored) > 1 else None
    return KindMatch(best[2], best[0], second[2] if second else None, second[0] if second else 0, best[3], only_hints)


def _not_about_residence(folded: str, letters: LettersFile) -> LetterKind | None:
    """The kind for letters that are not about residence, when the text has none of the residence words."""
    if letters.not_about_residence is None or any(phrase_in(word, folded) for word in letters.residence_words):
        return None
    return next((kind for kind in letters.kinds if kind.id == letters.not_about_residence), None)
