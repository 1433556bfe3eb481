"""The content as the bot uses it, after loading and validation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from bot.content.schema import (
    Catalogue,
    ContactsFile,
    DeadlineRule,
    DeadlinesFile,
    GlossaryFile,
    Languages,
    LegalReview,
    LettersFile,
    NoDateChoice,
    Source,
    Submenu,
)
from bot.text.arabic import normalise
from bot.text.named_phrases import NamedPhrases
from bot.text.phrases import PhraseSet


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
    keywords: tuple[str, ...] = ()  # safety pages only: phrases that raise the alarm (bot/text/phrases.py)
    not_when: tuple[str, ...] = ()  # safety pages only: phrases that cancel a keyword match they overlap
    watch: tuple[str, ...] = ()  # the emergency page only: words of a danger or of an ordinary question (see schema)
    short_html: str = ""  # emergency and distress pages: the short note (HTML) sent before an answer
    legal_review: LegalReview | None = None  # a lawyer's sign-off of this page (None: pending)
    version_hash: str = ""  # the page's content hash (``bot.content.review.page_version``)
    sections: tuple[tuple[str, str], ...] = ()  # (heading, html), the opening first under "" (topic pages)

    @property
    def opening(self) -> str:
        """HTML: the page's opening (what it means for the person and the next step), before its first heading."""
        return self.sections[0][1] if self.sections else self.html


@dataclass(frozen=True)
class Topic:
    id: str
    group: str
    version: int
    reviewed_by: str
    reviewed_on: dt.date
    review_every_days: int
    legal_review: str | LegalReview  # "pending" or the source page's sign-off; see ``Page.legal_review``
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
    distress: Topic
    glossary: GlossaryFile  # the one Arabic name per Danish term (content/glossary.yaml); used by the check
    letters: LettersFile | None = None  # the letter reader's kinds (content/letters.yaml); None without the file

    def page(self, topic_id: str, language: str) -> Page:
        """The page in ``language``, or the source-language page when no translation exists."""
        topic = {"emergency": self.emergency, "distress": self.distress}.get(topic_id) or self.topics[topic_id]
        return topic.pages.get(language) or topic.pages[self.languages.source_language]

    @cached_property
    def danger_phrases(self) -> PhraseSet:
        """The emergency page's keyword phrases of every language, compiled once per loaded content."""
        return self._phrases(self.emergency)

    @cached_property
    def watch_phrases(self) -> PhraseSet:
        """The emergency page's ``watch`` phrases of every language (a possible danger: see ``EmergencySource``)."""
        pages = self.emergency.pages.values()
        return PhraseSet((p.watch, p.not_when, self.right_to_left(p.language)) for p in pages)

    @cached_property
    def distress_phrases(self) -> PhraseSet:
        """The distress check-in's keyword phrases of every language, compiled once per loaded content."""
        return self._phrases(self.distress)

    @cached_property
    def decision_phrases(self) -> NamedPhrases:
        """Calculator choice id (a deadline rule or a decision without a date) -> the phrases naming it."""
        choices: list[DeadlineRule | NoDateChoice] = [*self.deadlines.without_a_date, *self.deadlines.rules]
        return NamedPhrases({c.id: c.phrases for c in choices if c.phrases}, self.right_to_left)

    @cached_property
    def delivery_phrases(self) -> NamedPhrases:
        """Delivery ("digital", "paper", "in_person") -> the phrases naming it."""
        receipt = self.deadlines.receipt
        ways = {"digital": receipt.digital, "paper": receipt.paper, "in_person": receipt.in_person}
        return NamedPhrases({name: way.phrases for name, way in ways.items() if way.phrases}, self.right_to_left)

    @cached_property
    def date_phrases(self) -> NamedPhrases:
        """The calculator's other words (``deadlines.yaml``): "asking" (how long / until when), "calculator" (its
        name), "arrived" (the day a letter came), "in_denmark" (the day the person came to Denmark), "seen" (the day
        it was seen or opened), "printed" (the date on it), "same_day" (the printed date is the day it came),
        "final" (the decision is final: nothing is left to appeal), "hearing" (the letter is a hearing before a
        decision: nothing to appeal yet)."""
        d = self.deadlines
        named = {
            "asking": d.asking_phrases,
            "calculator": d.calculator_phrases,
            "arrived": d.arrival_phrases,
            "in_denmark": d.coming_to_denmark_phrases,
            "seen": d.seen_phrases,
            "printed": d.printed_phrases,
            "same_day": d.same_day_phrases,
            "final": d.final_phrases,
            "hearing": d.hearing_phrases,
        }
        return NamedPhrases({name: phrases for name, phrases in named.items() if phrases}, self.right_to_left)

    @cached_property
    def elsewhere_phrases(self) -> NamedPhrases:
        """The catalogue's phrases for a matter of another country (its citizenship): out of scope."""
        phrases = self.catalogue.elsewhere_phrases
        return NamedPhrases({"elsewhere": phrases} if phrases else {}, self.right_to_left)

    @cached_property
    def _typed_language_names(self) -> dict[str, tuple[str, ...]]:
        return {
            code: tuple(normalise(name) for name in info.typed_names) for code, info in self.languages.languages.items()
        }

    def languages_named(self, text: str) -> frozenset[str]:
        """The codes of the languages whose ``typed_names`` (``languages.yaml``) occur in ``text``."""
        normal = normalise(text)
        return frozenset(code for code, names in self._typed_language_names.items() if any(n in normal for n in names))

    @cached_property
    def neighbours(self) -> dict[str, frozenset[str]]:
        """Topic id -> its neighbouring topics: those it lists as ``related`` and those that list it."""
        near: dict[str, set[str]] = {tid: set(t.related) for tid, t in self.topics.items()}
        for tid, topic in self.topics.items():
            for other in topic.related:
                near.setdefault(other, set()).add(tid)
        return {tid: frozenset(others) for tid, others in near.items()}

    def says(self, kind: str, text: str) -> bool:
        """True when ``text`` has one of the calculator's ``kind`` words (see ``date_phrases``)."""
        return kind in self.date_phrases.scores(text)

    def right_to_left(self, language: str) -> bool:
        """True for a language written right to left (Arabic): Latin words on its pages are Arabizi."""
        return self.languages.languages[language].direction == "rtl"

    def _phrases(self, topic: Topic) -> PhraseSet:
        return PhraseSet((p.keywords, p.not_when, self.right_to_left(p.language)) for p in topic.pages.values())

    def examples(self) -> dict[str, list[str]]:
        """Every topic's example questions in all languages: NLU training data."""
        return {tid: [ex for page in t.pages.values() for ex in page.examples] for tid, t in self.topics.items()}
