"""The content as the bot uses it, after loading and validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from bot.content.schema import Catalogue, ContactsFile, DeadlinesFile, Languages, Source, Submenu


@dataclass(frozen=True)
class Page:
    """One topic (or the emergency message) in one language."""

    topic_id: str
    language: str
    path: str
    title: str
    short_title: str
    html: str
    review_marks: int
    examples: tuple[str, ...]
    translates_version: int | None  # None on a source-language page
    translates_language: str | None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    group: str
    version: int
    reviewed_by: str
    reviewed_on: dt.date
    review_every_days: int
    legal_review: str
    related: tuple[str, ...]
    sources: tuple[Source, ...]
    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def review_due(self) -> dt.date:
        return self.reviewed_on + dt.timedelta(days=self.review_every_days)

    def review_overdue(self, today: dt.date) -> bool:
        return today > self.review_due

    def translation_outdated(self, language: str) -> bool:
        page = self.pages.get(language)
        return bool(page and page.translates_version is not None and page.translates_version < self.version)


@dataclass(frozen=True)
class Content:
    catalogue: Catalogue
    languages: Languages
    topics: dict[str, Topic]
    emergency: Topic
    menu: Submenu
    deadlines: DeadlinesFile
    contacts: ContactsFile
    fingerprint: str

    def page(self, topic_id: str, language: str) -> Page:
        """The page in ``language``, or the source-language page when no translation exists."""
        topic = self.emergency if topic_id == "emergency" else self.topics[topic_id]
        return topic.pages.get(language) or topic.pages[self.languages.source_language]

    @cached_property
    def emergency_keywords(self) -> tuple[str, ...]:
        """The emergency keywords of every language, normalised once per loaded content."""
        from bot.text.arabic import normalise

        return tuple(normalise(k) for page in self.emergency.pages.values() for k in page.keywords)

    def examples(self) -> dict[str, list[str]]:
        """Every topic's example questions in all languages: NLU training data."""
        return {tid: [ex for page in t.pages.values() for ex in page.examples] for tid, t in self.topics.items()}
