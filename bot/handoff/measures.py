"""Prometheus measures of adviser cases, for the team: cases opened and closed, and the time to the first
adviser reply. No label names a case, a person or an adviser. Created unregistered here (this package knows no
web server); ``bot.telegram.metrics`` adds them to the registry it serves at ``/metrics``."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

CASES_OPENED = Counter("sanad_cases_opened", "Adviser cases opened", registry=None)
CASES_CLOSED = Counter("sanad_cases_closed", "Adviser cases closed (by an adviser or by the person)", registry=None)
FIRST_REPLY_SECONDS = Histogram(
    "sanad_case_first_reply_seconds",
    "From a case opening to its first adviser reply",
    buckets=(60, 300, 900, 1800, 3600, 3 * 3600, 8 * 3600, 24 * 3600, 72 * 3600),
    registry=None,
)
MEASURES = (CASES_OPENED, CASES_CLOSED, FIRST_REPLY_SECONDS)
