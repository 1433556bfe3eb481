"""``pipeline_code``: what tells ``sanad nlu serve`` to restart Rasa rather than swap a model in. A running Rasa
server keeps the text rules it imported when it started, so a model trained on changed rules must not be swapped
into it (it would parse with the old normaliser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu import training_data
from bot.nlu.training_data import pipeline_code


@pytest.fixture
def nlu_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "normaliser.py").write_text("RULES = 1\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "examples.yml").write_text("nlu: []\n")
    rules = tmp_path / "arabic.py"
    rules.write_text("LETTERS = {}\n")
    monkeypatch.setattr(training_data, "PIPELINE_TEXT_SOURCES", (rules,))
    return tmp_path


def test_a_changed_text_rule_or_component_changes_the_pipeline_code(nlu_dir: Path) -> None:
    before = pipeline_code(nlu_dir)
    (nlu_dir / "arabic.py").write_text("LETTERS = {'ە': 'ه'}\n")
    after_rule = pipeline_code(nlu_dir)
    (nlu_dir / "components" / "normaliser.py").write_text("RULES = 2\n")
    after_component = pipeline_code(nlu_dir)
    assert len({before, after_rule, after_component}) == 3


def test_new_examples_leave_the_pipeline_code_alone(nlu_dir: Path) -> None:
    before = pipeline_code(nlu_dir)
    (nlu_dir / "data" / "examples.yml").write_text("nlu: [{intent: greet, examples: '- hej'}]\n")
    assert pipeline_code(nlu_dir) == before  # a swap is enough: the server's code did not change
