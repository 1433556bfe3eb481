"""`sanad letter read FILE [--json]`: one JSON object with exactly the keys volunteers and tests rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.letters import by_name, letter_pdf

KEYS = ["kind", "decision_date", "rule", "deadline", "topic", "confidence"]


def sanad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120)


def test_read_json_prints_the_kind_dates_rule_and_topic(tmp_path: Path) -> None:
    path = tmp_path / "brev.pdf"
    path.write_bytes(letter_pdf(by_name("family_child_numeric")))
    done = sanad("letter", "read", str(path), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert list(result) == KEYS
    assert result == {
        "kind": "family_reunification_refusal",
        "decision_date": "2026-12-02",
        "rule": "iab_appeal",
        "deadline": "2027-01-27",
        "topic": "family_reunification",
        "confidence": "high",
    }
    assert "Huda" not in done.stderr  # nothing of the letter is logged


def test_a_file_that_is_no_letter_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "brev.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    done = sanad("letter", "read", str(path), "--json")
    assert done.returncode == 2 and "broken" in done.stderr and done.stdout == ""
