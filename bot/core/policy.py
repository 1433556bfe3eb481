"""The decision policy: what the bot does with the NLU's ranking of intents.

1. Danger before everything. An emergency phrase, or ``emergency`` above ``Thresholds.emergency``: the emergency
   message alone. A possible danger (``emergency`` above the lower ``emergency_watch`` in the whole message, or
   above ``emergency_sentence`` in one of its sentences, or a ``watch`` word such as "fire"): the emergency message
   first, then the usual reply, so that a false alarm costs one extra message and never the answer.
   ``distress`` above its threshold, or a distress phrase: a warm check-in (then the answer, when one is clear).
2. A confident top intent (above ``answer``, clear of the runner-up by ``margin``), or one that leads clearly
   (above ``lead`` and ``lead_ratio`` times the runner-up topic): that answer, with the next one or two topics
   above ``candidate`` offered under it ("or did you mean"). When the runner-up is a neighbouring topic (the
   content's ``related``, either way), ``related_ratio`` times it is enough, as long as every other reading,
   ``out_of_scope`` included, stays ``lead_ratio`` times behind: the neighbour is then the first button under the
   answer, one tap away. When a topic and a neighbour behind it together hold ``related_share`` of the confidence,
   the message is about one of the two: the first is answered at ``SHARE_LEAD`` times the second, the second one tap
   away. Whatever leads, a topic is answered only at ``out_of_scope_ratio`` times the
   ``out_of_scope`` reading at least: a question about another country, a job or a benefit that shares the
   topics' words is asked back ("did you mean") or falls back, rather than answered with a Danish residence page.
   Two kinds of small talk at the top ("thank you, goodbye") count together, as the first.
3. A real tie, two or more topics above ``candidate`` and none leading: "did you mean" with up to three topic
   buttons. Never a "did you mean" with a single topic.
4. Otherwise: fall back (say so, show the menu, offer an adviser).

Pure and transport-free: the engine and ``sanad nlu evaluate`` both call ``decide``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

EMERGENCY = "emergency"
DISTRESS = "distress"
OUT_OF_SCOPE = "out_of_scope"
_NOT_ANSWERS = (OUT_OF_SCOPE, EMERGENCY, DISTRESS)
SMALL_TALK = frozenset({"greet", "thanks", "goodbye"})  # answered with a line of small talk, not a page
MAX_CANDIDATES = 3
MAX_ALTERNATIVES = 2  # topics offered under an answer
SHARE_LEAD = 1.2  # with ``related_share``: the first topic is answered at this many times its neighbour
MENTAL_HEALTH = "mental_health_support"  # the topic of non-emergency support, stress and sleeplessness
SUPPORT_DISTRESS_SHARE = 0.5  # ``_share``
MIN_LEFT_AFTER_SAFETY = 0.5  # ``usual``: the topics' confidences are at most doubled once the safety ones are out


class Kind(StrEnum):
    EMERGENCY = "emergency"
    DISTRESS = "distress"
    ANSWER = "answer"
    CLARIFY = "clarify"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class Thresholds:
    """Confidences (0-1) chosen with ``sanad nlu evaluate --sweep`` and ``sanad nlu safety`` (README)."""

    emergency: float  # the emergency message alone
    answer: float
    candidate: float
    margin: float = 0.0
    distress: float = 0.15
    emergency_watch: float = 0.06  # the emergency message, then the usual reply
    emergency_sentence: float = 0.5  # the same, for one sentence of a message of several
    distress_sentence: float = 0.2  # distress in one sentence of a message of several (a story has sad parts)
    lead: float = 1.0  # below ``answer``: answered when it leads clearly (1.0: never)
    lead_ratio: float = 2.0  # "clearly": at least this many times the runner-up topic's confidence
    related_ratio: float | None = None  # the same when the runner-up is a neighbouring topic (None: ``lead_ratio``)
    related_share: float | None = None  # a topic and a neighbour behind it holding this much together (None: off)
    out_of_scope_ratio: float | None = None  # an answer's topic, at least this many times ``out_of_scope`` (None: off)


@dataclass(frozen=True)
class Decision:
    kind: Kind
    intent: str | None = None  # the answered intent
    candidates: tuple[str, ...] = ()  # the "did you mean" topics; under an answer, the "or did you mean" ones
    then: Decision | None = None  # after the emergency message or the check-in: the usual reply, if any
    possible: bool = False  # the emergency message for a possible danger (the watch level), not a sure one

    @property
    def reply(self) -> Decision | None:
        """The reply to the question asked: after the emergency message or the check-in, the one that follows
        them (``None`` when none does); otherwise this decision itself."""
        return self.then if self.kind in (Kind.EMERGENCY, Kind.DISTRESS) else self


def decide(
    ranking: Sequence[tuple[str, float]],
    thresholds: Thresholds,
    topics: frozenset[str],
    danger_hit: bool = False,
    distress_hit: bool = False,
    sentence_emergency: float = 0.0,
    neighbours: Mapping[str, frozenset[str]] | None = None,
    elsewhere_hit: bool = False,
    watch_hit: bool = False,
) -> Decision:
    """Decide from ``ranking`` (intent, confidence), highest first.

    ``topics`` are the intents that have a content page: only they are offered as "did you mean".
    ``danger_hit`` and ``distress_hit`` say whether the volunteers' safety phrases matched the message;
    ``sentence_emergency`` is the highest ``emergency`` confidence of the message's sentences ranked alone;
    ``neighbours``: each topic's related topics, both ways (``Content.neighbours``), for ``related_ratio``.
    ``elsewhere_hit``: the catalogue's phrases for another country's matter matched (``Content.elsewhere_phrases``):
    the usual reply is then a fall-back, whatever ranks first; danger and distress are decided as always.
    ``watch_hit``: one of the emergency page's ``watch`` words matched and the NLU reads no danger (the caller
    passes ``danger_hit`` when it does): a possible danger.
    """
    emergency = max((c for i, c in ranking if i == EMERGENCY), default=0.0)
    if danger_hit or emergency >= thresholds.emergency:
        return Decision(Kind.EMERGENCY, EMERGENCY)
    possible = (
        watch_hit or emergency >= thresholds.emergency_watch or sentence_emergency >= thresholds.emergency_sentence
    )
    distress = distress_hit or any(i == DISTRESS and c >= thresholds.distress * _share(ranking) for i, c in ranking)
    if not possible and not distress:
        return Decision(Kind.FALLBACK) if elsewhere_hit else _usual(ranking, thresholds, topics, neighbours)
    # the emergency note or the check-in, then the reply to the question asked if the message is not a crisis
    alarm = Decision(Kind.EMERGENCY, EMERGENCY, possible=True) if possible else Decision(Kind.DISTRESS)
    return with_usual(
        alarm, Decision(Kind.FALLBACK) if elsewhere_hit else usual(ranking, thresholds, topics, neighbours)
    )


def _share(ranking: Sequence[tuple[str, float]]) -> float:
    """The part of ``Thresholds.distress`` that gives the check-in: all of it, or ``SUPPORT_DISTRESS_SHARE`` of it
    for a message the support page answers ("I haven't slept well for months"): a person who tells of their
    suffering is greeted warmly before the page."""
    first = next((i for i, _c in ranking if i not in _NOT_ANSWERS), None)
    return SUPPORT_DISTRESS_SHARE if first == MENTAL_HEALTH else 1.0


def with_usual(decision: Decision, usual: Decision) -> Decision:
    """``decision`` with its usual reply replaced by ``usual`` (the same message understood again, for example in
    the light of the previous answer), by the rules of ``decide``: a sure emergency stays alone; a possible danger
    is followed by an answer or a "did you mean", a check-in by an answer only (never a list of topics to a person in
    distress); anything else becomes ``usual``."""
    if decision.kind is Kind.EMERGENCY and not decision.possible:
        return decision
    if decision.kind is Kind.EMERGENCY:
        return replace(decision, then=usual if usual.kind in (Kind.ANSWER, Kind.CLARIFY) else None)
    if decision.kind is Kind.DISTRESS:
        return replace(decision, then=usual if usual.kind is Kind.ANSWER else None)

    return usual


def usual(
    ranking: Sequence[tuple[str, float]],
    thresholds: Thresholds,
    topics: frozenset[str],
    neighbours: Mapping[str, frozenset[str]] | None = None,
) -> Decision:
    """The usual reply (answer, "did you mean" or fall back) to ``ranking`` for a message whose danger and
    distress were decided already: the ranking given that the message is not a crisis. The safety intents are
    left out and the others' confidences divided by what is left (at most doubled, so that a message that is
    mostly a cry for help is not answered with a topic on the strength of crumbs)."""
    safety = sum(c for i, c in ranking if i in (EMERGENCY, DISTRESS))
    left = max(1.0 - safety, MIN_LEFT_AFTER_SAFETY)
    kept = [(i, c / left) for i, c in ranking if i not in (EMERGENCY, DISTRESS)]
    return _usual(kept, thresholds, topics, neighbours)


def _usual(
    ranking: Sequence[tuple[str, float]],
    thresholds: Thresholds,
    topics: frozenset[str],
    neighbours: Mapping[str, frozenset[str]] | None,
) -> Decision:
    if not ranking:
        return Decision(Kind.FALLBACK)
    top, confidence = ranking[0]
    others = [(i, c) for i, c in ranking[1:] if i not in _NOT_ANSWERS]
    if top in SMALL_TALK and others and others[0][0] in SMALL_TALK:
        # two kinds of small talk ("ok that is all, thank you, goodbye"): together they say what the message is
        confidence, others = confidence + others[0][1], others[1:]
    runner_up = others[0][1] if others else 0.0
    confident = confidence >= thresholds.answer and confidence - runner_up >= thresholds.margin
    leading = confidence >= thresholds.lead and confidence >= thresholds.lead_ratio * runner_up
    neighbour_behind = bool(others) and others[0][0] in (neighbours or {}).get(top, frozenset())
    if not leading and neighbour_behind and thresholds.related_ratio is not None:
        # a neighbour close behind: clear enough if everything else, "none of our topics" included, is far behind
        third = others[1][1] if len(others) > 1 else 0.0
        rest = max(third, next((c for i, c in ranking[1:] if i == OUT_OF_SCOPE), 0.0))
        leading = (
            confidence >= thresholds.lead
            and confidence >= thresholds.related_ratio * runner_up
            and confidence >= thresholds.lead_ratio * rest
        )
    if not leading and neighbour_behind and thresholds.related_share is not None:
        # the message is about one of two neighbouring topics: the first, the other one tap away
        leading = confidence + runner_up >= thresholds.related_share and confidence >= SHARE_LEAD * runner_up
    out_of_scope = next((c for i, c in ranking if i == OUT_OF_SCOPE), 0.0)
    in_scope = thresholds.out_of_scope_ratio is None or confidence >= thresholds.out_of_scope_ratio * out_of_scope
    candidates = tuple(i for i, c in ranking if i in topics and c >= thresholds.candidate)
    if top not in _NOT_ANSWERS and (confident or leading) and in_scope:
        alternatives = tuple(i for i in candidates if i != top)[:MAX_ALTERNATIVES]
        return Decision(Kind.ANSWER, top, candidates=alternatives)
    if top == OUT_OF_SCOPE and confidence >= thresholds.answer:
        return Decision(Kind.FALLBACK)
    if len(candidates) >= 2:
        return Decision(Kind.CLARIFY, candidates=candidates[:MAX_CANDIDATES])
    return Decision(Kind.FALLBACK)
