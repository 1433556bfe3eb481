"""The shape of every content file, as pydantic models, and volunteer-friendly validation errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.content.problems import ProblemList
from bot.content.yaml_lines import Location, line_of

TOPIC_BUTTON_MAX = 32
RELATED_MAX = 4

Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Clock = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    title: Text
    url: Url


class ReviewInfo(Strict):
    """Settings that only the source-language page carries."""

    version: Annotated[int, Field(ge=1)]
    reviewed_by: Text
    reviewed_on: dt.date
    review_every_days: Annotated[int, Field(ge=1, le=730)]
    legal_review: Literal["pending", "done"]
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


class EmergencySource(_PageHeader, ReviewInfo):
    keywords: list[Text] = []


class EmergencyTranslation(_PageHeader, TranslationInfo):
    keywords: list[Text] = []


# --- content/catalogue.yaml and content/languages.yaml ---


class Catalogue(Strict):
    groups: dict[str, Annotated[list[Text], Field(min_length=1)]]
    conversation: list[Text]


class LanguageInfo(Strict):
    name: Text
    locale: Text
    direction: Literal["ltr", "rtl"]
    details_heading: Text
    help_heading: Text
    min_examples: Annotated[int, Field(ge=1)]


class Languages(Strict):
    source_language: Text
    default_language: Text
    languages: dict[str, LanguageInfo]


# --- content/menu.yaml ---

Localised = dict[str, Text]


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
    title: Localised
    working_days_after_letter_date: Annotated[int, Field(ge=0, le=30)]


class Receipt(Strict):
    digital: ReceiptRule
    paper: ReceiptRule
    needs_legal_review: bool
    sources: Annotated[list[Source], Field(min_length=1)]


class DeadlineRule(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Localised
    applies_to: Localised
    period: Period
    counts_from: Literal["receipt"]
    moves_to_next_working_day: bool
    needs_legal_review: bool
    topic: Text
    sources: Annotated[list[Source], Field(min_length=1)]


class DeadlinesFile(Strict):
    receipt: Receipt
    rules: Annotated[list[DeadlineRule], Field(min_length=1)]


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


# --- turning pydantic errors into volunteer-friendly problems ---


def _dotted(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


def _explain(error: Any, where: str) -> tuple[str, str]:
    kind = error["type"]
    name = where.rsplit(".", 1)[-1]
    ctx = error.get("ctx") or {}
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
