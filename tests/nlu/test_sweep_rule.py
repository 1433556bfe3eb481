"""``sanad nlu evaluate --sweep`` keeps within ``max_wrong`` whenever some setting can (unit test of
``bot.nlu.evaluate.sweep`` with written rankings)."""

from __future__ import annotations

from bot.core.policy import Thresholds
from bot.nlu import evaluate

SAFETY = Thresholds(emergency=0.4, answer=0.6, candidate=0.05)


def scored(gold: str, ranking: tuple[tuple[str, float], ...]) -> evaluate.Scored:
    return evaluate.Scored("", gold, ranking, 1.0, False, False, "")


def test_a_setting_over_the_wrong_limit_is_not_chosen_when_another_keeps_within_it() -> None:
    messages = [
        scored("a", (("b", 0.99),)),  # answered wrongly by every setting: 1 of 200, the limit itself
        scored("a", (("b", 0.66), ("a", 0.3))),  # answered wrongly only by the looser settings
        *[scored("a", (("a", 0.65), ("c", 0.3))) for _ in range(4)],  # answered rightly by the same looser ones
        *[scored("a", (("a", 0.99),)) for _ in range(194)],
    ]
    chosen, best = evaluate.sweep(messages, frozenset({"a", "b", "c"}), SAFETY, max_wrong=0.005)
    assert evaluate.score(messages, chosen, frozenset({"a", "b", "c"}))["answered_wrong"] <= 0.005
    assert all(row["answered_wrong"] <= 0.005 for row in best)
