"""Understanding a letter's text: its kind, its dates, the deadline rule that applies and the last day.

``understand(letter, content) -> LetterReading``. The letter's own date is the first date printed after a
word such as "Brevdato" or on a line of its own near the top (the header). The decision date is a date printed
right after words such as "traf på mødet" (the Refugee Appeals Board decides at a meeting and writes later);
otherwise, for a decision, it is the letter's date. Dates after words for other events (an application, an
interview, a birth, an earlier decision) are never taken. The words are content (``content/letters.yaml``).

The deadline is computed by the deadline calculator (``bot.deadlines.calculator.compute``) with the kind's
rule from ``content/deadlines.yaml``, as if the letter came by Digital Post (e-Boks) on its date. It is
computed only when the reading is sure: the kind is clear, the date was found where it should be, and a
photo was read with good OCR confidence. Otherwise ``deadline`` is None and the bot asks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from bot.content.model import Content
from bot.content.schema import DeadlineRule, LetterKind, LettersFile, NoDateChoice
from bot.deadlines.calculator import Computation, compute
from bot.deadlines.dates import PrintedDate, printed_dates
from bot.letters.kinds import KindMatch, match_kind, phrase_in
from bot.letters.reading import LetterText
from bot.text.danish import fold_danish

Confidence = Literal["high", "medium", "low"]
# OCR mean word confidence (0-100) under which the text is not trusted for a deadline / at all.
OCR_SURE = 75.0
OCR_USABLE = 50.0
# How many characters before a date are searched for the words that say which date it is.
CUE_WINDOW = 45
# A header date (the letter's own date, on a line of its own) is looked for in this first share of the lines.
HEADER_SHARE = 0.4
HEADING_MAX_CHARS = 140
_WEEKDAYS = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)"
_DATE_LINE_NOISE = re.compile(rf"(?i)\b(?:{_WEEKDAYS}|den|d\.)\b|[\s,.:]")

_NAME_WORD = re.compile(r"[A-ZÆØÅ][a-zæøåé]*(?:-[A-ZÆØÅ]?[a-zæøåé]+)*")
DateRole = Literal["decision", "letter", "other", "none"]


@dataclass(frozen=True)
class LetterReading:
    """What the reader understood. ``kind`` is None when no phrase of any kind was found.

    - ``heading``: the line of the letter that named the kind, quoted in Danish (None if not found);
    - ``letter_date``, ``decision_date`` (None for a letter that is not a decision, or not found);
    - ``rule``: the id of the deadline rule or ``without_a_date`` entry of the kind (None: the kind has none);
    - ``computation``: the calculator's result with Digital Post (None when not computed: no rule with a
      period, or not sure);
    - ``confidence``: ``high`` (kind and date clear), ``medium`` (a kind, but something is thin: its date not
      found where expected, or OCR just usable) or ``low`` (no kind, two kinds, or unreadable OCR);
    - ``ambiguous_with``: the other kind when two matched about equally.
    """

    kind: LetterKind | None
    heading: str | None
    letter_date: dt.date | None
    decision_date: dt.date | None
    rule: str | None
    computation: Computation | None
    confidence: Confidence
    ambiguous_with: LetterKind | None
    source: Literal["pdf", "ocr"]

    @property
    def sure(self) -> bool:
        return self.confidence == "high"

    @property
    def deadline(self) -> dt.date | None:
        return self.computation.last_day if self.computation else None

    @property
    def topic(self) -> str | None:
        return self.kind.topic if self.kind else None

    def as_json(self) -> dict[str, Any]:
        """The reading for ``sanad letter read --json``: exactly ``kind``, ``decision_date``, ``rule``,
        ``deadline``, ``topic``, ``confidence`` (dates ISO 8601 or null)."""
        return {
            "kind": self.kind.id if self.kind else None,
            "decision_date": self.decision_date.isoformat() if self.decision_date else None,
            "rule": self.rule,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "topic": self.topic,
            "confidence": self.confidence,
        }


def understand(letter: LetterText, content: Content) -> LetterReading:
    """Read ``letter`` (its text, how it was read) against the content's letter kinds and deadline rules.

    Raises ``LookupError`` when the content has no ``letters.yaml``."""
    letters = content.letters
    if letters is None:
        raise LookupError("content/letters.yaml is missing")
    matched = match_kind(letter.text, letters)
    kind = matched.kind
    roles = _date_roles(letter.text, letters)
    letter_date, letter_date_found = _letter_date(letter.text, roles)
    decision_date: dt.date | None = None
    if kind is not None and kind.decision:
        decision_date = next((d.date for d, role in roles if role == "decision"), None) or letter_date
    confidence = _confidence(letter, matched, kind, letter_date_found, decision_date)
    rule = kind.deadline if kind else None
    computation = None
    deadline_rule = _rule(content, rule)
    if confidence == "high" and deadline_rule is not None and decision_date is not None and letter_date is not None:
        start = decision_date if deadline_rule.counts_from == "decision_date" else letter_date
        computation = compute(deadline_rule, content.deadlines.receipt, start, "digital")
    return LetterReading(
        kind=kind,
        heading=_heading(letter.text, matched),
        letter_date=letter_date,
        decision_date=decision_date,
        rule=rule,
        computation=computation,
        confidence=confidence,
        ambiguous_with=matched.runner_up if matched.tie else None,
        source=letter.source,
    )


def rule_of(content: Content, rule_id: str | None) -> DeadlineRule | NoDateChoice | None:
    """The deadline rule or ``without_a_date`` entry called ``rule_id`` in deadlines.yaml, or None."""
    choices: list[DeadlineRule | NoDateChoice] = [*content.deadlines.rules, *content.deadlines.without_a_date]
    return next((choice for choice in choices if choice.id == rule_id), None)


def _rule(content: Content, rule_id: str | None) -> DeadlineRule | None:
    found = rule_of(content, rule_id)
    return found if isinstance(found, DeadlineRule) else None


def _confidence(
    letter: LetterText,
    matched: KindMatch,
    kind: LetterKind | None,
    letter_date_found: bool,
    decision_date: dt.date | None,
) -> Confidence:
    ocr = letter.ocr_confidence
    unreadable = letter.source == "ocr" and (ocr is None or ocr < OCR_USABLE)
    if kind is None or matched.tie or matched.only_hints or unreadable:
        return "low"
    if not matched.sure or (letter.source == "ocr" and ocr is not None and ocr < OCR_SURE):
        return "medium"
    if kind.decision and (decision_date is None or not letter_date_found):
        return "medium"
    return "high"


def _date_roles(text: str, letters: LettersFile) -> list[tuple[PrintedDate, DateRole]]:
    """Every full date in ``text`` with the role the words right before it give it (the nearest words win)."""
    cues: list[tuple[str, DateRole]] = [
        *((w, "decision") for w in letters.decision_date_words),
        *((w, "letter") for w in letters.letter_date_words),
        *((w, "other") for w in letters.other_date_words),
    ]
    roles: list[tuple[PrintedDate, DateRole]] = []
    for printed in printed_dates(text):
        before = fold_danish(text[max(0, printed.start - CUE_WINDOW) : printed.start])
        best: tuple[int, int, DateRole] | None = None  # (where the cue ends, its length, role)
        for words, role in cues:
            folded = fold_danish(words)
            at = before.rfind(folded)
            if at >= 0 and phrase_in(words, before[at:]):
                candidate = (at + len(folded), len(folded), role)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        roles.append((printed, best[2] if best else "none"))
    return roles


def _letter_date(text: str, roles: list[tuple[PrintedDate, DateRole]]) -> tuple[dt.date | None, bool]:
    """The letter's own date, and whether it was found where a letter prints it (after "Brevdato" or alone at
    the end of a header line). Otherwise the first date that is not some other event's, not found for sure."""
    labelled = next((d.date for d, role in roles if role == "letter"), None)
    if labelled is not None:
        return labelled, True
    header_end = int(len(text) * HEADER_SHARE) + 1
    for printed, role in roles:
        if role != "none" or printed.start > header_end:
            continue
        line_start = text.rfind("\n", 0, printed.start) + 1
        line_end = text.find("\n", printed.end)
        after = text[printed.end : line_end if line_end >= 0 else len(text)]
        before = text[line_start : printed.start]
        # Alone on its line ("Torsdag den 22. oktober 2026"), or at the end of a header line after wide space
        # or a name ("Fatima Alloush    2. november 2026" as OCR reads two columns).
        if not _DATE_LINE_NOISE.sub("", after) and (
            not _DATE_LINE_NOISE.sub("", before) or "  " in before or _looks_like_name(before)
        ):
            return printed.date, True
    fallback = next((d.date for d, role in roles if role in ("none", "decision")), None)
    return fallback, False


def _looks_like_name(before: str) -> bool:
    """Two to four capitalised words and nothing else: a name in the address block, beside the date."""
    words = _DATE_LINE_NOISE.sub(" ", before).split()
    return 1 < len(words) <= 4 and all(_NAME_WORD.fullmatch(word) for word in words)


def _heading(text: str, matched: KindMatch) -> str | None:
    """The first line of the letter that holds one of the kind's phrases, as printed (shortened if long)."""
    if matched.kind is None:
        return None
    strong = [p for p in matched.found if p in matched.kind.phrases] or list(matched.found)
    for line in text.splitlines():
        folded = fold_danish(line)
        if any(phrase_in(phrase, folded) for phrase in strong):
            line = line.strip()
            return line if len(line) <= HEADING_MAX_CHARS else line[: HEADING_MAX_CHARS - 1].rstrip() + "…"
    return None
