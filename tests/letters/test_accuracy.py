"""How well the reader does on letters it was not tuned on (``HELD_OUT`` in ``tests/support/letters.py``, worded
differently from the phrases in content/letters.yaml), as PDFs and as phone photos: the kind right for at least
0.9 of them, the decision date for at least 0.95, and never a wrong deadline stated as sure."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.model import Content
from bot.letters.reader import understand
from bot.letters.reading import read_letter
from tests.support.letters import HELD_OUT, Letter, letter_pdf, letter_photo

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
PHOTOGRAPHED = ("ho_hearing", "ho_rab", "ho_family", "ho_dublin", "ho_reporting", "ho_kommune")


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_content(CONTENT_DIR)
    assert loaded.content is not None
    return loaded.content


def score(letters: list[tuple[Letter, bytes]], content: Content) -> tuple[float, float, list[str]]:
    """Share of kinds right, share of decision dates right, and the letters given a wrong deadline."""
    kinds = dates = 0
    wrong_deadlines = []
    for letter, data in letters:
        result = understand(read_letter(data), content).as_json()
        kinds += result["kind"] == letter.kind
        dates += result["decision_date"] == (letter.decision_date.isoformat() if letter.decision_date else None)
        if result["deadline"] is not None and result["deadline"] != (letter.deadline and letter.deadline.isoformat()):
            wrong_deadlines.append(letter.name)
    return kinds / len(letters), dates / len(letters), wrong_deadlines


def test_held_out_pdfs(content: Content) -> None:
    kinds, dates, wrong = score([(letter, letter_pdf(letter)) for letter in HELD_OUT], content)
    assert kinds >= 0.9 and dates >= 0.95 and wrong == [], (kinds, dates, wrong)


def test_held_out_photos(content: Content) -> None:
    photographed = [letter for letter in HELD_OUT if letter.name in PHOTOGRAPHED]
    kinds, dates, wrong = score([(letter, letter_photo(letter, tilt=-1.5, seed=7)) for letter in photographed], content)
    assert kinds >= 0.9 and dates >= 0.95 and wrong == [], (kinds, dates, wrong)
