"""Deadline arithmetic: when a letter counts as received, and the last day to act.

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

from bot.content.schema import DeadlineRule, Receipt

Delivery = Literal["digital", "paper"]

_HOLIDAY_NAME_LANGUAGE = "en_US"
_WEEKEND_REASONS = {5: "saturday", 6: "sunday"}


@dataclass(frozen=True)
class Computation:
    """The result of applying one rule to one letter."""

    rule_id: str
    received_on: dt.date
    nominal_last_day: dt.date
    last_day: dt.date
    # Each day the last day was moved past, with why: "saturday", "sunday" or the English name of
    # the Danish public holiday (a holiday name wins over the weekday, e.g. Easter Sunday).
    moved_because: tuple[tuple[dt.date, str], ...]


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


def compute(rule: DeadlineRule, receipt: Receipt, letter_date: dt.date, delivery: Delivery) -> Computation:
    """Apply ``rule`` to a letter dated ``letter_date`` that came by ``delivery``."""
    receipt_rule = receipt.digital if delivery == "digital" else receipt.paper
    received_on = add_working_days(letter_date, receipt_rule.working_days_after_letter_date)
    nominal_last_day = received_on + period_length(rule)
    last_day = nominal_last_day
    moved_because: list[tuple[dt.date, str]] = []
    if rule.moves_to_next_working_day:
        reason = closed_reason(last_day)
        while reason is not None:
            moved_because.append((last_day, reason))
            last_day += dt.timedelta(days=1)
            reason = closed_reason(last_day)
    return Computation(
        rule_id=rule.id,
        received_on=received_on,
        nominal_last_day=nominal_last_day,
        last_day=last_day,
        moved_because=tuple(moved_because),
    )
