"""Prometheus metrics of the Telegram transport, served at ``/metrics``.

Labels are kinds and reasons only: never a person, a chat or anything a person wrote.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from bot.handoff.measures import MEASURES

REGISTRY = CollectorRegistry(auto_describe=True)
for _measure in MEASURES:  # adviser cases: opened, closed, time to the first adviser reply
    REGISTRY.register(_measure)

UPDATES = Counter(
    "sanad_telegram_updates",
    "Updates received, by what was done with them (text, button, unsupported, duplicate, skipped_*)",
    ["kind"],
    registry=REGISTRY,
)
REPLIES = Counter("sanad_telegram_replies", "Engine replies delivered, by reply kind", ["kind"], registry=REGISTRY)
MESSAGES = Counter(
    "sanad_telegram_messages_sent", "Telegram messages sent (a long reply is several)", registry=REGISTRY
)
FAILURES = Counter(
    "sanad_telegram_failures",
    "Bot API calls that failed for good, by method and reason",
    ["method", "reason"],
    registry=REGISTRY,
)
RETRIES = Counter(
    "sanad_telegram_retries", "Bot API calls tried again (429 or transient)", ["method"], registry=REGISTRY
)
ERRORS = Counter(
    "sanad_telegram_update_errors",
    "Unexpected errors while handling an update (each attempt), by update kind",
    ["kind"],
    registry=REGISTRY,
)
IN_FLIGHT = Gauge("sanad_telegram_updates_in_flight", "Updates received and not yet finished", registry=REGISTRY)
TURN_SECONDS = Histogram(
    "sanad_telegram_turn_seconds",
    "From taking up an update to its last message sent",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
    registry=REGISTRY,
)
