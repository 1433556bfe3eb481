"""Near-duplicates between test and training messages: character 4-grams of the normalised text (punctuation
squeezed to spaces) and their Jaccard overlap. A test message that shares most of its 4-grams with a training
example measures memory, not understanding."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.text.arabic import normalise

NEAR = 0.8  # Jaccard overlap of 4-gram sets from which two messages count as near-duplicates


def grams(text: str) -> set[str]:
    squeezed = re.sub(r"\W+", " ", normalise(text))
    return {squeezed[i : i + 4] for i in range(len(squeezed) - 3)}


def near_copies(tests: Iterable[str], training: Iterable[str], min_words: int = 4) -> list[tuple[str, str]]:
    """(test, training) pairs at or above ``NEAR``; test messages shorter than ``min_words`` words are skipped
    (two or three words are bound to recur)."""
    trained = [(t, grams(t)) for t in training]
    found = []
    for text in tests:
        if len(text.split()) < min_words:
            continue
        mine = grams(text)
        found += [
            (text, other) for other, theirs in trained if mine and len(mine & theirs) / len(mine | theirs) >= NEAR
        ]
    return found


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)
