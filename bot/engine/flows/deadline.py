"""The deadline calculator as a conversation: which decision, how the letter came, which date, the last day.

States (``session.flow == "deadline"``, details in ``flow_data``): no ``rule`` -> ask which decision; a rule
that counts from receipt and no ``delivery`` -> ask digital post, paper post or handed over in person (a rule
that counts from the decision date does not ask); no ``date`` -> ask the date (offering buttons when the date
could be read more than one way); then the result. A decision listed under ``without_a_date`` (the person's
own refugee permit revoked, not extended or lapsed) gets what is known, what is not and what to do, never a
date. A date the bot cannot read for sure is asked again, never guessed. Drawn in ``deadline.mmd``.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from bot.content.markdown import REVIEW_SIGN, render
from bot.content.model import Content
from bot.content.schema import DeadlineRule, NoDateChoice
from bot.core.session import Flow, Session
from bot.core.turn import Button, Reply
from bot.deadlines.calculator import DELIVERIES, Computation, Delivery, compute, receipt_rule
from bot.deadlines.dates import read_date
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.replies import View
from bot.text.paragraphs import without_paragraphs
from bot.text.phrases import PhraseSet

FLOW = Flow.DEADLINE
MAX_DATE_ATTEMPTS = 2


@dataclass(frozen=True)
class Slots:
    """What one message says for the calculator: the decision (a rule id, or a decision without a date), the
    delivery ("digital", "paper", "in_person") and the date (one sure date, or candidates to choose from)."""

    choice: str | None = None
    delivery: str | None = None
    date: dt.date | None = None
    candidates: tuple[dt.date, ...] = ()


def read_slots(text: str, view: View, content: Content, expecting_date: bool = False) -> Slots:
    """Read the decision, the delivery and the date from a person's message (``content/deadlines.yaml``
    ``phrases``; ``bot/deadlines/dates.py``). ``7/3`` and the like are the protection paragraph, not a date,
    unless ``expecting_date`` (the calculator has just asked for one) and nothing else in the message is a date."""
    reading = read_date(without_paragraphs(text), view.today)
    if expecting_date and reading.kind == "ask_again":
        reading = read_date(text, view.today)
    return Slots(
        choice=_longest_match(text, content.decision_phrases),
        delivery=_longest_match(text, content.delivery_phrases),
        date=reading.date if reading.kind == "date" else None,
        candidates=reading.candidates if reading.kind == "ask_which" else (),
    )


def _longest_match(text: str, named: dict[str, PhraseSet]) -> str | None:
    """The name whose phrase covers the most words of ``text``; None when none or when two tie."""
    spans = sorted(
        (
            (max(m.end - m.start for m in found), name)
            for name, phrases in named.items()
            if (found := phrases.find(text))
        ),
        reverse=True,
    )
    if not spans or (len(spans) > 1 and spans[0][0] == spans[1][0]):
        return None
    return spans[0][1]


def mentions_a_decision(text: str, content: Content) -> bool:
    """True when ``text`` names a decision the calculator knows (then a question about time starts it)."""
    return _longest_match(text, content.decision_phrases) is not None


def asks_for_a_deadline(text: str, view: View, content: Content) -> bool:
    """True for a question about time on a decision the calculator knows: a decision named and either a date or
    words like "until when" / "how long" ("وصلني رفض لم الشمل بتاريخ ٣ تشرين التاني، لايمتى فيني اطعن؟")."""
    if not mentions_a_decision(text, content):
        return False
    return content.asking_phrases.hit(text) or read_date(without_paragraphs(text), view.today).kind == "date"


def start(session: Session, view: View, content: Content, text: str | None) -> list[Reply]:
    """Start the calculator, filled with what ``text`` (the message that asked for it, if typed) already says;
    only what is missing is asked."""
    session.start_flow(FLOW)
    if not text:
        return [_ask_rule(view, content)]
    return _fill(read_slots(text, view, content), session, view, content) or [_ask_rule(view, content)]


def _fill(slots: Slots, session: Session, view: View, content: Content) -> list[Reply] | None:
    """Keep what ``slots`` gives, in any order, and take the next step; None when it gives nothing."""
    data = session.flow_data
    no_date = {choice.id: choice for choice in content.deadlines.without_a_date}
    if slots.choice in no_date:
        session.end_flow()
        return [_no_date(view, content, no_date[slots.choice])]
    if slots.choice is not None:
        data["rule"] = slots.choice
    if slots.delivery is not None:
        data["delivery"] = slots.delivery
    if slots.date is not None:
        data["date"] = slots.date.isoformat()
        data.pop("candidates", None)
    elif slots.candidates:
        data["candidates"] = [d.isoformat() for d in slots.candidates]
    if slots == Slots():
        return None
    return [_next_step(session, view, content)]


def on_button(kind: str, value: str, session: Session, view: View, content: Content) -> list[Reply] | None:
    """Handle a deadline button; None when it does not belong to the conversation in progress."""
    if session.flow != FLOW:
        return None
    data = session.flow_data
    rules = {rule.id: rule for rule in content.deadlines.rules}
    no_date = {choice.id: choice for choice in content.deadlines.without_a_date}
    if kind == cb.DEADLINE_RULE and value == "other":
        session.end_flow()
        return [_other_decision(view)]
    if kind == cb.DEADLINE_RULE and value in no_date:
        session.end_flow()
        return [_no_date(view, content, no_date[value])]
    if kind == cb.DEADLINE_RULE and value in rules:
        data["rule"] = value
        return [_next_step(session, view, content)]  # asks for the delivery only when it is not known yet
    if kind == cb.DELIVERY and value in DELIVERIES and "rule" in data:
        data["delivery"] = value
        return [_next_step(session, view, content)]
    if kind == cb.DATE and value in data.get("candidates", []):
        data["date"] = value
        return [_next_step(session, view, content)]
    return None


def on_text(text: str, session: Session, view: View, content: Content) -> list[Reply] | None:
    """A message while the calculator waits: whatever it says for the calculator is kept (an answer given out of
    order too); None when it says nothing for it (then it is a new question and the calculator ends)."""
    data = session.flow_data
    waiting_for_date = "rule" in data and not _waits_for_delivery(data, content) and "date" not in data
    slots = read_slots(text, view, content, expecting_date=waiting_for_date)
    filled = _fill(slots, session, view, content)
    if filled is not None:
        return filled
    if not waiting_for_date:
        session.end_flow()
        return None
    attempts = int(data.get("attempts", 0)) + 1
    data["attempts"] = attempts
    if attempts >= MAX_DATE_ATTEMPTS:
        session.end_flow()
        _ = view._
        text = _(
            "I still cannot read the date for sure, and I will not guess a deadline. An adviser can look "
            "at your letter with you."
        )
        return [Reply(text, (replies.nav_row(view, adviser_first=True),), kind="deadline_unreadable")]
    return [_ask_date(view, again=True)]


def _rule(content: Content, rule_id: object) -> DeadlineRule | None:
    return next((rule for rule in content.deadlines.rules if rule.id == rule_id), None)


def _waits_for_delivery(data: dict[str, object], content: Content) -> bool:
    rule = _rule(content, data.get("rule"))
    return rule is not None and rule.counts_from == "receipt" and "delivery" not in data


def _next_step(session: Session, view: View, content: Content) -> Reply:
    data = session.flow_data
    rule = _rule(content, data.get("rule"))
    if rule is None:  # not named yet (or removed from the content since)
        data.pop("rule", None)
        return _ask_rule(view, content)
    if _waits_for_delivery(data, content):
        return _ask_delivery(view, content)
    if "date" not in data and data.get("candidates"):
        return _ask_which(view, tuple(dt.date.fromisoformat(str(d)) for d in data["candidates"]))
    if "date" not in data:
        return _ask_date(view, again=False)
    letter_date = dt.date.fromisoformat(str(data["date"]))
    delivery: Delivery = next((d for d in DELIVERIES if d == data.get("delivery")), "digital")
    result = compute(rule, content.deadlines.receipt, letter_date, delivery)
    session.end_flow()
    return _result(view, content, rule, result, letter_date, delivery)


def result(view: View, content: Content, rule: DeadlineRule, letter_date: dt.date, delivery: Delivery) -> Reply:
    """The last safe day under ``rule`` for a letter dated ``letter_date`` that came by ``delivery``, with how it
    is counted (also shown by the letter reader)."""
    computed = compute(rule, content.deadlines.receipt, letter_date, delivery)
    return _result(view, content, rule, computed, letter_date, delivery)


def no_date(view: View, content: Content, choice: NoDateChoice) -> Reply:
    """What is known about a decision the calculator gives no date for (also shown by the letter reader)."""
    return _no_date(view, content, choice)


def _ask_rule(view: View, content: Content) -> Reply:
    _ = view._
    choices: list[DeadlineRule | NoDateChoice] = [*content.deadlines.without_a_date, *content.deadlines.rules]
    rows = tuple((Button(view.localised(c.title), cb.make(cb.DEADLINE_RULE, c.id)),) for c in choices)
    other = (Button(_("Another decision / I am not sure"), cb.make(cb.DEADLINE_RULE, "other")),)
    lines = [_("Which decision is your letter about?")]
    lines += [
        f"• <b>{html.escape(view.localised(c.title))}</b>: {html.escape(view.localised(c.applies_to))}" for c in choices
    ]
    return Reply("\n".join(lines), (*rows, other), kind="deadline_rule")


def _ask_delivery(view: View, content: Content) -> Reply:
    _ = view._
    receipt = content.deadlines.receipt
    titles = [view.localised(receipt_rule(receipt, d).title) for d in DELIVERIES]
    rows = tuple((Button(title, cb.make(cb.DELIVERY, d)),) for title, d in zip(titles, DELIVERIES, strict=True))
    choices = "\n".join(f"• {html.escape(title)}" for title in titles)  # named in the text too, for screen readers
    return Reply(_("How did the decision reach you?") + "\n" + choices, rows, kind="deadline_delivery")


def _ask_date(view: View, again: bool) -> Reply:
    _ = view._
    if again:
        text = _(
            "I could not read that date for sure. Please write the date printed on the letter, for "
            "example 3/11/2026 or 3 November 2026."
        )
    else:
        text = _("What date is printed on the letter? For example 3/11/2026, 3 November, or yesterday.")
    return Reply(text, (), kind="deadline_date")


def _ask_which(view: View, candidates: tuple[dt.date, ...]) -> Reply:
    _ = view._
    rows = tuple((Button(view.day(day), cb.make(cb.DATE, day.isoformat())),) for day in candidates)
    return Reply(_("Which date do you mean?"), rows, kind="deadline_which")


def _other_decision(view: View) -> Reply:
    _ = view._
    text = _(
        "For other decisions I have no checked rule to calculate the deadline with. It is written in your "
        "letter, near the end, under the appeal instructions (klagevejledning). If it is unclear, write that "
        "you appeal within 7 days of receiving the letter, and call the Danish Refugee Council "
        "(+45 33 73 50 00) the same day. An adviser or free legal help can read the letter with you."
    )
    return Reply(text, (replies.nav_row(view, adviser_first=True),), kind="deadline_other")


def _no_date(view: View, content: Content, choice: NoDateChoice) -> Reply:
    """A decision the calculator gives no date for: what is known, what is not, what to do today."""
    _ = view._
    rendered = render(view.localised(choice.text))
    parts = [f"<b>{html.escape(view.localised(choice.title))}</b>", rendered.html]
    notes = []
    if choice.needs_legal_review:
        notes.append("⚠️ <i>" + _("Not yet checked by a lawyer. General information, not legal advice.") + "</i>")
    if rendered.review_marks:
        notes.append("<i>" + _("A ⚠️ after a figure means a lawyer has not checked that figure yet.") + "</i>")
    notes.append(replies.source_line(view, choice.sources[0]))
    parts.append("\n".join(notes))
    rows: list[tuple[Button, ...]] = (
        [(replies.topic_button(view, choice.topic),)] if choice.topic in content.topics else []
    )
    rows.append(replies.nav_row(view, adviser_first=True))
    return Reply("\n\n".join(parts), tuple(rows), kind="deadline_no_date", topic=choice.topic)


def _reason(view: View, reason: str) -> str:
    _ = view._
    names = {"saturday": _("a Saturday"), "sunday": _("a Sunday")}
    return names.get(reason) or _("a public holiday in Denmark ({name})").format(name=reason)


def _period(view: View, rule: DeadlineRule) -> str:
    ngettext = view.n_  # under this name ``pybabel extract`` collects both forms (Arabic has six)
    amount = rule.period.amount
    if rule.period.unit == "weeks":
        return ngettext("{n} week", "{n} weeks", amount).format(n=view.number(amount))
    return ngettext("{n} day", "{n} days", amount).format(n=view.number(amount))


def _counting(
    view: View, content: Content, rule: DeadlineRule, result: Computation, letter_date: dt.date, delivery: Delivery
) -> list[str]:
    """The "how it is counted" lines: where the period starts, where it ends, and any weekend or holiday."""
    _ = view._
    title, period = view.localised(rule.title), _period(view, rule)
    if rule.counts_from == "decision_date":
        lines = [
            _("Date on the decision: {day}").format(day=view.day(letter_date)),
            _(
                "{rule}: {period} from the date of the decision, however the letter reached you, so the "
                "period ends on {day}."
            ).format(rule=title, period=period, day=view.day(result.nominal_last_day)),
        ]
    else:
        how = receipt_rule(content.deadlines.receipt, delivery)
        lines = [_("Date on the letter: {day}").format(day=view.day(letter_date))]
        if delivery == "digital":
            lines.append(_("Digital Post counts as received on the day it is sent."))
        elif delivery == "in_person":
            lines.append(
                _(
                    "A letter handed to you counts as received that day. I count from the date printed on it, "
                    "which is that day or earlier: the safe side."
                )
            )
        else:
            days = view.number(how.working_days_after_letter_date)
            if how.needs_legal_review:
                days += " " + REVIEW_SIGN
            lines.append(
                _("A paper letter counts as received {n} working days after its date: {day}.").format(
                    n=days, day=view.day(result.start)
                )
            )
        lines.append(
            _("{rule}: {period} from the day you received it, so the period ends on {day}.").format(
                rule=title, period=period, day=view.day(result.nominal_last_day)
            )
        )
    if result.closed_days and rule.on_weekend_or_holiday == "moves":
        for day, reason in result.closed_days:
            lines.append(
                _("{day} is {reason}, so the deadline moves to the next working day.").format(
                    day=view.day(day), reason=_reason(view, reason)
                )
            )
    elif result.possible_later_day is not None:
        lines.append(
            _(
                "{day} is {reason}. An unofficial source says the deadline then moves to {later}, but no official "
                "source confirms it. Do not count on it."
            ).format(
                day=view.day(result.nominal_last_day),
                reason=_reason(view, result.closed_days[0][1]),
                later=view.day(result.possible_later_day),
            )
        )
    elif result.closed_days:
        lines.append(
            _("{day} is {reason}. No source says the deadline then moves to the next working day.").format(
                day=view.day(result.nominal_last_day), reason=_reason(view, result.closed_days[0][1])
            )
        )
    return ["• " + line for line in lines]


def _result(
    view: View, content: Content, rule: DeadlineRule, result: Computation, letter_date: dt.date, delivery: Delivery
) -> Reply:
    _ = view._
    lines = [
        "<b>" + _("Your last safe day: {day}").format(day=view.day(result.last_day)) + "</b>",
        "",
        _("How it is counted:"),
        *_counting(view, content, rule, result, letter_date, delivery),
        "",
    ]
    days_left = (result.last_day - view.today).days
    if days_left < 0:
        lines.append("❗ " + _("This day has already passed. Talk to an adviser or free legal help today."))
    elif days_left <= 3:
        lines.append("❗ " + _("Only a few days are left. Act today."))
    lines.append(
        "⚠️ <b>"
        + _(
            "The date in your own letter is the one that counts. If your letter gives a "
            "different deadline, follow the letter."
        )
        + "</b>"
    )
    receipt_unchecked = (
        rule.counts_from == "receipt" and receipt_rule(content.deadlines.receipt, delivery).needs_legal_review
    )
    if rule.needs_legal_review or receipt_unchecked:
        lines.append("⚠️ <i>" + _("This way of counting has not yet been checked by a lawyer.") + "</i>")
    if receipt_unchecked and delivery == "paper":  # the ⚠️ after the number of working days
        lines.append("<i>" + _("A ⚠️ after a figure means a lawyer has not checked that figure yet.") + "</i>")
    lines.append(replies.source_line(view, rule.sources[0]))
    again = (Button(_("Calculate another deadline"), cb.make(cb.ACTION, "deadline_calculator")),)
    return Reply("\n".join(lines), (again, replies.nav_row(view)), kind="deadline_result", topic=rule.topic)
