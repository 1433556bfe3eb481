"""``sanad content stats``: per topic and ISO week, how often it was answered, clarified, opened from a button and
found helpful or not; then the ten most common kinds of unanswered question. Counts only: no person, no id."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.store.server import redis_url
from bot.store.stats import EVENTS, TopicCounts, TopicStats
from bot.store.store import Store
from bot.store.unanswered import UnansweredLog
from bot.workbench.questions import QuestionGroup, group_questions

COLUMNS = {"answered": "answered", "clarified": "clarified", "menu": "menu", "helpful": "👍", "not_helpful": "👎"}


@dataclass(frozen=True)
class Asked:
    """What people asked: week -> topic id -> counts, and the largest groups of unanswered questions."""

    weeks: dict[str, dict[str, TopicCounts]]
    unanswered: list[QuestionGroup]

    def totals(self) -> dict[str, dict[str, int]]:
        """topic id -> event -> the count over every week kept."""
        totals: dict[str, dict[str, int]] = {}
        for topics in self.weeks.values():
            for topic_id, counts in topics.items():
                row = totals.setdefault(topic_id, dict.fromkeys(EVENTS, 0))
                for event, value in counts.counts.items():
                    row[event] += value
        return totals

    def of_topic(self, topic_id: str) -> list[tuple[str, dict[str, int]]]:
        """(week, counts) for one topic, oldest week first."""
        return [(week, topics[topic_id].counts) for week, topics in self.weeks.items() if topic_id in topics]


@asynccontextmanager
async def opened_store(settings: Any) -> AsyncIterator[Store]:
    """The store at ``REDIS_URL`` (or the embedded Redis of ``STATE_DIR``), closed afterwards."""
    url, embedded = redis_url(settings.redis_url, settings.state_dir)
    store = Store.from_url(url)
    try:
        yield store
    finally:
        await store.aclose()
        if embedded:
            embedded.close()


async def read_asked(store: Store, unanswered_ttl_s: int) -> Asked:
    """The counters and the grouped unanswered-questions log (empty when the log is off)."""
    weeks = await TopicStats(store).weeks()
    entries = await UnansweredLog(store, unanswered_ttl_s).export()
    groups = group_questions((str(e.get("question", "")), str(e.get("language", ""))) for e in entries)
    return Asked(weeks, groups)


def print_report(asked: Asked, title_of: Callable[[str], str], out: Callable[[str], None] = print) -> None:
    """The report as plain text: a table per week, the totals, the unanswered kinds."""
    header = f"{'topic':<32}" + "".join(f"{label:>10}" for label in COLUMNS.values())
    if not asked.weeks:
        out("No counts yet: the bot counts answers, clarifications, menu choices and 👍 / 👎 per topic and week.")
    for week, topics in asked.weeks.items():
        out(f"\n{week}\n{header}")
        for topic_id in sorted(topics):
            counts = topics[topic_id].counts
            out(f"{title_of(topic_id):<32.32}" + "".join(f"{counts[event]:>10}" for event in COLUMNS))
    if asked.weeks:
        out(f"\nAll weeks kept\n{header}")
        for topic_id, row in sorted(asked.totals().items(), key=lambda item: -item[1]["answered"]):
            out(f"{title_of(topic_id):<32.32}" + "".join(f"{row[event]:>10}" for event in COLUMNS))
    out("\nMost common unanswered questions (scrubbed; grouped by similarity):")
    if not asked.unanswered:
        out("  none kept (the log is off unless UNANSWERED_LOG=true, and entries expire after UNANSWERED_TTL_S)")
    for rank, group in enumerate(asked.unanswered, 1):
        languages = ", ".join(f"{code} {n}" for code, n in group.languages.most_common())
        out(f"{rank:>3}. {group.count} × ({languages}) e.g. {' | '.join(group.examples)}")
