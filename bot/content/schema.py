"""The shape of every content file, as pydantic models, and volunteer-friendly validation errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from bot.content.markdown import render
from bot.content.problems import ProblemList
from bot.content.yaml_lines import Location, line_of

TOPIC_BUTTON_MAX = 32
RELATED_MAX = 4
# The error type of checks written for volunteers: the message and the fix travel in the error context.
CONTENT_RULE_ERROR = "content_rule"

Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Clock = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    title: Text
    url: Url


class LegalReview(Strict):
    """A lawyer's sign-off of one page, written by ``sanad content sign-off`` (``bot/content/signoff.py``).

    ``version`` is the page's content hash when it was signed (``bot.content.review.page_version``): an edit
    after the sign-off changes the hash, and the bot shows the "not yet checked" notice again.
    ``accepted_open_marks``: the reason given for signing while ``[!review]`` marks remained."""

    reviewer: Text
    date: dt.date
    version: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    language: Text
    accepted_open_marks: Text | None = None


class ReviewInfo(Strict):
    """Settings that only the source-language page carries."""

    version: Annotated[int, Field(ge=1)]
    reviewed_by: Text
    reviewed_on: dt.date
    review_every_days: Annotated[int, Field(ge=1, le=730)]
    legal_review: Literal["pending"] | LegalReview
    sources: Annotated[list[Source], Field(min_length=1)]


class TranslationOf(Strict):
    language: Text
    version: Annotated[int, Field(ge=1)]


class TranslationInfo(Strict):
    translation_of: TranslationOf
    translated_by: Text
    translated_on: dt.date


class _PageHeader(Strict):
    id: Text
    language: Text
    title: Text


class TopicSource(_PageHeader, ReviewInfo):
    short_title: Annotated[str, Field(min_length=1, max_length=TOPIC_BUTTON_MAX)]
    related: Annotated[list[str], Field(max_length=RELATED_MAX)] = []
    examples: Annotated[list[Text], Field(min_length=1)]


class TopicTranslation(_PageHeader, TranslationInfo):
    short_title: Annotated[str, Field(min_length=1, max_length=TOPIC_BUTTON_MAX)]
    examples: Annotated[list[Text], Field(min_length=1)]
    legal_review: Literal["pending"] | LegalReview = "pending"  # a translation is signed off on its own


class EmergencySource(_PageHeader, ReviewInfo):
    """The emergency message or the distress check-in, in the source language (``content/emergency/``,
    ``content/distress/``). ``keywords``, ``watch`` and ``not_when`` are safety phrases: see
    ``bot/text/phrases.py``. A ``watch`` phrase is a word that tells of a danger as often as it is part of an
    ordinary question ("حريق": a fire now, or the insurance against one): the emergency message comes first, and
    comes alone only when the NLU reads a danger too."""

    keywords: list[Text] = []
    watch: list[Text] = []
    not_when: list[Text] = []
    short: Text | None = None  # the one-line note sent before the answer (a possible danger; distress with a question)


class EmergencyTranslation(_PageHeader, TranslationInfo):
    keywords: list[Text] = []
    watch: list[Text] = []
    not_when: list[Text] = []
    short: Text | None = None


# --- content/catalogue.yaml and content/languages.yaml ---


class Catalogue(Strict):
    groups: dict[str, Annotated[list[Text], Field(min_length=1)]]
    conversation: list[Text]
    # Per language, questions that use the topics' words about another country's matter ("الجنسية النمساوية",
    # "British citizenship"): out of scope whatever the NLU ranks first (``bot/text/phrases.py`` matching).
    elsewhere_phrases: dict[str, list[Text]] = {}


class LanguageInfo(Strict):
    name: Text
    locale: Text
    direction: Literal["ltr", "rtl"]
    details_heading: Text
    help_heading: Text
    min_examples: Annotated[int, Field(ge=1)]
    # how people write the language's name in a message ("بالعربي", "3arabi", "English"), in any language
    typed_names: list[Text] = []


class Languages(Strict):
    source_language: Text
    default_language: Text
    languages: dict[str, LanguageInfo]


# --- content/menu.yaml ---

Localised = dict[str, Text]
# Per language, the words people use for a thing in a message (``bot/text/phrases.py`` matching): the
# calculator reads the decision and the delivery from free text with them.
Phrases = dict[str, list[Text]]


class MenuTopic(Strict):
    topic: Text


class MenuAction(Strict):
    action: Literal["deadline_calculator", "adviser", "language", "contacts"]
    title: Localised


class Submenu(Strict):
    submenu: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Localised
    items: Annotated[list[MenuTopic | MenuAction | Submenu], Field(min_length=1)]


class MenuFile(Strict):
    menu: Submenu


# --- content/deadlines.yaml ---


class Period(Strict):
    amount: Annotated[int, Field(ge=1, le=365)]
    unit: Literal["days", "weeks"]


class ReceiptRule(Strict):
    """How one way of delivery counts as received. ``needs_legal_review`` puts ⚠️ after the number of days."""

    title: Localised
    working_days_after_letter_date: Annotated[int, Field(ge=0, le=30)]
    needs_legal_review: bool
    phrases: Phrases = {}


class Receipt(Strict):
    digital: ReceiptRule
    paper: ReceiptRule
    in_person: ReceiptRule
    sources: Annotated[list[Source], Field(min_length=1)]


# What a deadline counts from: the date printed on the decision, or the day the person received it.
CountsFrom = Literal["decision_date", "receipt"]
# A last day on a Saturday, Sunday or Danish public holiday: ``stays`` (no source says it moves), ``moves``
# (an official source says it moves to the next working day), ``may_move`` (only an unofficial source says
# so: the day itself stays the last safe day and the move is shown as a note).
WeekendRule = Literal["stays", "moves", "may_move"]


def _content_error(message: str, fix: str) -> PydanticCustomError:
    """A validation error with its own volunteer-friendly message and fix (see ``_explain``)."""
    return PydanticCustomError(CONTENT_RULE_ERROR, "{message}", {"message": message, "fix": fix})


class DeadlineRule(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Localised
    applies_to: Localised
    period: Period
    counts_from: CountsFrom
    on_weekend_or_holiday: WeekendRule
    # The source that says the last day moves (required for ``moves`` and ``may_move``).
    move_source: Source | None = None
    needs_legal_review: bool
    topic: Text
    sources: Annotated[list[Source], Field(min_length=1)]
    phrases: Phrases = {}
    # Another rule that runs from the same letter and is shown with this one's result: the 7 days that keep the
    # right to stay, and the 8 weeks to appeal at all (fact sheet 3.2.2-3.2.4).
    also: str | None = None

    @model_validator(mode="after")
    def _move_has_a_source(self) -> DeadlineRule:
        if self.on_weekend_or_holiday != "stays" and self.move_source is None:
            raise _content_error(
                f"`on_weekend_or_holiday` is `{self.on_weekend_or_holiday}`, but `move_source` (who says the "
                "last day moves past weekends and holidays) is missing.",
                "Add `move_source:` with the `title` and `url` of the page that says the deadline moves, "
                "or write `on_weekend_or_holiday: stays`.",
            )
        if self.on_weekend_or_holiday == "stays" and self.move_source is not None:
            raise _content_error(
                "The rule has a `move_source` but says `on_weekend_or_holiday: stays`.",
                "Write `may_move` (a law firm or NGO says it moves) or `moves` (an official source says so), "
                "or delete `move_source`.",
            )
        return self


class NoDateChoice(Strict):
    """A decision the calculator names but gives no date for: what is known, what is not, what to do."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Localised
    applies_to: Localised
    text: Localised  # the topic-page Markdown subset, with [!review] after unconfirmed figures
    needs_legal_review: bool
    topic: Text
    sources: Annotated[list[Source], Field(min_length=1)]
    phrases: Phrases = {}

    @field_validator("text")
    @classmethod
    def _allowed_markdown(cls, value: dict[str, str]) -> dict[str, str]:
        for language, text in value.items():
            issues = render(text).issues
            if issues:
                raise _content_error(
                    f"The `{language}` text uses {issues[0][1]}, which the bot cannot show.",
                    "Use only paragraphs, `- ` lists, **bold** and https:// links (see content/README.md).",
                )
        return value


class DeadlinesFile(Strict):
    # Words that ask "how long / until when": with a decision named, they start the calculator.
    asking_phrases: Phrases = {}
    # The calculator's name in a message ("احسب مهلتي", "calculate my deadline"): it starts the calculator.
    calculator_phrases: Phrases = {}
    # Words that make a date the day the letter came ("وصلتني امبارح", "it came on Tuesday"), and words that make
    # it the date printed on it ("بتاريخ", "dated"): a decision-date rule and a paper letter count from the
    # printed date, so the calculator asks for it when it was told only the day the letter came.
    arrival_phrases: Phrases = {}
    printed_phrases: Phrases = {}
    # Words that make a date the day the person came to Denmark ("اجيت عالدنمارك من سنتين", "came here two weeks
    # ago"): no date of a letter, so it neither starts the calculator nor fills it.
    coming_to_denmark_phrases: Phrases = {}
    # Words that make a date the day the person saw or opened the letter ("شفتها", "opened"): a letter can wait in
    # e-Boks unseen, so the calculator asks for the printed date then too.
    seen_phrases: Phrases = {}
    # Answers to that question saying the printed date is the day it came ("نفس اليوم", "same day").
    same_day_phrases: Phrases = {}
    # Words that tell a decision is final ("القرار نهائي", "the Board upheld it"): there is no appeal left to count
    # a last day for, so a decision named with a date does not start the calculator.
    final_phrases: Phrases = {}
    # Words that tell the letter is a hearing (partshøring: "they are considering revoking"), not a decision yet:
    # nothing can be appealed, so a hearing told with a date does not start the calculator.
    hearing_phrases: Phrases = {}
    receipt: Receipt
    without_a_date: list[NoDateChoice] = []
    rules: Annotated[list[DeadlineRule], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> DeadlinesFile:
        seen: set[str] = set()
        choices: list[NoDateChoice | DeadlineRule] = [*self.without_a_date, *self.rules]
        for choice in choices:
            if choice.id in seen:
                raise _content_error(
                    f"Two deadline choices are called `{choice.id}`.",
                    "Give each rule and each entry of `without_a_date` a different id.",
                )
            seen.add(choice.id)
        rules = {rule.id for rule in self.rules}
        for rule in self.rules:
            if rule.also is not None and (rule.also not in rules or rule.also == rule.id):
                raise _content_error(
                    f"The rule `{rule.id}` says `also: {rule.also}`, which is not another rule of this file.",
                    "Write the id of another rule under `rules:`, or delete the `also:` line.",
                )
        return self


# --- content/letters.yaml ---

Phrase = Annotated[str, Field(min_length=3)]


class LetterKind(Strict):
    """One kind of letter the letter reader recognises (``content/letters.yaml``, see content/README.md).

    ``phrases`` name the kind on their own (2 points each when found in the letter), ``hints`` support it
    (1 point each); both are Danish and compared in lower case with æ/ø/å spelled ae/oe/aa and spaces folded.
    ``decision``: the letter is a decision, so its decision date is looked for. ``deadline``: the id of a rule
    or of a ``without_a_date`` entry in ``deadlines.yaml``, or none. ``topic``: the topic that explains the
    letter, or none (a letter that is not about residence). ``note``: a short line shown with the kind.
    """

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Localised
    decision: bool
    phrases: Annotated[list[Phrase], Field(min_length=1)]
    hints: list[Phrase] = []
    topic: Text | None = None
    deadline: Text | None = None
    note: Localised | None = None


class LettersFile(Strict):
    """``content/letters.yaml``: the letter kinds, and the words around a date that say which date it is."""

    # Words just before a date that make it the decision date ("nævnet traf på mødet den ...").
    decision_date_words: Annotated[list[Phrase], Field(min_length=1)]
    # Words just before a date that make it the letter's own date ("Brevdato", "Brev sendt").
    letter_date_words: Annotated[list[Phrase], Field(min_length=1)]
    # Words just before a date that make it some other date (an application, an interview, a birth).
    other_date_words: list[Phrase] = []
    # A letter in which no kind's phrase is found and none of these words appears is taken as the kind
    # ``not_about_residence`` (the id of a kind), unsure.
    residence_words: list[Phrase] = []
    not_about_residence: str | None = None
    kinds: Annotated[list[LetterKind], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> LettersFile:
        seen: set[str] = set()
        for kind in self.kinds:
            if kind.id in seen:
                raise _content_error(
                    f"Two letter kinds are called `{kind.id}`.", "Give each kind in letters.yaml a different id."
                )
            seen.add(kind.id)
        if self.not_about_residence is not None and self.not_about_residence not in seen:
            raise _content_error(
                f"`not_about_residence` names `{self.not_about_residence}`, which is not a kind in this file.",
                "Use the id of one of the kinds below, or leave `not_about_residence` out.",
            )
        return self


# --- content/contacts.yaml ---

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class OpeningHours(Strict):
    days: Annotated[str, Field(pattern=r"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$")]
    opens: Clock = Field(alias="from")
    closes: Clock = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Organisation(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    name: Localised
    description: Localised
    phone: str | None = None
    email: str | None = None
    website: Url | None = None
    hours: list[OpeningHours] = []
    needs_legal_review: bool
    sources: Annotated[list[Source], Field(min_length=1)]


class AdviserHours(Strict):
    timezone: Text
    hours: Annotated[list[OpeningHours], Field(min_length=1)]

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        ZoneInfo(value)
        return value


class ContactsFile(Strict):
    organisations: Annotated[list[Organisation], Field(min_length=1)]
    advisers: AdviserHours


# --- content/glossary.yaml ---


class AvoidRule(Strict):
    """Arabic words a page must not use for a term; compared after ``bot.text.arabic.normalise``.

    ``followed_by``: warn only when the next word starts with one of these. ``unless_followed_by`` /
    ``unless_preceded_by``: no warning when the words right after / right before are one of these.
    ``why``: shown in the warning. ``instead``: the names to suggest, when not the term's own ``arabic``
    name. See ``bot/content/glossary.py`` for the matching.
    """

    text: Text
    followed_by: list[Text] = []
    unless_followed_by: list[Text] = []
    unless_preceded_by: list[Text] = []
    why: Text | None = None
    instead: list[Text] = []


class GlossaryTerm(Strict):
    """One Danish authority or legal term and its one Arabic name (``first_use``: with the Danish word)."""

    danish: Text
    english: Text
    arabic: Text
    first_use: Text | None = None
    explain_ar: Text
    explain_en: Text
    avoid: list[AvoidRule]

    @field_validator("avoid", mode="before")
    @classmethod
    def _words_alone(cls, value: Any) -> Any:
        """``- "words"`` is short for ``- text: "words"``."""
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def name_at_first_use(self) -> str:
        """``first_use``, or by default the Arabic name with the Danish word in brackets."""
        return self.first_use or f"{self.arabic} ({self.danish})"


class GlossaryFile(Strict):
    terms: Annotated[list[GlossaryTerm], Field(min_length=1)]


# --- turning pydantic errors into volunteer-friendly problems ---


def _dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


# Settings of content/deadlines.yaml that were replaced (the end of their dotted place), with what to write instead.
_REPLACED_SETTINGS = {
    "moves_to_next_working_day": (
        "Write `on_weekend_or_holiday:` instead: `stays`, `moves` (an official source says the last day moves "
        "past weekends and holidays) or `may_move` (only a law firm or NGO says so), with `move_source:` for "
        "the last two (see content/README.md)."
    ),
    "receipt.needs_legal_review": (
        "In `receipt`, write `needs_legal_review:` under each of `digital`, `paper` and `in_person` instead "
        "(see content/README.md)."
    ),
}


def _explain(error: Any, where: str) -> tuple[str, str]:
    kind = error["type"]
    name = where.rsplit(".", 1)[-1]
    ctx = error.get("ctx") or {}
    if kind == CONTENT_RULE_ERROR:
        return (f"`{where}`: {ctx['message']}", str(ctx["fix"]))
    replaced = next((fix for old, fix in _REPLACED_SETTINGS.items() if where.endswith(old)), None)
    if kind == "extra_forbidden" and replaced is not None:
        return (f"`{where}` is an old setting.", replaced)
    if kind == "missing":
        return (f"The setting `{where}` is missing.", f"Add `{name}:` with its value (see content/README.md).")
    if kind == "extra_forbidden":
        return (
            f"`{where}` is not a setting the bot knows.",
            "Check the spelling against content/README.md, or delete the line. A translation takes "
            "sources, related topics and review dates from its source page, so leave them out there.",
        )
    if kind in {"date_type", "date_from_datetime_parsing", "date_parsing"}:
        return (f"`{where}` is not a date.", "Write the date as YYYY-MM-DD, for example 2026-11-22.")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return (f"`{where}` must be a whole number.", "Write a number such as 3, without quotes.")
    if kind == "string_too_long":
        return (
            f"`{where}` is longer than {ctx.get('max_length')} characters.",
            "Shorten it: it is shown on a button on a phone screen.",
        )
    if kind in {"string_too_short", "too_short"}:
        return (f"`{where}` is empty or has too few entries.", "Fill it in (see content/README.md).")
    if kind == "too_long":
        return (f"`{where}` has too many entries.", f"Keep at most {ctx.get('max_length')}.")
    if kind == "literal_error":
        return (f"`{where}` has a value the bot does not know.", f"Use one of: {ctx.get('expected')}.")
    if kind == "string_pattern_mismatch":
        return (
            f"`{where}` is not written the expected way.",
            "For a link write the full address, "
            "starting with https://; for an id use lower-case letters, digits and _; "
            "for a time use HH:MM.",
        )
    if kind in {"string_type", "list_type", "dict_type", "model_type", "bool_type", "bool_parsing"}:
        wanted = {
            "string_type": "text",
            "list_type": "a list (lines starting with `- `)",
            "dict_type": "a set of `name: value` lines",
            "model_type": "a set of `name: value` lines",
            "bool_type": "true or false",
            "bool_parsing": "true or false",
        }[kind]
        return (f"`{where}` should be {wanted}.", "Compare with content/README.md and the other files.")
    return (f"`{where}`: {error['msg']}.", "Compare with content/README.md and the other files.")


def validate(model: type[Strict], data: Any, path: str, lines: dict[Location, int], problems: ProblemList) -> Any:
    """Validate ``data`` against ``model``; on failure record one problem per error and return None."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: set[Location] = set()
        for error in exc.errors():
            location = tuple(p for p in error["loc"] if not _is_union_tag(p))
            if location in seen:
                continue
            seen.add(location)
            message, fix = _explain(error, _dotted(location))
            problems.error(path, line_of(lines, location), message, fix)
        return None


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and part[:1].isupper()
