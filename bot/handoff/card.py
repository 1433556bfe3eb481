"""The card that opens a case's topic in the advisers' group (for advisers: in the content's source language)."""

from __future__ import annotations

from bot.content.model import Content
from bot.content.provider import ContentProvider
from bot.handoff.cases import Case
from bot.handoff.desk import CardFor

ADVISER_COMMANDS = (
    "Commands: /take (claim), /release, /transfer @name, /answers or /send TOPIC_ID (a reviewed answer), "
    "/send calculator, /close, /reopen, /note <text> (stays among advisers)."
)


def case_card(case: Case, content: Content) -> str:
    """HTML: the case number, the person's language, the subjects they asked about, consent, how to reply."""
    source = content.languages.source_language
    subjects = ", ".join(content.page(t, source).title for t in case.topics if t in content.topics) or "none"
    language = content.languages.languages.get(case.language)
    return "\n".join(
        [
            f"<b>Case {case.number}</b>",
            f"Language: {language.name if language else case.language}",
            f"Subjects asked: {subjects}",
            "Consent: given by the person before this case opened.",
            "Reply in this topic to write to the person (they see \u201cAdviser\u201d, not your name). "
            + ADVISER_COMMANDS,
        ]
    )


def card_writer(content: ContentProvider) -> CardFor:
    """``case_card`` over the content in service at the time the card is written (content reloads live)."""
    return lambda case: case_card(case, content.current)
