"""Reading a letter's file: what cannot be read gets a reason the bot can explain kindly."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from bot.letters import reading
from bot.letters.reading import Unreadable, read_letter
from tests.support.letters import blank_photo, by_name, letter_pdf


def reason(data: bytes) -> str:
    with pytest.raises(Unreadable) as raised:
        read_letter(data)
    return raised.value.reason


def test_a_text_layer_is_read_exactly() -> None:
    letter = read_letter(letter_pdf(by_name("hearing_travel")))
    assert letter.source == "pdf" and letter.pages == 1 and letter.ocr_confidence is None
    assert "Partshøring - vi overvejer at inddrage din opholdstilladelse" in letter.text


def test_a_pdf_with_a_password_is_refused_as_encrypted() -> None:
    writer = PdfWriter()
    writer.append(io.BytesIO(letter_pdf(by_name("hearing_travel"))))
    writer.encrypt(user_password="hemmelig", owner_password="ejer")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert reason(buffer.getvalue()) == "encrypted"


def test_more_than_twenty_pages_is_too_large() -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for page in range(21):
        pdf.add_page()
        pdf.cell(0, 10, f"Side {page + 1}")
    assert reason(bytes(pdf.output())) == "too_large"


def test_more_than_twenty_megabytes_is_too_large() -> None:
    assert reason(b"%PDF-1.7\n" + b"0" * reading.MAX_BYTES) == "too_large"


def test_damaged_and_foreign_files() -> None:
    assert reason(b"%PDF-1.4 this is not really a PDF") == "broken"
    assert reason(letter_pdf(by_name("hearing_travel"))[:300]) == "broken"
    assert reason(b"PK\x03\x04 a zip archive, not a letter") == "not_a_letter"


def test_a_photo_of_nothing_has_no_text() -> None:
    assert reason(blank_photo()) == "no_text"


def test_without_tesseract_the_reason_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    assert reason(blank_photo()) == "no_ocr"
