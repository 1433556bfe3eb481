"""A message typed right after a "did you mean", instead of a tap, is read among the topics offered (unit tests of
``bot.nlu.understanding.among_offered`` with written rankings; the whole turn runs with Rasa in the engine tests)."""

from __future__ import annotations

import pytest

from bot.content.model import Content
from bot.content.provider import ContentProvider
from bot.core.policy import Decision, Kind, Thresholds, decide
from bot.nlu.understanding import Understood, among_offered
from bot.settings import Settings

OFFERED = ["protection_status", "revocation_reasons", "permit_duration_extension"]
# "and how do I know which one I have?": the status leads three times the runner-up, not enough alone
NARROWING = (("protection_status", 0.36), ("revocation_process", 0.12), ("out_of_scope", 0.06), ("emergency", 0.02))


@pytest.fixture(scope="module")
def content(settings: Settings) -> Content:
    return ContentProvider(settings.content_dir).current


@pytest.fixture(scope="module")
def thresholds(settings: Settings) -> Thresholds:
    return settings.thresholds()


def understood(ranking: tuple[tuple[str, float], ...], content: Content, thresholds: Thresholds) -> Understood:
    decision = decide(ranking, thresholds, frozenset(content.topics), False, False, 0.0, content.neighbours)
    return Understood(decision, True, ranking)


def test_alone_the_message_is_not_answered(content: Content, thresholds: Thresholds) -> None:
    assert understood(NARROWING, content, thresholds).decision.kind is not Kind.ANSWER


def test_a_leader_among_the_offered_topics_is_answered_with_the_others_under_it(
    content: Content, thresholds: Thresholds
) -> None:
    after = among_offered(understood(NARROWING, content, thresholds), OFFERED, content, thresholds).decision
    assert after.kind is Kind.ANSWER and after.intent == "protection_status"
    assert after.candidates[:2] == ("revocation_reasons", "permit_duration_extension")


def test_a_leader_that_was_not_offered_is_not_answered(content: Content, thresholds: Thresholds) -> None:
    before = understood(NARROWING, content, thresholds)
    assert among_offered(before, ["travel_abroad", "documents"], content, thresholds) == before
    assert among_offered(before, [], content, thresholds) == before


def test_a_tie_stays_a_tie(content: Content, thresholds: Thresholds) -> None:
    tie = (("protection_status", 0.40), ("revocation_reasons", 0.35), ("out_of_scope", 0.05))
    before = understood(tie, content, thresholds)
    assert among_offered(before, OFFERED, content, thresholds) == before


def test_danger_is_never_outvoted(content: Content, thresholds: Thresholds) -> None:
    sure = Understood(Decision(Kind.EMERGENCY, "emergency"), True, (("emergency", 0.9), ("protection_status", 0.1)))
    assert among_offered(sure, OFFERED, content, thresholds) == sure
    possible = Understood(Decision(Kind.EMERGENCY, "emergency", possible=True), True, NARROWING)
    after = among_offered(possible, OFFERED, content, thresholds).decision
    assert after.kind is Kind.EMERGENCY and after.then is not None and after.then.intent == "protection_status"
