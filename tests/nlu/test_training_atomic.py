"""Training writes the model under its final name only when Rasa succeeded (unit test of
``bot.nlu.rasa_process.train`` with a stand-in for Rasa's command line: a script that writes part of an archive)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlu.rasa_process import RasaError, train

FAKE_RASA = """#!/bin/sh
while [ $# -gt 0 ]; do
  case "$1" in --out) out=$2; shift;; --fixed-model-name) name=$2; shift;; esac
  shift
done
printf 'half an archive' > "$out/$name.tar.gz"
exit $FAKE_RASA_EXIT
"""


@pytest.fixture
def nlu_dir(tmp_path: Path) -> Path:
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_RASA)
    python.chmod(0o755)
    (tmp_path / ".build").mkdir()
    return tmp_path


def test_a_failed_training_leaves_no_model_that_a_later_run_would_keep(
    nlu_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_RASA_EXIT", "1")  # Rasa stopped after writing part of the archive
    with pytest.raises(RasaError):
        train(nlu_dir, nlu_dir, "abc")
    assert list((nlu_dir / "models").iterdir()) == []  # neither the model's name nor the partial file
    monkeypatch.setenv("FAKE_RASA_EXIT", "0")
    model, trained = train(nlu_dir, nlu_dir, "abc")  # so the next run trains again instead of keeping it
    assert trained and model.name == "sanad-abc.tar.gz" and model.read_text() == "half an archive"
    assert [p.name for p in (nlu_dir / "models").iterdir()] == ["sanad-abc.tar.gz"]
