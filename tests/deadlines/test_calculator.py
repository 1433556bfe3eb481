"""Deadline arithmetic: where a period starts, weeks and days, weekends and Danish holidays, and what moves."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Literal

import pytest
import yaml

from bot.content.schema import CountsFrom, DeadlineRule, DeadlinesFile, Period, Receipt, Source, WeekendRule
from bot.deadlines.calculator import (
    DELIVERIES,
    Computation,
    Delivery,
    add_working_days,
    closed_run,
    compute,
    holiday_name,
    is_working_day,
    next_working_day,
    start_day,
)

D = dt.date
DEADLINES_YAML = Path(__file__).resolve().parents[2] / "content" / "deadlines.yaml"


@pytest.fixture(scope="module")
def deadlines() -> DeadlinesFile:
    return DeadlinesFile.model_validate(yaml.safe_load(DEADLINES_YAML.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def receipt(deadlines: DeadlinesFile) -> Receipt:
    return deadlines.receipt


def make_rule(
    amount: int, unit: Literal["days", "weeks"], weekend: WeekendRule, counts_from: CountsFrom = "receipt"
) -> DeadlineRule:
    return DeadlineRule(
        id="test_rule",
        title={"en": "Test rule"},
        applies_to={"en": "Tests"},
        period=Period(amount=amount, unit=unit),
        counts_from=counts_from,
        on_weekend_or_holiday=weekend,
        move_source=None if weekend == "stays" else Source(title="Says so", url="https://example.org/moves"),
        needs_legal_review=True,
        topic="appeal_deadlines",
        sources=[Source(title="Test", url="https://example.org")],
    )


EIGHT_WEEKS = make_rule(8, "weeks", "moves")
SEVEN_DAYS_MOVED = make_rule(7, "days", "moves")
SEVEN_DAYS_FIXED = make_rule(7, "days", "stays")
FOURTEEN_DAYS_FIXED = make_rule(14, "days", "stays")
EIGHT_WEEKS_MAY_MOVE = make_rule(8, "weeks", "may_move")
SEVEN_DAYS_FROM_DECISION = make_rule(7, "days", "stays", counts_from="decision_date")

# rule, letter date, delivery, start, nominal last day, last day, closed days from the nominal last day on
CASES = [
    pytest.param(
        EIGHT_WEEKS, D(2025, 10, 30), "digital", D(2025, 10, 30), D(2025, 12, 25), D(2025, 12, 29),
        ((D(2025, 12, 25), "Christmas Day"), (D(2025, 12, 26), "Second Day of Christmas"),
         (D(2025, 12, 27), "saturday"), (D(2025, 12, 28), "sunday")),
        id="christmas-2025-moves-past-26-december",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 12, 18), "digital", D(2026, 12, 18), D(2026, 12, 25), D(2026, 12, 28),
        ((D(2026, 12, 25), "Christmas Day"), (D(2026, 12, 26), "Second Day of Christmas"),
         (D(2026, 12, 27), "sunday")),
        id="christmas-2026-holiday-name-wins-over-saturday",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 12, 17), "digital", D(2026, 12, 17), D(2026, 12, 24), D(2026, 12, 24), (),
        id="christmas-eve-is-not-a-public-holiday-in-the-package",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 3, 26), "digital", D(2026, 3, 26), D(2026, 4, 2), D(2026, 4, 7),
        ((D(2026, 4, 2), "Maundy Thursday"), (D(2026, 4, 3), "Good Friday"), (D(2026, 4, 4), "saturday"),
         (D(2026, 4, 5), "Easter Sunday"), (D(2026, 4, 6), "Easter Monday")),
        id="maundy-thursday-2026",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 3, 27), "digital", D(2026, 3, 27), D(2026, 4, 3), D(2026, 4, 7),
        ((D(2026, 4, 3), "Good Friday"), (D(2026, 4, 4), "saturday"), (D(2026, 4, 5), "Easter Sunday"),
         (D(2026, 4, 6), "Easter Monday")),
        id="good-friday-2026",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 3, 30), "digital", D(2026, 3, 30), D(2026, 4, 6), D(2026, 4, 7),
        ((D(2026, 4, 6), "Easter Monday"),),
        id="easter-monday-2026",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2027, 3, 18), "digital", D(2027, 3, 18), D(2027, 3, 25), D(2027, 3, 30),
        ((D(2027, 3, 25), "Maundy Thursday"), (D(2027, 3, 26), "Good Friday"), (D(2027, 3, 27), "saturday"),
         (D(2027, 3, 28), "Easter Sunday"), (D(2027, 3, 29), "Easter Monday")),
        id="maundy-thursday-2027",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2027, 3, 19), "digital", D(2027, 3, 19), D(2027, 3, 26), D(2027, 3, 30),
        ((D(2027, 3, 26), "Good Friday"), (D(2027, 3, 27), "saturday"), (D(2027, 3, 28), "Easter Sunday"),
         (D(2027, 3, 29), "Easter Monday")),
        id="good-friday-2027",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2027, 3, 22), "digital", D(2027, 3, 22), D(2027, 3, 29), D(2027, 3, 30),
        ((D(2027, 3, 29), "Easter Monday"),),
        id="easter-monday-2027",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 5, 7), "digital", D(2026, 5, 7), D(2026, 5, 14), D(2026, 5, 15),
        ((D(2026, 5, 14), "Ascension Day"),),
        id="ascension-day-the-friday-after-is-a-working-day",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 11, 14), "digital", D(2026, 11, 14), D(2026, 11, 21), D(2026, 11, 23),
        ((D(2026, 11, 21), "saturday"), (D(2026, 11, 22), "sunday")),
        id="saturday",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 11, 15), "digital", D(2026, 11, 15), D(2026, 11, 22), D(2026, 11, 23),
        ((D(2026, 11, 22), "sunday"),),
        id="sunday",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 11, 11), "digital", D(2026, 11, 11), D(2026, 11, 18), D(2026, 11, 18), (),
        id="a-working-day-stays",
    ),
    pytest.param(
        SEVEN_DAYS_FIXED, D(2026, 11, 15), "digital", D(2026, 11, 15), D(2026, 11, 22), D(2026, 11, 22),
        ((D(2026, 11, 22), "sunday"),),
        id="not-moved-on-a-sunday-when-the-rule-says-so",
    ),
    pytest.param(
        FOURTEEN_DAYS_FIXED, D(2026, 12, 11), "digital", D(2026, 12, 11), D(2026, 12, 25), D(2026, 12, 25),
        ((D(2026, 12, 25), "Christmas Day"), (D(2026, 12, 26), "Second Day of Christmas"),
         (D(2026, 12, 27), "sunday")),
        id="not-moved-on-christmas-day-when-the-rule-says-so",
    ),
    pytest.param(
        EIGHT_WEEKS, D(2026, 12, 22), "paper", D(2026, 12, 31), D(2027, 2, 25), D(2027, 2, 25), (),
        id="paper-six-working-days-span-christmas-and-a-weekend",
    ),
    pytest.param(
        EIGHT_WEEKS, D(2026, 3, 27), "paper", D(2026, 4, 9), D(2026, 6, 4), D(2026, 6, 4), (),
        id="paper-six-working-days-span-a-weekend-and-easter",
    ),
    pytest.param(
        SEVEN_DAYS_FIXED, D(2026, 11, 14), "paper", D(2026, 11, 23), D(2026, 11, 30), D(2026, 11, 30), (),
        id="paper-letter-dated-on-a-saturday",
    ),
    pytest.param(
        EIGHT_WEEKS, D(2026, 11, 20), "digital", D(2026, 11, 20), D(2027, 1, 15), D(2027, 1, 15), (),
        id="eight-weeks-across-the-year-boundary",
    ),
    pytest.param(
        EIGHT_WEEKS, D(2026, 11, 6), "digital", D(2026, 11, 6), D(2027, 1, 1), D(2027, 1, 4),
        ((D(2027, 1, 1), "New Year's Day"), (D(2027, 1, 2), "saturday"), (D(2027, 1, 3), "sunday")),
        id="eight-weeks-landing-on-new-years-day",
    ),
    pytest.param(
        SEVEN_DAYS_MOVED, D(2026, 11, 8), "digital", D(2026, 11, 8), D(2026, 11, 15), D(2026, 11, 16),
        ((D(2026, 11, 15), "sunday"),),
        id="digital-letter-on-a-sunday-counts-from-that-sunday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "letter", "delivery", "start", "nominal", "last", "closed"),
    CASES,
)
def test_compute(
    receipt: Receipt,
    rule: DeadlineRule,
    letter: dt.date,
    delivery: Delivery,
    start: dt.date,
    nominal: dt.date,
    last: dt.date,
    closed: tuple[tuple[dt.date, str], ...],
) -> None:
    assert compute(rule, receipt, letter, delivery) == Computation(
        rule_id="test_rule",
        counts_from=rule.counts_from,
        start=start,
        nominal_last_day=nominal,
        last_day=last,
        closed_days=closed,
    )


# A move that only a law firm or NGO gives: the day itself stays the last safe day, the later day is a note.
MAY_MOVE_CASES = [
    pytest.param(
        D(2025, 10, 30), "digital", D(2025, 12, 25), D(2025, 12, 29),
        ((D(2025, 12, 25), "Christmas Day"), (D(2025, 12, 26), "Second Day of Christmas"),
         (D(2025, 12, 27), "saturday"), (D(2025, 12, 28), "sunday")),
        id="christmas-2025-stays-on-christmas-day",
    ),
    pytest.param(
        D(2026, 11, 6), "digital", D(2027, 1, 1), D(2027, 1, 4),
        ((D(2027, 1, 1), "New Year's Day"), (D(2027, 1, 2), "saturday"), (D(2027, 1, 3), "sunday")),
        id="new-years-day-stays",
    ),
    pytest.param(
        D(2026, 10, 3), "in_person", D(2026, 11, 28), D(2026, 11, 30),
        ((D(2026, 11, 28), "saturday"), (D(2026, 11, 29), "sunday")),
        id="saturday-stays",
    ),
    pytest.param(D(2026, 11, 3), "digital", D(2026, 12, 29), None, (), id="working-day-no-note"),
]  # fmt: skip


@pytest.mark.parametrize(("letter", "delivery", "last", "later", "closed"), MAY_MOVE_CASES)
def test_may_move_keeps_the_day_itself(
    receipt: Receipt,
    letter: dt.date,
    delivery: Delivery,
    last: dt.date,
    later: dt.date | None,
    closed: tuple[tuple[dt.date, str], ...],
) -> None:
    result = compute(EIGHT_WEEKS_MAY_MOVE, receipt, letter, delivery)
    assert (result.nominal_last_day, result.last_day) == (last, last)
    assert result.possible_later_day == later
    assert result.closed_days == closed


@pytest.mark.parametrize("delivery", DELIVERIES)
def test_a_rule_counting_from_the_decision_ignores_the_delivery(receipt: Receipt, delivery: Delivery) -> None:
    result = compute(SEVEN_DAYS_FROM_DECISION, receipt, D(2026, 11, 3), delivery)
    assert (result.start, result.last_day) == (D(2026, 11, 3), D(2026, 11, 10))


@pytest.mark.parametrize(
    ("counts_from", "delivery", "start"),
    [
        ("decision_date", "digital", D(2026, 11, 3)),
        ("decision_date", "paper", D(2026, 11, 3)),
        ("decision_date", "in_person", D(2026, 11, 3)),
        ("receipt", "digital", D(2026, 11, 3)),  # Digital Post: received the day it is sent
        ("receipt", "in_person", D(2026, 11, 3)),  # handed over: that day (the date on it, or earlier)
        ("receipt", "paper", D(2026, 11, 11)),  # paper: 6 working days after the letter date (Tue -> Wed)
    ],
)
def test_start_day(receipt: Receipt, counts_from: CountsFrom, delivery: Delivery, start: dt.date) -> None:
    assert start_day(counts_from, receipt, D(2026, 11, 3), delivery) == start


def test_closed_run() -> None:
    assert closed_run(D(2026, 11, 30)) == ()
    assert closed_run(D(2026, 12, 25)) == (
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 26), "Second Day of Christmas"),
        (D(2026, 12, 27), "sunday"),
    )


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 11, 23), True),  # Monday
        (D(2026, 11, 27), True),  # Friday
        (D(2026, 11, 28), False),  # Saturday
        (D(2026, 11, 29), False),  # Sunday
        (D(2026, 1, 1), False),  # New Year's Day
        (D(2026, 4, 2), False),  # Maundy Thursday
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 5, 14), False),  # Ascension Day
        (D(2026, 5, 15), True),  # the Friday after Ascension Day
        (D(2026, 5, 25), False),  # Whit Monday
        (D(2026, 5, 1), True),  # 1 May: not a public holiday
        (D(2026, 6, 5), True),  # Constitution Day: not a public holiday in the package
        (D(2026, 12, 24), True),  # Christmas Eve: not a public holiday in the package
        (D(2026, 12, 25), False),
        (D(2025, 12, 26), False),  # Second Day of Christmas on a Friday
        (D(2026, 12, 31), True),  # New Year's Eve: not a public holiday in the package
        (D(2024, 4, 26), True),  # Great Prayer Day, abolished from 2024
    ],
)
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_christmas_eve_is_only_an_optional_day_in_the_package() -> None:
    assert holiday_name(D(2026, 12, 24)) is None
    assert holiday_name(D(2026, 12, 25)) == "Christmas Day"
    assert holiday_name(D(2026, 12, 26)) == "Second Day of Christmas"


@pytest.mark.parametrize(
    ("day", "following"),
    [
        (D(2026, 11, 23), D(2026, 11, 24)),  # strictly after, even from a working day
        (D(2026, 11, 27), D(2026, 11, 30)),
        (D(2026, 11, 28), D(2026, 11, 30)),
        (D(2026, 12, 24), D(2026, 12, 28)),
        (D(2026, 12, 31), D(2027, 1, 4)),  # across the year boundary
        (D(2026, 4, 1), D(2026, 4, 7)),
    ],
)
def test_next_working_day(day: dt.date, following: dt.date) -> None:
    assert next_working_day(day) == following


@pytest.mark.parametrize(
    ("start", "count", "end"),
    [
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
        (D(2026, 11, 22), 0, D(2026, 11, 22)),  # no working days to add: the day itself
        (D(2026, 11, 20), 1, D(2026, 11, 23)),
        (D(2026, 11, 16), 6, D(2026, 11, 24)),
        (D(2026, 12, 22), 6, D(2026, 12, 31)),
    ],
)
def test_add_working_days(start: dt.date, count: int, end: dt.date) -> None:
    assert add_working_days(start, count) == end


def test_a_computation_is_frozen(receipt: Receipt) -> None:
    result = compute(SEVEN_DAYS_FIXED, receipt, D(2026, 11, 16), "digital")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.last_day = D(2027, 1, 1)  # type: ignore[misc]
