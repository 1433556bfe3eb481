"""The letter reader as a conversation: a PDF or a photo of a letter in, what it seems to be and until when out.

A document (PDF or image) or a photo sent in a private chat, outside an adviser case, is downloaded through the
transport (``Engine.download``: ``getFile``), read in memory (``bot.letters.reading``) in a worker thread,
understood (``bot.letters.reader``) and forgotten: neither the file nor its text is stored, logged or
forwarded. The answer names the kind (quoting the Danish heading), the letter's and the decision's date, what
it means (the opening of the topic that explains it) and, when the reading is sure, the deadline as the
deadline calculator shows it:

- a rule that counts from the decision date: the last day at once;
- a rule that counts from receipt: first how the letter came (digital post, paper, by hand). The rule and the
  letter's date travel in the buttons' payload (``lv:<delivery>-<rule>-<yyyymmdd>``), not in Redis;
- an entry of ``without_a_date`` (the person's own permit): what is known, never a date.

When the reader is not sure (poor OCR, no known phrases, two kinds) it says what it could read and offers the
deadline calculator and an adviser, never a date. Every answer says that the letter's own text counts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging

from bot.content.schema import DeadlineRule, NoDateChoice
from bot.core.turn import Button, Reply, Turn
from bot.deadlines.calculator import DELIVERIES, Delivery, receipt_rule
from bot.deadlines.dates import printed_dates
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.context import Context
from bot.engine.flows import deadline
from bot.engine.replies import View
from bot.handoff.cases import Case
from bot.letters.reader import LetterReading, rule_of, understand
from bot.letters.reading import MAX_BYTES, Unreadable, read_letter

log = logging.getLogger(__name__)

# How many of the dates the reader found are listed when it is not sure.
DATES_SHOWN = 4


def accepts(turn: Turn) -> bool:
    """A turn the letter reader answers: a file it may read (a PDF or an image)."""
    return turn.file_id is not None


async def read(ctx: Context) -> list[Reply]:
    """Download, read and explain the letter in ``ctx.turn``; the bytes and the text are dropped on return."""
    replies_, _understood = await _read(ctx)
    return replies_


async def read_if_letter(ctx: Context) -> list[Reply] | None:
    """Like ``read`` for a file sent with a caption: the explanation when the file is a letter the reader
    recognises; None when it is not (the caption is then answered as a typed question)."""
    replies_, understood = await _read(ctx)
    return replies_ if understood else None


async def _read(ctx: Context) -> tuple[list[Reply], bool]:
    """The replies, and whether the file was read and recognised as a kind of letter."""
    view, turn, engine = ctx.view, ctx.turn, ctx.engine
    content = view.content
    if content.letters is None or engine.download is None or turn.file_id is None:
        return [replies.unsupported(view)], False
    if turn.file_size is not None and turn.file_size > MAX_BYTES:
        return [_unreadable(view, "too_large")], False
    try:
        data = await engine.download(turn.file_id)
    except Exception as exc:  # the transport's failure types are not known here
        log.info("A letter could not be downloaded: %s", type(exc).__name__)
        return [_unreadable(view, "download")], False
    try:
        letter = await asyncio.to_thread(read_letter, data)
    except Unreadable as exc:
        log.info("A letter could not be read: %s", exc.reason)
        return [_unreadable(view, exc.reason)], False
    finally:
        del data
    reading = understand(letter, content)
    dates = [found.date for found in printed_dates(letter.text)]
    del letter
    log.info("letter read: kind=%s confidence=%s", reading.kind.id if reading.kind else "-", reading.confidence)
    if reading.kind is None or reading.confidence == "low":
        return [_unsure(view, reading, dates)], False
    return _explained(view, reading), True


async def note_for_advisers(ctx: Context, case: Case) -> None:
    """Inside an open case (the person agreed that advisers see what they send): the letter, already copied to
    the case's topic, is read and the reader's summary posted there as a note, in English, never to the person.
    Run as a background task: the person's next message, an emergency included, does not wait for the OCR."""
    engine, turn = ctx.engine, ctx.turn
    if engine.handoff is None or engine.download is None or turn.file_id is None or ctx.view.content.letters is None:
        return
    if turn.file_size is not None and turn.file_size > MAX_BYTES:
        return
    try:
        data = await engine.download(turn.file_id)
        letter = await asyncio.to_thread(read_letter, data)
    except Unreadable as exc:
        log.info("A letter in a case could not be read: %s", exc.reason)
        return
    except Exception as exc:  # the transport's failure types are not known here
        log.info("A letter in a case could not be downloaded: %s", type(exc).__name__)
        return
    reading = understand(letter, ctx.view.content)
    del data, letter
    await engine.handoff.note(case, _adviser_summary(reading))


def _adviser_summary(reading: LetterReading) -> str:
    """One plain-text line for the advisers: kind, dates, rule and last day (Digital Post), and how sure."""

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else "-"

    kind = reading.kind.title.get("en", reading.kind.id) if reading.kind else "unknown kind"
    parts = [
        f"Letter reader ({reading.confidence} confidence): {kind}",
        f"letter date {day(reading.letter_date)}",
        f"decision date {day(reading.decision_date)}",
    ]
    if reading.rule:
        parts.append(f"rule {reading.rule}, last day with e-Boks {day(reading.deadline)}")
    if reading.ambiguous_with:
        parts.append(f"or: {reading.ambiguous_with.title.get('en', reading.ambiguous_with.id)}")
    return "; ".join(parts) + ". Check against the letter itself."


async def on_delivery(ctx: Context, value: str) -> list[Reply]:
    """The person said how a letter came (``<delivery>-<rule>-<yyyymmdd>``): its deadline, as the calculator
    shows it."""
    view = ctx.view
    parts = value.split("-")
    rule = rule_of(view.content, parts[1]) if len(parts) == 3 else None
    delivery: Delivery | None = next((d for d in DELIVERIES if d == parts[0]), None)
    try:
        letter_date = dt.datetime.strptime(parts[2], "%Y%m%d").date() if len(parts) == 3 else None
    except ValueError:
        letter_date = None
    if not isinstance(rule, DeadlineRule) or delivery is None or letter_date is None:
        return [replies.stale_button(view)]
    return [deadline.result(view, view.content, rule, letter_date, delivery)]


def _explained(view: View, reading: LetterReading) -> list[Reply]:
    _ = view._
    kind = reading.kind
    assert kind is not None
    content = view.content
    lines = ["📄 <b>" + _("This seems to be: {kind}").format(kind=html.escape(view.localised(kind.title))) + "</b>"]
    if reading.heading:
        lines.append(_("The letter says: «{heading}»").format(heading=html.escape(reading.heading)))
    if reading.letter_date:
        lines.append(_("Date of the letter: {day}").format(day=view.day(reading.letter_date)))
    if reading.decision_date and reading.decision_date != reading.letter_date:
        lines.append(_("Date of the decision: {day}").format(day=view.day(reading.decision_date)))
    if kind.note:
        lines += ["", html.escape(view.localised(kind.note))]
    if kind.topic and kind.topic in content.topics:
        page = content.page(kind.topic, view.language)
        lines += ["", f"<b>{html.escape(page.title)}</b>", page.html.split("\n\n", 1)[0]]
    if not reading.sure:
        lines += ["", "⚠️ " + _("I am not completely sure I read this letter correctly, so I give no deadline.")]
    lines += ["", "⚠️ <b>" + _letter_counts(view) + "</b>"]
    rows: list[tuple[Button, ...]] = []
    if kind.topic and kind.topic in content.topics:
        rows.append((replies.topic_button(view, kind.topic),))
    choice = rule_of(content, reading.rule)
    if isinstance(choice, DeadlineRule) and not reading.sure:
        rows.append((Button(_("Calculate the deadline"), cb.make(cb.ACTION, "deadline_calculator")),))
    rows.append(replies.nav_row(view, adviser_first=True))
    answer = [Reply("\n".join(lines), tuple(rows), kind="letter_summary", topic=kind.topic)]
    if reading.sure and isinstance(choice, NoDateChoice):
        answer.append(deadline.no_date(view, content, choice))
    elif reading.sure and isinstance(choice, DeadlineRule):
        answer.append(_deadline(view, reading, choice))
    return answer


def _deadline(view: View, reading: LetterReading, rule: DeadlineRule) -> Reply:
    """The deadline at once (a rule counting from the decision date), or first how the letter came."""
    if rule.counts_from == "decision_date":
        assert reading.decision_date is not None
        return deadline.result(view, view.content, rule, reading.decision_date, "digital")
    assert reading.letter_date is not None
    _ = view._
    receipt = view.content.deadlines.receipt
    day = reading.letter_date.strftime("%Y%m%d")
    rows = tuple(
        (Button(view.localised(receipt_rule(receipt, d).title), cb.make(cb.LETTER_DELIVERY, f"{d}-{rule.id}-{day}")),)
        for d in DELIVERIES
    )
    text = _("The deadline counts from the day you received the letter. How did the decision reach you?")
    return Reply(text, rows, kind="letter_delivery")


def _letter_counts(view: View) -> str:
    _ = view._
    return _(
        "The letter's own text counts: check the date on it. If anything is unclear, call the Danish Refugee "
        "Council (+45 33 73 50 00, free) today."
    )


def _unsure(view: View, reading: LetterReading, dates: list[dt.date]) -> Reply:
    """What could be read, and a question instead of a guess."""
    _ = view._
    if reading.kind is not None and reading.ambiguous_with is not None:
        first = html.escape(view.localised(reading.kind.title))
        second = html.escape(view.localised(reading.ambiguous_with.title))
        lines = [
            _("I could read this letter, but it could be either of two kinds: {first}, or {second}.").format(
                first=first, second=second
            )
        ]
    elif reading.kind is not None:
        lines = [
            _("I could read only parts of this letter. It may be: {kind}.").format(
                kind=html.escape(view.localised(reading.kind.title))
            )
        ]
    else:
        lines = [_("I could read this letter, but I do not recognise what kind of letter it is.")]
    if reading.heading:
        lines.append(_("The letter says: «{heading}»").format(heading=html.escape(reading.heading)))
    shown = sorted(set(dates))[:DATES_SHOWN]
    if shown:
        lines.append(_("Dates I found in it: {dates}").format(dates=", ".join(view.day(day) for day in shown)))
    lines += [
        "",
        _("I will not guess a deadline. Which decision is it? The deadline calculator can count it with you."),
        "",
        "⚠️ <b>" + _letter_counts(view) + "</b>",
    ]
    rows = (
        (Button(_("Calculate the deadline"), cb.make(cb.ACTION, "deadline_calculator")),),
        replies.nav_row(view, adviser_first=True),
    )
    return Reply("\n".join(lines), rows, kind="letter_unsure")


def _unreadable(view: View, reason: str) -> Reply:
    _ = view._
    texts = {
        "too_large": _("This file is too large for me (more than 20 MB or more than 20 pages)."),
        "encrypted": _("This PDF is protected by a password, so I cannot open it."),
        "broken": _("This file seems to be damaged, so I cannot open it."),
        "not_a_letter": _("I can read letters sent as a PDF or as a photo, but not this kind of file."),
        "no_text": _("I could not read the text in this picture. It may be too dark, blurred or far away."),
        "no_ocr": _("I cannot read photos of letters just now."),
        "download": _("I could not fetch this file from Telegram just now."),
    }
    text = "\n\n".join(
        [
            texts.get(reason, texts["broken"]),
            _(
                "You can send the letter again: a PDF from e-Boks works best; for a photo, lay the page flat in "
                "good light and take the whole page. You can also tell me which decision it is, or talk to an "
                "adviser."
            ),
        ]
    )
    rows = (
        (Button(_("Calculate the deadline"), cb.make(cb.ACTION, "deadline_calculator")),),
        replies.nav_row(view, adviser_first=True),
    )
    return Reply(text, rows, kind="letter_unreadable")
