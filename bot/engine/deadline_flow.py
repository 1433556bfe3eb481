"""The deadline calculator as a conversation: which decision, how the letter came, which date, the last day.

States (``session.flow == "deadline"``, details in ``flow_data``): no ``rule`` -> ask which decision; no
``delivery`` -> ask digital or paper post; no ``date`` -> ask the date (offering buttons when the date could
be read more than one way); then the result. A date the bot cannot read for sure is asked again, never
guessed. Drawn in ``deadline_flow.mmd``.
"""

from __future__ import annotations

import datetime as dt
import html

from bot.content.model import Content
from bot.deadlines.calculator import Computation, compute
from bot.deadlines.dates import read_date
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.replies import View
from bot.engine.session import Session
from bot.engine.turn import Button, Reply

FLOW = "deadline"
MAX_DATE_ATTEMPTS = 2


def start(session: Session, view: View, content: Content, text: str | None) -> list[Reply]:
    data: dict[str, object] = {}
    if text:
        reading = read_date(text, view.today)
        if reading.kind == "date" and reading.date is not None:
            data["date"] = reading.date.isoformat()
    session.start_flow(FLOW, **data)
    return [_ask_rule(view, content)]


def on_button(kind: str, value: str, session: Session, view: View, content: Content) -> list[Reply] | None:
    """Handle a deadline button; None when it does not belong to the conversation in progress."""
    if session.flow != FLOW:
        return None
    data = session.flow_data
    rules = {rule.id: rule for rule in content.deadlines.rules}
    if kind == cb.DEADLINE_RULE and value == "other":
        session.end_flow()
        return [_other_decision(view)]
    if kind == cb.DEADLINE_RULE and value in rules:
        data["rule"] = value
        return [_ask_delivery(view, content)]
    if kind == cb.DELIVERY and value in ("digital", "paper") and "rule" in data:
        data["delivery"] = value
        return [_next_step(session, view, content)]
    if kind == cb.DATE and value in data.get("candidates", []):
        data["date"] = value
        return [_next_step(session, view, content)]
    return None


def on_text(text: str, session: Session, view: View, content: Content) -> list[Reply] | None:
    """A message while the calculator waits; None when it is not a date (then it is a new question)."""
    data = session.flow_data
    reading = read_date(text, view.today)
    if "rule" not in data or "delivery" not in data:
        if reading.kind == "date" and reading.date is not None:
            data["date"] = reading.date.isoformat()
            return [_ask_rule(view, content) if "rule" not in data else _ask_delivery(view, content)]
        session.end_flow()
        return None
    if reading.kind == "date" and reading.date is not None:
        data["date"] = reading.date.isoformat()
        return [_next_step(session, view, content)]
    if reading.kind == "ask_which" and reading.candidates:
        data["candidates"] = [d.isoformat() for d in reading.candidates]
        return [_ask_which(view, reading.candidates)]
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


def _next_step(session: Session, view: View, content: Content) -> Reply:
    data = session.flow_data
    if "date" not in data:
        return _ask_date(view, again=False)
    rule = next(r for r in content.deadlines.rules if r.id == data["rule"])
    letter_date = dt.date.fromisoformat(str(data["date"]))
    result = compute(rule, content.deadlines.receipt, letter_date, str(data["delivery"]))  # type: ignore[arg-type]
    session.end_flow()
    return _result(view, content, result, letter_date, str(data["delivery"]))


def _ask_rule(view: View, content: Content) -> Reply:
    _ = view._
    rows = tuple(
        (Button(view.localised(rule.title), cb.make(cb.DEADLINE_RULE, rule.id)),) for rule in content.deadlines.rules
    )
    other = (Button(_("Another decision / I am not sure"), cb.make(cb.DEADLINE_RULE, "other")),)
    lines = [_("Which decision is your letter about?")]
    lines += [
        f"• <b>{html.escape(view.localised(r.title))}</b>: {html.escape(view.localised(r.applies_to))}"
        for r in content.deadlines.rules
    ]
    return Reply("\n".join(lines), (*rows, other), kind="deadline_rule")


def _ask_delivery(view: View, content: Content) -> Reply:
    _ = view._
    receipt = content.deadlines.receipt
    rows = (
        (Button(view.localised(receipt.digital.title), cb.make(cb.DELIVERY, "digital")),),
        (Button(view.localised(receipt.paper.title), cb.make(cb.DELIVERY, "paper")),),
    )
    return Reply(_("How did the decision reach you?"), rows, kind="deadline_delivery")


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
        "letter, near the end, under the appeal instructions (klagevejledning). Ask an adviser or free "
        "legal help to read it with you, today if you can."
    )
    return Reply(text, (replies.nav_row(view, adviser_first=True),), kind="deadline_other")


def _reason(view: View, reason: str) -> str:
    _ = view._
    names = {"saturday": _("a Saturday"), "sunday": _("a Sunday")}
    return names.get(reason) or _("a public holiday in Denmark ({name})").format(name=reason)


def _result(view: View, content: Content, result: Computation, letter_date: dt.date, delivery: str) -> Reply:
    _ = view._
    rule = next(r for r in content.deadlines.rules if r.id == result.rule_id)
    amount = rule.period.amount
    if rule.period.unit == "weeks":
        period = view.n_("{n} week", "{n} weeks", amount).format(n=view.number(amount))
    else:
        period = view.n_("{n} day", "{n} days", amount).format(n=view.number(amount))
    lines = [
        "<b>" + _("Your last day: {day}").format(day=view.day(result.last_day)) + "</b>",
        "",
        _("How it is counted:"),
        "• " + _("Date on the letter: {day}").format(day=view.day(letter_date)),
    ]
    if delivery == "digital":
        lines.append("• " + _("Digital Post counts as received on the day it is sent."))
    else:
        lines.append(
            "• "
            + _("A paper letter counts as received {n} working days after its date: {day}.").format(
                n=content.deadlines.receipt.paper.working_days_after_letter_date, day=view.day(result.received_on)
            )
        )
    lines.append(
        "• "
        + _("{rule}: {period} from the day you received it, so the period ends on {day}.").format(
            rule=view.localised(rule.title), period=period, day=view.day(result.nominal_last_day)
        )
    )
    for day, reason in result.moved_because:
        lines.append(
            "• "
            + _("{day} is {reason}, so the deadline moves to the next working day.").format(
                day=view.day(day), reason=_reason(view, reason)
            )
        )
    lines.append("")
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
    if rule.needs_legal_review or content.deadlines.receipt.needs_legal_review:
        lines.append("⚠️ <i>" + _("This way of counting has not yet been checked by a lawyer.") + "</i>")
    source = rule.sources[0]
    lines.append(_("Source:") + f' <a href="{html.escape(source.url)}">{html.escape(source.title)}</a>')
    again = (Button(_("Calculate another deadline"), cb.make(cb.ACTION, "deadline_calculator")),)
    return Reply("\n".join(lines), (again, replies.nav_row(view)), kind="deadline_result", topic=rule.topic)
