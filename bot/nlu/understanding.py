"""Understanding a typed message before anything else: the volunteers' safety phrases, then the NLU's ranking,
then the decision policy. Touches no stored state, so it runs before Redis is read and during its outages."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

from bot.content.model import Content
from bot.core.policy import DISTRESS, EMERGENCY, Decision, Kind, Thresholds, decide
from bot.nlu.client import NluClient, NluUnavailable

log = logging.getLogger(__name__)

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
        parses = await asyncio.gather(nlu.parse(text[:MAX_TEXT_FOR_NLU]), *map(nlu.parse, sentences(text)))
    except NluUnavailable:
        log.warning("NLU unavailable; only the safety phrases were checked")
        return Understood(decide((), thresholds, topics, False, distress_hit), False)
    ranking = parses[0].ranking
    by_sentence = [dict(p.ranking) for p in parses[1:]]
    sentence_emergency = max((r.get(EMERGENCY, 0.0) for r in by_sentence), default=0.0)
    if any(r.get(DISTRESS, 0.0) >= thresholds.distress for r in by_sentence):
        distress_hit = True
    return Understood(decide(ranking, thresholds, topics, False, distress_hit, sentence_emergency), True)


def sentences(text: str) -> list[str]:
    """The sentences of a message of several, for the safety check: at most ``MAX_SENTENCES`` (the last ones,
    where a story usually ends with what matters), each of at least two words; empty for a one-sentence message."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if len(p.split()) >= 2]
    if len(parts) < 2:
        return []
    return [p[:MAX_TEXT_FOR_NLU] for p in parts[-MAX_SENTENCES:]]
