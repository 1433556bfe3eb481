"""``sanad nlu evaluate`` reports by style when the test file gives one (Rasa's long form with metadata)."""

from __future__ import annotations

from pathlib import Path

from bot.core.policy import Thresholds
from bot.nlu import evaluate
from bot.nlu.test_data import read_labelled

T = Thresholds(emergency=0.3, answer=0.6, candidate=0.05)


def test_styles_are_read_from_the_long_form(tmp_path: Path) -> None:
    path = tmp_path / "held.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: free_lawyer\n  examples:\n'
        '  - text: "bdi m7ami balash"\n    metadata: {style: arabizi}\n'
        '  - text: "I need a free lawyer"\n    metadata: {style: english}\n',
        encoding="utf-8",
    )
    assert read_labelled(path) == [
        ("bdi m7ami balash", "free_lawyer", "arabizi"),
        ("I need a free lawyer", "free_lawyer", "english"),
    ]


def test_figures_by_style() -> None:
    scored = [
        evaluate.Scored("a", "free_lawyer", (("free_lawyer", 0.9),), 1.0, False, False, "arabizi"),
        evaluate.Scored("b", "free_lawyer", (("documents", 0.9),), 1.0, False, False, "arabizi"),
        evaluate.Scored("c", "free_lawyer", (("free_lawyer", 0.9),), 1.0, False, False, "english"),
    ]
    result = evaluate.score(scored, T, frozenset({"free_lawyer", "documents"}))
    assert result["by_style"]["arabizi"] == {
        "n": 2,
        "intent_accuracy": 0.5,
        "answered_correct": 0.5,
        "answered_wrong": 0.5,
    }
    assert result["by_style"]["english"]["intent_accuracy"] == 1.0
    assert "arabizi" in evaluate.format_report(result)
