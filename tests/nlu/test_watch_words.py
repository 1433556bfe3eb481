"""The emergency page's ``watch`` words ("حريق", "bleeding"): they tell of a danger as often as they belong to an
ordinary question, so the emergency message comes first and comes alone only when the NLU reads a danger too
(unit tests of ``bot.nlu.understanding.understand`` and ``bot.core.policy.decide`` with written rankings)."""

from __future__ import annotations

from typing import cast

from bot.content.model import Content
from bot.core.policy import Kind, Thresholds, decide
from bot.nlu.client import NluClient, Parse
from bot.nlu.understanding import understand

PAPERS_BURNT = "اوراقي كلها راحت بحريق ببيتنا بحمص سنة ٢٠١٣، كيف بطلع بدلها هون؟"
FIRE_NOW = "حريق بالمطبخ"


class Ranked:
    """An NLU that ranks every message (and each of its sentences) the same way."""

    def __init__(self, *ranking: tuple[str, float]) -> None:
        self.ranking = ranking

    async def parse(self, text: str) -> Parse:
        return Parse(self.ranking)


def test_the_fire_word_is_watched_not_sure(content: Content) -> None:
    assert content.watch_phrases.hit(PAPERS_BURNT) and content.watch_phrases.hit(FIRE_NOW)
    assert not content.danger_phrases.hit(PAPERS_BURNT)


def test_a_watch_word_is_a_possible_danger_followed_by_the_answer(thresholds: Thresholds) -> None:
    decision = decide([("documents", 0.9), ("emergency", 0.01)], thresholds, frozenset({"documents"}), watch_hit=True)
    assert decision.kind is Kind.EMERGENCY and decision.possible
    assert decision.then is not None and decision.then.intent == "documents"


async def test_an_ordinary_question_with_a_watch_word_keeps_its_answer(
    content: Content, thresholds: Thresholds
) -> None:
    nlu = cast(NluClient, Ranked(("documents", 0.9), ("emergency", 0.02)))
    decision = (await understand(PAPERS_BURNT, content, nlu, thresholds)).decision
    assert decision.kind is Kind.EMERGENCY and decision.possible  # the note with 112 first, as always
    assert decision.then is not None and decision.then.kind is Kind.ANSWER and decision.then.intent == "documents"


async def test_a_watch_word_the_model_reads_as_a_danger_gets_the_emergency_message_alone(
    content: Content, thresholds: Thresholds
) -> None:
    low = (thresholds.emergency_watch + thresholds.emergency) / 2  # a danger for the model, below its sure level
    nlu = cast(NluClient, Ranked(("centre_daily_life", 0.6), ("emergency", low)))
    decision = (await understand(FIRE_NOW, content, nlu, thresholds)).decision
    assert decision.kind is Kind.EMERGENCY and not decision.possible


async def test_without_the_model_a_watch_word_gets_the_emergency_message_alone(
    content: Content, thresholds: Thresholds
) -> None:
    understood = await understand(FIRE_NOW, content, None, thresholds)
    assert understood.decision.kind is Kind.EMERGENCY and not understood.decision.possible


async def test_stabbed_or_her_appeal_is_watched(content: Content, thresholds: Thresholds) -> None:
    """ "طعنها" is "stabbed her" and "her appeal" ("ريثما يُنظر في طعنها", while her appeal is examined): an appeal
    question keeps its answer after the note; a stabbing the model reads as a danger gets the emergency message."""
    appeal = "ابنتي تريد البقاء في الدنمارك ريثما يُنظر في طعنها، فما آخر يوم لتقديم الطعن؟"
    assert not content.danger_phrases.hit(appeal) and content.watch_phrases.hit(appeal)
    nlu = cast(NluClient, Ranked(("appeal_deadlines", 0.8), ("emergency", 0.01)))
    decision = (await understand(appeal, content, nlu, thresholds)).decision
    assert decision.possible and decision.then is not None and decision.then.intent == "appeal_deadlines"
    danger = cast(NluClient, Ranked(("emergency", 0.25), ("out_of_scope", 0.2)))
    decision = (await understand("طعنوه بالشارع", content, danger, thresholds)).decision
    assert decision.kind is Kind.EMERGENCY and not decision.possible
