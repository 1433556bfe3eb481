"""The letter reader on letters written for these tests (``tests/support/letters.py``): every PDF, phone-like
photos and a scan give the right kind, decision date and deadline; a reading that is not sure never states one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from bot.content.loader import load_content
from bot.content.model import Content
from bot.letters.reader import understand
from bot.letters.reading import LetterText, read_letter
from tests.support.letters import LETTERS, Letter, by_name, letter_pdf, letter_photo, scanned_pdf

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded = load_content(CONTENT_DIR)
    assert loaded.content is not None
    return loaded.content


def expected(letter: Letter) -> dict[str, object]:
    return {
        "kind": letter.kind,
        "decision_date": letter.decision_date.isoformat() if letter.decision_date else None,
        "rule": letter.rule,
        "deadline": letter.deadline.isoformat() if letter.deadline else None,
    }


def read(data: bytes, content: Content) -> dict[str, object]:
    return understand(read_letter(data), content).as_json()


@pytest.mark.parametrize("letter", LETTERS, ids=lambda letter: letter.name)
def test_every_pdf_is_read_right_and_sure(letter: Letter, content: Content) -> None:
    result = read(letter_pdf(letter), content)
    assert {key: result[key] for key in expected(letter)} == expected(letter)
    assert result["confidence"] == "high"


PHOTOS = [
    ("family_child_numeric", {"tilt": 1.5, "blur": 0.6, "shadow": 0.3}, 0),
    ("rab_upheld_non_extension", {"tilt": 3.5, "blur": 1.2, "shadow": 0.6}, 0),
    ("dublin_germany", {"tilt": -2.0, "blur": 1.0, "shadow": 0.5}, 0),
    ("family_spouse", {"tilt": 2.0, "blur": 0.8, "shadow": 0.4}, 90),  # taken sideways
]


@pytest.mark.parametrize(("name", "distortion", "turned"), PHOTOS, ids=[p[0] for p in PHOTOS])
def test_phone_photos_are_read_by_ocr(name: str, distortion: dict[str, float], turned: int, content: Content) -> None:
    letter = by_name(name)
    photo = letter_photo(letter, **distortion)
    if turned:
        image = Image.open(io.BytesIO(photo)).rotate(turned, expand=True)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=80)
        photo = buffer.getvalue()
    result = read(photo, content)
    assert {key: result[key] for key in expected(letter)} == expected(letter)


def test_a_scanned_pdf_without_a_text_layer_is_read_by_ocr(content: Content) -> None:
    letter = by_name("rab_meeting")
    letter_text = read_letter(scanned_pdf(letter))
    assert letter_text.source == "ocr"
    result = understand(letter_text, content).as_json()
    assert result["kind"] == "rab_final_decision" and result["decision_date"] == "2026-09-15"  # not the 18th


def test_two_kinds_at_once_give_no_deadline(content: Content) -> None:
    text = (
        "Udlændingestyrelsen\nBrevdato: 14. oktober 2026\nAfslag på familiesammenføring\n"
        "Du skal overføres til Tyskland efter Dublinforordningen. Klage til Udlændingenævnet."
    )
    reading = understand(LetterText(text, "pdf", 1), content)
    assert reading.confidence == "low" and reading.ambiguous_with is not None
    assert reading.deadline is None


def test_a_residence_letter_with_no_known_phrase_has_no_kind(content: Content) -> None:
    text = "Udlændingestyrelsen\nBrevdato: 3. november 2026\nVi har modtaget dine papirer om din opholdstilladelse."
    result = understand(LetterText(text, "pdf", 1), content).as_json()
    assert result == {
        "kind": None,
        "decision_date": None,
        "rule": None,
        "deadline": None,
        "topic": None,
        "confidence": "low",
    }


def test_a_letter_without_any_residence_word_is_not_about_residence(content: Content) -> None:
    text = "Fodboldklubben Vest\n3. november 2026\nTak for din tilmelding. Træningen er hver tirsdag kl. 17."
    reading = understand(LetterText(text, "pdf", 1), content)
    assert reading.kind is not None and reading.kind.id == "not_residence"
    assert reading.confidence == "medium" and reading.deadline is None


def test_a_poor_ocr_reading_states_no_deadline(content: Content) -> None:
    letter = by_name("dublin_germany")
    pdf_text = read_letter(letter_pdf(letter)).text
    reading = understand(LetterText(pdf_text, "ocr", 1, ocr_confidence=62.0), content)
    assert reading.kind is not None and reading.kind.id == "dublin_decision"
    assert reading.confidence == "medium" and reading.deadline is None
