"""The decision policy: what the bot does with the NLU's ranking of intents.

1. ``emergency`` above a low threshold, or an emergency keyword: the emergency message first.
2. A confident top intent (clear of the runner-up by ``margin``): that answer.
3. Close candidates: "did you mean" with up to three topic buttons.
4. Otherwise: fall back (say so, show the menu, offer an adviser).

Pure and transport-free: the engine and ``sanad nlu evaluate`` both call ``decide``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

EMERGENCY = "emergency"
OUT_OF_SCOPE = "out_of_scope"
MAX_CANDIDATES = 3


class Kind(StrEnum):
    EMERGENCY = "emergency"
    ANSWER = "answer"
    CLARIFY = "clarify"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class Thresholds:
    emergency: float
    answer: float
    candidate: float
    margin: float = 0.0


@dataclass(frozen=True)
class Decision:
    kind: Kind
    intent: str | None = None  # the answered intent
    candidates: tuple[str, ...] = ()  # the "did you mean" topics


def decide(
    ranking: Sequence[tuple[str, float]],
    thresholds: Thresholds,
    topics: frozenset[str],
    keyword_hit: bool = False,
) -> Decision:
    """Decide from ``ranking`` (intent, confidence), highest first.

    ``topics`` are the intents that have a content page: only they are offered as "did you mean".
    """
    if keyword_hit or any(i == EMERGENCY and c >= thresholds.emergency for i, c in ranking):
        return Decision(Kind.EMERGENCY, EMERGENCY)
    if not ranking:
        return Decision(Kind.FALLBACK)
    top, confidence = ranking[0]
    runner_up = next((c for i, c in ranking[1:] if i not in (OUT_OF_SCOPE, EMERGENCY)), 0.0)
    confident = confidence >= thresholds.answer and confidence - runner_up >= thresholds.margin
    if top not in (OUT_OF_SCOPE, EMERGENCY) and confident:
        return Decision(Kind.ANSWER, top)
    candidates = tuple(i for i, c in ranking if i in topics and c >= thresholds.candidate)[:MAX_CANDIDATES]
    if top == OUT_OF_SCOPE and confidence >= thresholds.answer:
        return Decision(Kind.FALLBACK)
    if candidates:
        return Decision(Kind.CLARIFY, candidates=candidates)
    return Decision(Kind.FALLBACK)


def keyword_hit(normalised_text: str, keywords: Iterable[str]) -> bool:
    """True when one of the (already normalised) emergency keywords occurs in the text as whole words,
    also when the Arabic conjunction و ("and") is attached to its first word."""
    padded = f" {normalised_text} "
    return any(f" {k} " in padded or f" و{k} " in padded for k in keywords if k)
