"""Understanding a typed message before anything else: the volunteers' safety phrases, then the NLU's ranking,
then the decision policy. Touches no stored state, so it runs before Redis is read and during its outages."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.content.model import Content
from bot.core.policy import DISTRESS, EMERGENCY, MAX_ALTERNATIVES, Decision, Kind, Thresholds, decide
from bot.nlu.client import NluClient, NluUnavailable, Parse
from bot.text.paragraphs import as_paragraphs

log = logging.getLogger(__name__)

LONG_MESSAGE_PARTS = 3  # sentences or clauses from which a message is decided by its question
MAX_SENTENCES = 6  # sentences of one message ranked on their own for safety (the last ones)
_SENTENCE_END = re.compile(r"[.!?؟\n;؛]+|,\s|،")
MAX_TEXT_FOR_NLU = 1000  # characters; a longer message is ranked on its beginning (its end too, for safety)
_ALARMS = (Kind.EMERGENCY, Kind.DISTRESS)


@dataclass(frozen=True)
class Understood:
    """A typed message as understood: the policy's decision, and whether the NLU answered (``False``: only the
    safety phrases were checked, so only an emergency or a check-in can be decided)."""

    decision: Decision
    nlu_up: bool
    ranking: tuple[tuple[str, float], ...] = ()  # the whole message's, for a second look in context

    @property
    def alarm(self) -> bool:
        """True for the emergency message or the check-in: these go before the budget, flows and cases."""
        return self.decision.kind in _ALARMS


async def understand(text: str, content: Content, nlu: NluClient | None, thresholds: Thresholds) -> Understood:
    """Decide what ``text`` (a non-empty typed message, not a command) asks for.

    The emergency phrases need no model and skip it. Otherwise the NLU ranks the intents of the whole message (its
    first ``MAX_TEXT_FOR_NLU`` characters); a message of several sentences is also ranked sentence by sentence for
    danger and distress, so that a crisis told at the end of a long story is not drowned by it. Never raises for an
    NLU outage: ``nlu_up`` is then ``False``.
    """
    topics = frozenset(content.topics)
    if content.danger_phrases.hit(text):
        return Understood(Decision(Kind.EMERGENCY, EMERGENCY), nlu is not None)
    distress_hit = content.distress_phrases.hit(text)
    if nlu is None:
        return Understood(decide((), thresholds, topics, False, distress_hit), False)
    try:
        text = as_paragraphs(text)  # "٧/٣" is § 7(3), written as the NLU's examples write it ("7.3")
        parses = await asyncio.gather(nlu.parse(text[:MAX_TEXT_FOR_NLU]), *map(nlu.parse, sentences(text)))
    except NluUnavailable:
        log.warning("NLU unavailable; only the safety phrases were checked")
        return Understood(decide((), thresholds, topics, False, distress_hit), False)
    ranking = parses[0].ranking
    by_sentence = [dict(p.ranking) for p in parses[1:]]
    sentence_emergency = max((r.get(EMERGENCY, 0.0) for r in by_sentence), default=0.0)
    if any(r.get(DISTRESS, 0.0) >= thresholds.distress for r in by_sentence):
        distress_hit = True
    decision = decide(ranking, thresholds, topics, False, distress_hit, sentence_emergency)
    if (
        decision.kind in (Kind.CLARIFY, Kind.FALLBACK)
        and len(by_sentence) >= LONG_MESSAGE_PARTS
        and (ask := question(text))
    ):
        decision = await _by_its_question(ask, decision, parses[1:], nlu, thresholds, topics)
    return Understood(decision, True, tuple(ranking))


async def _by_its_question(
    ask: str, whole: Decision, parts: Sequence[Parse], nlu: NluClient, thresholds: Thresholds, topics: frozenset[str]
) -> Decision:
    """A long message (a story, then the question) decided by its question; the other topics its parts clearly
    touched are offered under the answer. ``whole`` stays when the question alone is not clear either."""
    try:
        asked = decide((await nlu.parse(ask)).ranking, thresholds, topics)
    except NluUnavailable:
        return whole
    if asked.kind is not Kind.ANSWER or asked.intent not in topics:
        return whole
    touched = [
        p.ranking[0][0] for p in parts if p.ranking and decide(p.ranking, thresholds, topics).kind is Kind.ANSWER
    ]
    others = tuple(dict.fromkeys(t for t in [*touched, *asked.candidates] if t in topics and t != asked.intent))
    return Decision(Kind.ANSWER, asked.intent, candidates=others[:MAX_ALTERNATIVES])


async def in_context(
    understood: Understood, text: str, last_topic: str, content: Content, nlu: NluClient, thresholds: Thresholds
) -> Decision:
    """A second look at a short or elliptical message (``follows_up``) right after the answer on ``last_topic``:
    the message is ranked again after the topic's title, and both rankings count equally. Only the usual reply can
    change: an emergency or a check-in was decided before, and a confident answer stands on its own."""
    decision = understood.decision
    top = understood.ranking[0][1] if understood.ranking else 0.0
    if understood.alarm or not understood.nlu_up or top >= thresholds.answer or not follows_up(text):
        return decision
    title = content.page(last_topic, content.languages.source_language).title
    try:
        again = dict((await nlu.parse(f"{title}: {as_paragraphs(text)}")).ranking)
    except NluUnavailable:
        return decision
    alone = dict(understood.ranking)
    blended = sorted(((i, (alone.get(i, 0.0) + again.get(i, 0.0)) / 2) for i in {*alone, *again}), key=lambda x: -x[1])
    return decide(blended, thresholds, frozenset(content.topics))


_FOLLOW_UP_START = re.compile(r"^\s*(و|ف|طيب|بس|and\b|but\b|what about\b|how about\b|so\b|also\b)", re.IGNORECASE)
FOLLOW_UP_WORDS = 8  # a message this short may lean on the previous answer


def follows_up(text: str) -> bool:
    """True for a message that may lean on the previous answer: short, or opening like a follow-up ("و...",
    "and ...", "what about ...")."""
    return len(text.split()) <= FOLLOW_UP_WORDS or bool(_FOLLOW_UP_START.match(text))


_QUESTION = re.compile(r"[^.!?؟\n]*[?؟]")


def question(text: str) -> str:
    """The last question of a message (up to its question mark), or its last sentence when it has none."""
    asked = [q.strip() for q in _QUESTION.findall(text) if len(q.split()) >= 2]
    if asked:
        return asked[-1][:MAX_TEXT_FOR_NLU]
    parts = [p.strip() for p in re.split(r"[.!\n]+", text) if len(p.split()) >= 2]
    return parts[-1][:MAX_TEXT_FOR_NLU] if parts else ""


def sentences(text: str) -> list[str]:
    """The sentences of a message of several, for the safety check: at most ``MAX_SENTENCES`` (the last ones,
    where a story usually ends with what matters), each of at least two words; empty for a one-sentence message."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if len(p.split()) >= 2]
    if len(parts) < 2:
        return []
    return [p[:MAX_TEXT_FOR_NLU] for p in parts[-MAX_SENTENCES:]]
