"""The decision policy shared by the engine and `sanad nlu evaluate`."""

from __future__ import annotations

from bot.engine.policy import Decision, Kind, Thresholds, decide, keyword_hit

TOPICS = frozenset({"appeal_deadlines", "deadline_calculator", "free_lawyer", "return_centres"})
T = Thresholds(emergency=0.1, answer=0.6, candidate=0.1, margin=0.1)


def test_emergency_first_even_when_another_intent_ranks_higher() -> None:
    ranking = [("return_centres", 0.8), ("emergency", 0.15)]
    assert decide(ranking, T, TOPICS) == Decision(Kind.EMERGENCY, "emergency")


def test_emergency_keyword_overrides_the_ranking() -> None:
    assert decide([("out_of_scope", 0.99)], T, TOPICS, keyword_hit=True).kind is Kind.EMERGENCY


def test_confident_answer() -> None:
    assert decide([("free_lawyer", 0.9), ("appeal_deadlines", 0.05)], T, TOPICS) == Decision(Kind.ANSWER, "free_lawyer")


def test_conversation_intent_is_answered_but_never_offered_as_a_button() -> None:
    assert decide([("greet", 0.95)], T, TOPICS) == Decision(Kind.ANSWER, "greet")
    clarify = decide([("greet", 0.4), ("free_lawyer", 0.3)], T, TOPICS)
    assert clarify == Decision(Kind.CLARIFY, candidates=("free_lawyer",))


def test_close_runner_up_asks_did_you_mean() -> None:
    ranking = [("appeal_deadlines", 0.62), ("deadline_calculator", 0.58), ("free_lawyer", 0.01)]
    assert decide(ranking, T, TOPICS) == Decision(Kind.CLARIFY, candidates=("appeal_deadlines", "deadline_calculator"))


def test_at_most_three_buttons() -> None:
    ranking = [("appeal_deadlines", 0.3), ("deadline_calculator", 0.25), ("free_lawyer", 0.2), ("return_centres", 0.2)]
    assert len(decide(ranking, T, TOPICS).candidates) == 3


def test_confident_out_of_scope_falls_back() -> None:
    assert decide([("out_of_scope", 0.9), ("free_lawyer", 0.05)], T, TOPICS).kind is Kind.FALLBACK


def test_unsure_out_of_scope_with_a_plausible_topic_clarifies() -> None:
    decision = decide([("out_of_scope", 0.45), ("free_lawyer", 0.4)], T, TOPICS)
    assert decision == Decision(Kind.CLARIFY, candidates=("free_lawyer",))


def test_nothing_plausible_falls_back() -> None:
    assert decide([("free_lawyer", 0.05)], T, TOPICS).kind is Kind.FALLBACK
    assert decide([], T, TOPICS).kind is Kind.FALLBACK


def test_keyword_matches_whole_words_only() -> None:
    assert keyword_hit("والله بدي انتحر خلص", ["بدي انتحر"])
    assert not keyword_hit("بدي انتحرير الملف", ["بدي انتحر"])
    assert not keyword_hit("anything", [""])
    assert keyword_hit("ابني وقع وما عم يتنفس", ["ما عم يتنفس"])  # with the conjunction و attached
