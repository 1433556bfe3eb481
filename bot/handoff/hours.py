"""The advisers' working hours from ``content/contacts.yaml``: open now? when next?"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.content.schema import AdviserHours

_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _days(spec: str) -> set[int]:
    first, _, last = spec.partition("-")
    start, end = _DAYS.index(first), _DAYS.index(last or first)
    return {d % 7 for d in range(start, end + 1 if end >= start else end + 8)}


def _clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def is_open(hours: AdviserHours, now: dt.datetime) -> bool:
    local = now.astimezone(ZoneInfo(hours.timezone))
    return any(
        local.weekday() in _days(h.days) and _clock(h.opens) <= local.time() < _clock(h.closes) for h in hours.hours
    )


def next_opening(hours: AdviserHours, now: dt.datetime) -> dt.datetime:
    """The next moment the advisers' hours begin (in their time zone), within the next two weeks."""
    zone = ZoneInfo(hours.timezone)
    local = now.astimezone(zone)
    for offset in range(15):
        day = local.date() + dt.timedelta(days=offset)
        for h in sorted(hours.hours, key=lambda h: h.opens):
            start = dt.datetime.combine(day, _clock(h.opens), zone)
            if day.weekday() in _days(h.days) and start > local:
                return start
    raise ValueError("the advisers' hours never open")
