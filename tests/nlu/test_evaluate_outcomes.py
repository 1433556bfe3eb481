"""How ``sanad nlu evaluate`` counts an answer: a distress message is answered by care (the check-in or the
emergency message), as ``sanad nlu safety`` counts it, and a topic page alone is a wrong answer to it."""

from __future__ import annotations

from bot.core.policy import Thresholds
from bot.nlu import evaluate

T = Thresholds(emergency=0.4, answer=0.6, candidate=0.05, distress=0.15, emergency_watch=0.1)
TOPICS = frozenset({"mental_health_support", "documents"})


def scored(text: str, gold: str, ranking: tuple[tuple[str, float], ...]) -> evaluate.Scored:
    return evaluate.Scored(text, gold, ranking, 1.0, False, False, "")


def test_care_for_a_distress_message_is_a_right_answer_and_a_page_alone_is_not() -> None:
    result = evaluate.score(
        [
            # the emergency note for a possible danger, then the mental-health page
            scored("a", "distress", (("mental_health_support", 0.7), ("emergency", 0.2), ("distress", 0.1))),
            # the check-in
            scored("b", "distress", (("distress", 0.7), ("documents", 0.2))),
            # the mental-health page with no care at all
            scored("c", "distress", (("mental_health_support", 0.95), ("distress", 0.05))),
            # an ordinary question answered with a page of another topic is wrong, as always
            scored("d", "documents", (("mental_health_support", 0.9),)),
        ],
        T,
        TOPICS,
    )
    assert result["answered_correct"] == 0.5 and result["answered_wrong"] == 0.5
