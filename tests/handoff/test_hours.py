"""The advisers' working hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.content.schema import AdviserHours
from bot.handoff.hours import is_open, next_opening

HOURS = AdviserHours.model_validate(
    {"timezone": "Europe/Copenhagen", "hours": [{"days": "mon-fri", "from": "10:00", "to": "16:00"}]}
)
CPH = ZoneInfo("Europe/Copenhagen")


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)


def test_open_on_a_weekday_afternoon() -> None:
    assert is_open(HOURS, at(2026, 11, 24, 14, 0))  # Tuesday
    assert not is_open(HOURS, at(2026, 11, 24, 16, 0))
    assert not is_open(HOURS, at(2026, 11, 28, 12, 0))  # Saturday


def test_friday_evening_waits_for_monday() -> None:
    assert next_opening(HOURS, at(2026, 11, 27, 18, 30)) == at(2026, 11, 30, 10, 0)


def test_early_morning_opens_the_same_day() -> None:
    assert next_opening(HOURS, at(2026, 11, 24, 7, 0)) == at(2026, 11, 24, 10, 0)


def test_utc_input_is_converted() -> None:
    assert is_open(HOURS, dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC))  # 10:30 in Copenhagen
