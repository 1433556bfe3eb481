"""Deadline arithmetic: the day a period counts from, and the last safe day to act.

A rule counts from the date printed on the decision (``counts_from: decision_date``: how the letter came does
not matter) or from the day it was received (``receipt``: Digital Post and a letter handed over count from
the date on the letter, paper post from a number of working days after it). A last day on a Saturday, Sunday
or Danish public holiday moves to the next working day only when the rule says ``moves`` (an official source
says so). With ``may_move`` (only a law firm or NGO says so) the day itself stays the last safe day and the
later day is kept as ``possible_later_day``, for a note; with ``stays`` nothing moves.

Working days are Monday to Friday that are not Danish public holidays. The holidays come from the
``holidays`` package, category "public" only, names in English. That category does not include
Christmas Eve (24 Dec), New Year's Eve (31 Dec), Constitution Day (5 Jun) or 1 May: the package
lists them only as "optional" days, so here they are ordinary working days. Some Danish rules also
extend a deadline that ends on 24 Dec, 31 Dec or 5 Jun; leaving them out can only make the last
day we show earlier than the real one, never later (the safe side). This needs legal review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import holidays

from bot.content.schema import CountsFrom, DeadlineRule, Receipt, ReceiptRule

Delivery = Literal["digital", "paper", "in_person"]
DELIVERIES: tuple[Delivery, ...] = ("digital", "paper", "in_person")

_HOLIDAY_NAME_LANGUAGE = "en_US"
_WEEKEND_REASONS = {5: "saturday", 6: "sunday"}


@dataclass(frozen=True)
class Computation:
    """The result of applying one rule to one letter."""

    rule_id: str
    counts_from: CountsFrom
    # The day the period counts from: the date on the decision, or the day the letter counts as received.
    start: dt.date
    nominal_last_day: dt.date
    # The last safe day: the nominal last day, moved past closed days only when the rule ``moves``.
    last_day: dt.date
    # Each closed day from the nominal last day on, with why: "saturday", "sunday" or the English name of the
    # Danish public holiday (a holiday name wins over the weekday, e.g. Easter Sunday). Empty when the nominal
    # last day is a working day.
    closed_days: tuple[tuple[dt.date, str], ...]
    # ``may_move`` only: the next working day an unofficial source says the deadline moves to; else None.
    possible_later_day: dt.date | None = None


@lru_cache(maxsize=16)
def _danish_public_holidays(year: int) -> dict[dt.date, str]:
    found = holidays.country_holidays("DK", years=year, language=_HOLIDAY_NAME_LANGUAGE)
    return dict(found.items())


def holiday_name(day: dt.date) -> str | None:
    """The English name of the Danish public holiday on ``day``, or None."""
    return _danish_public_holidays(day.year).get(day)


def closed_reason(day: dt.date) -> str | None:
    """Why ``day`` is not a working day (holiday name, "saturday" or "sunday"), or None if it is one."""
    return holiday_name(day) or _WEEKEND_REASONS.get(day.weekday())


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Danish public holiday."""
    return closed_reason(day) is None


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after ``day``."""
    following = day + dt.timedelta(days=1)
    while not is_working_day(following):
        following += dt.timedelta(days=1)
    return following


def add_working_days(start: dt.date, count: int) -> dt.date:
    """``start`` moved forward by ``count`` working days (``start`` itself is not counted)."""
    day = start
    for _ in range(count):
        day = next_working_day(day)
    return day


def period_length(rule: DeadlineRule) -> dt.timedelta:
    weeks = rule.period.amount if rule.period.unit == "weeks" else 0
    days = rule.period.amount if rule.period.unit == "days" else 0
    return dt.timedelta(weeks=weeks, days=days)


def receipt_rule(receipt: Receipt, delivery: Delivery) -> ReceiptRule:
    """How a letter that came by ``delivery`` counts as received."""
    return {"digital": receipt.digital, "paper": receipt.paper, "in_person": receipt.in_person}[delivery]


def start_day(counts_from: CountsFrom, receipt: Receipt, letter_date: dt.date, delivery: Delivery) -> dt.date:
    """The day a period counts from, for a letter dated ``letter_date`` that came by ``delivery``."""
    if counts_from == "decision_date":
        return letter_date
    return add_working_days(letter_date, receipt_rule(receipt, delivery).working_days_after_letter_date)


def closed_run(day: dt.date) -> tuple[tuple[dt.date, str], ...]:
    """``day`` and the days after it that are not working days, each with why; empty if ``day`` is one."""
    run: list[tuple[dt.date, str]] = []
    reason = closed_reason(day)
    while reason is not None:
        run.append((day, reason))
        day += dt.timedelta(days=1)
        reason = closed_reason(day)
    return tuple(run)


def compute(rule: DeadlineRule, receipt: Receipt, letter_date: dt.date, delivery: Delivery) -> Computation:
    """Apply ``rule`` to a letter dated ``letter_date`` that came by ``delivery``."""
    start = start_day(rule.counts_from, receipt, letter_date, delivery)
    nominal_last_day = start + period_length(rule)
    closed = closed_run(nominal_last_day)
    moved_to = closed[-1][0] + dt.timedelta(days=1) if closed else nominal_last_day
    return Computation(
        rule_id=rule.id,
        counts_from=rule.counts_from,
        start=start,
        nominal_last_day=nominal_last_day,
        last_day=moved_to if rule.on_weekend_or_holiday == "moves" else nominal_last_day,
        closed_days=closed,
        possible_later_day=moved_to if rule.on_weekend_or_holiday == "may_move" and closed else None,
    )
