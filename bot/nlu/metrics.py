"""Classification metrics computed by hand (the bot's environment has no scikit-learn)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else 0.0


def f1_per_label(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """F1 of every label that occurs in ``gold``."""
    pairs = list(zip(gold, predicted, strict=True))
    true_pos = Counter(g for g, p in pairs if g == p)
    gold_count = Counter(gold)
    pred_count = Counter(predicted)
    scores = {}
    for label in sorted(gold_count):
        precision = true_pos[label] / pred_count[label] if pred_count[label] else 0.0
        recall = true_pos[label] / gold_count[label]
        scores[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = f1_per_label(gold, predicted)
    return sum(scores.values()) / len(scores) if scores else 0.0


def confusions(gold: Sequence[str], predicted: Sequence[str], most: int = 15) -> list[tuple[str, str, int]]:
    counts = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in counts.most_common(most)]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile, ``q`` in 0..100."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]
