"""A letter's text from its file: the text layer of a PDF, or Tesseract OCR (Danish) of a photo or a scanned PDF.

Everything happens in memory: the bytes come in, the text goes out, nothing is written by this module and
nothing about the letter is logged. (pytesseract hands the image to the ``tesseract`` program through a
temporary file of its own, in the system's temporary folder, which it deletes as soon as Tesseract has read
it.) Limits follow Telegram's: at most ``MAX_BYTES`` (20 MB, what a bot may download) and ``MAX_PAGES``.

``read_letter(data) -> LetterText`` or raises ``Unreadable`` with a ``reason`` the bot turns into a kind answer:

| reason | when |
|---|---|
| ``too_large`` | more than 20 MB, or more than 20 pages |
| ``encrypted`` | a PDF protected by a password |
| ``broken`` | a PDF or image that cannot be opened |
| ``not_a_letter`` | neither a PDF nor an image |
| ``no_text`` | nothing readable: a blank page, a photo too blurred or dark |
| ``no_ocr`` | Tesseract or its Danish data is not installed (see the Makefile) |
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from PIL import Image, ImageChops, ImageFilter, ImageOps, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 20
# A scanned PDF is read by OCR page by page; the decision is on the first pages.
MAX_OCR_PAGES = 3
OCR_LANGUAGE = "dan"
# A PDF page with fewer letters than this in its text layer is taken for a scan and read by OCR.
MIN_TEXT_LAYER_LETTERS = 40
# Photos are scaled so that their longer side is about this many pixels (Tesseract reads 10-12 pt text best
# at roughly 300 dpi, which an A4 page at this size is close to).
OCR_LONG_SIDE_PX = 2400
RENDER_SCALE = 300 / 72
# A page read with a lower mean word confidence (0-100) may lie on its side: it is turned and read again.
TURN_WHEN_BELOW = 60.0
# One page may take Tesseract at most this long (seconds); the person waits for the answer.
OCR_TIMEOUT_S = 30
# All OCR of one letter (its pages, and the turns of a sideways photo) stops after this many seconds.
OCR_BUDGET_S = 45
# Under this mean word confidence Tesseract is reading shapes, not text (a blank or very blurred photo).
MIN_OCR_CONFIDENCE = 35.0
TURNS = (0, 90, 270, 180)
# Deskewing: the angles tried (degrees), the width of the image they are tried on, what counts as ink (0-255
# after inversion), and the smallest tilt worth correcting.
SKEW_ANGLES = tuple(step / 4 for step in range(-32, 33))
SKEW_WIDTH_PX = 500
INK_LEVEL = 96
SKEW_MIN_DEGREES = 0.5

Reason = Literal["too_large", "encrypted", "broken", "not_a_letter", "no_text", "no_ocr"]
_LETTERS = re.compile(r"[A-Za-zÆØÅæøå]")


class Unreadable(Exception):
    """The file cannot be read as a letter; ``reason`` says why (see the module's table)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


@dataclass(frozen=True)
class LetterText:
    """What was read: the text (lines kept), how (``pdf`` text layer or ``ocr``), the number of pages, and for
    OCR Tesseract's mean word confidence (0-100; ``None`` for a text layer, which is exact)."""

    text: str
    source: Literal["pdf", "ocr"]
    pages: int
    ocr_confidence: float | None = None


def read_letter(data: bytes) -> LetterText:
    """The text of a letter given as the bytes of a PDF or an image (PNG, JPEG, WebP, ...).

    Raises ``Unreadable``. Never writes the bytes or the text anywhere."""
    if len(data) > MAX_BYTES:
        raise Unreadable("too_large")
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return _read_pdf(data)
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise Unreadable("not_a_letter" if isinstance(exc, UnidentifiedImageError) else "broken") from None
    return _checked(_ocr([image]), pages=1)


def _read_pdf(data: bytes) -> LetterText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Some PDFs are "encrypted" with an empty password only to restrict printing: they still read.
            try:
                if not reader.decrypt(""):
                    raise Unreadable("encrypted")
            except (NotImplementedError, PdfReadError, PyPdfError):  # e.g. AES without its crypto library
                raise Unreadable("encrypted") from None
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise Unreadable("too_large")
        texts = [page.extract_text() or "" for page in reader.pages]
    except Unreadable:
        raise
    except Exception:  # pypdf raises many kinds of error for damaged files
        raise Unreadable("broken") from None
    if pages == 0:
        raise Unreadable("broken")
    text = "\n".join(texts)
    if len(_LETTERS.findall(text)) >= MIN_TEXT_LAYER_LETTERS * pages or len(_LETTERS.findall(text)) >= 400:
        return LetterText(text, "pdf", pages)
    return _checked(_ocr(_render_pages(data, min(pages, MAX_OCR_PAGES))), pages=pages)


def _render_pages(data: bytes, count: int) -> list[Image.Image]:
    """The first ``count`` pages of a PDF as images, for OCR (a scan saved as a PDF has no text layer)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise Unreadable("broken") from None
    try:
        return [document[index].render(scale=RENDER_SCALE).to_pil() for index in range(count)]
    finally:
        document.close()


def _checked(read: tuple[str, float | None], pages: int) -> LetterText:
    text, confidence = read
    if len(_LETTERS.findall(text)) < MIN_TEXT_LAYER_LETTERS or (confidence or 0.0) < MIN_OCR_CONFIDENCE:
        raise Unreadable("no_text")
    return LetterText(text, "ocr", pages, confidence)


def _prepared(image: Image.Image) -> Image.Image:
    """A photo made easier to read: upright (EXIF), grey, scaled, uneven light evened out, contrast stretched."""
    image = ImageOps.exif_transpose(image) or image
    grey = ImageOps.grayscale(image.convert("RGB"))
    scale = OCR_LONG_SIDE_PX / max(grey.size)
    if scale > 1.2 or scale < 0.8:
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
    # Divide by the page's own brightness (a heavy blur) so that a shadow or a lamp does not hide the text.
    background = grey.filter(ImageFilter.GaussianBlur(radius=max(grey.size) // 40))
    evened = ImageChops.invert(ImageChops.subtract(background, grey, scale=1.0, offset=0))
    return ImageOps.autocontrast(evened, cutoff=1)


def _level(image: Image.Image, turn: int) -> Image.Image:
    """``image`` turned by ``turn`` degrees (a page photographed sideways), then its small tilt corrected."""
    if turn:
        image = image.rotate(turn, expand=True, fillcolor=255)
    angle = _skew(image)
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255) if angle else image


def _skew(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that makes the lines of text level: the one, among small angles,
    under which the rows of a small ink image differ most (level lines give rows of all ink and rows of none)."""
    ink = ImageOps.invert(image).point(lambda value: 255 if value > INK_LEVEL else 0)
    small = ink.resize((SKEW_WIDTH_PX, round(ink.height * SKEW_WIDTH_PX / ink.width)), Image.Resampling.BOX)

    def spread(angle: float) -> float:
        rows = list(
            small.rotate(angle, resample=Image.Resampling.BILINEAR)
            .resize((1, small.height), Image.Resampling.BOX)
            .tobytes()  # one byte per row: its mean ink
        )
        mean = fmean(rows)
        return fmean((row - mean) ** 2 for row in rows)

    best = max(SKEW_ANGLES, key=spread)
    return best if abs(best) >= SKEW_MIN_DEGREES else 0.0


def _ocr(images: list[Image.Image]) -> tuple[str, float | None]:
    """Tesseract's text (lines kept) and mean word confidence over ``images``; raises ``Unreadable("no_ocr")``
    when Tesseract or its Danish data is missing. A page read poorly is read again turned by a quarter, a half
    and three quarters (a photo taken sideways or upside down), and the best reading is kept. All of it stops
    after ``OCR_BUDGET_S``: the person is waiting, and their next message waits too."""
    lines: list[str] = []
    confidences: list[float] = []
    stop_at = time.monotonic() + OCR_BUDGET_S
    for image in images:
        prepared = _prepared(image)
        best: tuple[list[str], list[float]] = ([], [])
        for turn in TURNS:
            left = stop_at - time.monotonic()
            if left <= 1:
                break
            page_lines, page_confidences = _ocr_page(_level(prepared, turn), timeout_s=min(OCR_TIMEOUT_S, left))
            if _score(page_confidences) > _score(best[1]):
                best = (page_lines, page_confidences)
            if fmean(page_confidences or [0.0]) >= TURN_WHEN_BELOW:
                break
        lines += best[0]
        confidences += best[1]
    return "\n".join(lines), (fmean(confidences) if confidences else None)


def _score(confidences: list[float]) -> float:
    """How well a page was read: confident words count, many of them more than a few."""
    return sum(confidence for confidence in confidences if confidence >= TURN_WHEN_BELOW)


def _ocr_page(image: Image.Image, timeout_s: float) -> tuple[list[str], list[float]]:
    import pytesseract

    try:
        data = pytesseract.image_to_data(
            image, lang=OCR_LANGUAGE, output_type=pytesseract.Output.DICT, timeout=timeout_s
        )
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError):
        raise Unreadable("no_ocr") from None
    except RuntimeError:  # pytesseract's timeout: a page this hard to read is not read
        return [], []
    lines: list[str] = []
    confidences: list[float] = []
    current: tuple[int, int, int] | None = None
    words: list[str] = []
    for index, word in enumerate(data["text"]):
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        if key != current and words:
            lines.append(" ".join(words))
            words = []
        current = key
        if word.strip():
            words.append(word.strip())
            confidence = float(data["conf"][index])
            if confidence >= 0:
                confidences.append(confidence)
    if words:
        lines.append(" ".join(words))
    return lines, confidences
