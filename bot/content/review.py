"""A lawyer's review of a page: the page's version, whether a sign-off is in force, the notice a person sees
above the answer, and the ``[!review]`` marks with the facts they sit in.

A sign-off (``legal_review:`` in a page's front matter, written by ``sanad content sign-off``) names the page
version it covers: a hash of what the page says (its settings without ``legal_review`` and ``examples``, and its
text). An edit after the sign-off changes the hash; the bot then shows the "not yet checked" notice again and
``sanad content check`` warns until a lawyer signs the new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.content.markdown import REVIEW_MARK
from bot.content.problems import ProblemList

if TYPE_CHECKING:
    from bot.content.model import Content, Page, Topic
    from bot.content.schema import LegalReview

# Front matter settings that do not change what a person reads: the sign-off itself and the example questions
# (training data for the language model).
NOT_REVIEWED = ("legal_review", "examples")


def reviewable_text(front_matter: dict[str, Any], body: str) -> str:
    """What a lawyer reviews on a page, as one text: the settings a person's answer depends on (title, sources,
    version...) one per line as JSON, then the Markdown text. Used for the version hash and the review pack's
    diff."""
    settings = [
        f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)}"
        for key, value in front_matter.items()
        if key not in NOT_REVIEWED
    ]
    return "\n".join(settings) + "\n---\n" + body.replace("\r\n", "\n").strip() + "\n"


def page_version(front_matter: dict[str, Any], body: str) -> str:
    """The page's version for a sign-off: the first 16 hex digits of the SHA-256 of ``reviewable_text``."""
    return hashlib.sha256(reviewable_text(front_matter, body).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class LegalStatus:
    """Where a page stands: ``signed`` is the sign-off in force (None: pending); ``outdated`` is a sign-off of an
    earlier version of the page (the page changed after it was signed)."""

    signed: LegalReview | None
    outdated: LegalReview | None

    @property
    def state(self) -> str:
        """``signed``, ``changed`` (signed once, edited since) or ``pending`` (never signed)."""
        return "signed" if self.signed else "changed" if self.outdated else "pending"


def legal_status(page: Page) -> LegalStatus:
    """The page's legal review: in force only when it signed this very version of the page."""
    review = page.legal_review
    if review is None:
        return LegalStatus(None, None)
    if review.version == page.version_hash:
        return LegalStatus(review, None)
    return LegalStatus(None, review)


def review_notice(topic: Topic, language: str, _: Callable[[str], str], day: Callable[[dt.date], str]) -> str:
    """The line above an answer (Telegram HTML): "checked by a lawyer on DATE" when the page the person reads
    (``language``, or the source page when there is no translation) is signed in its current version, the
    "not yet checked" warning otherwise."""
    page = topic.pages.get(language) or next(p for p in topic.pages.values() if p.translates_version is None)
    signed = legal_status(page).signed
    if signed is None:
        return "⚠️ <i>" + _("Not yet checked by a lawyer. General information, not legal advice.") + "</i>"
    text = _("Checked by a lawyer on {date}. General information, not legal advice.").format(date=day(signed.date))
    return "✅ <i>" + text + "</i>"


@dataclass(frozen=True)
class ReviewMark:
    """One ``[!review]`` mark: the file line it is on, the fact (the sentence or list item that holds it, in plain
    text, the mark shown as ⚠️) and the links written in that sentence (text, address)."""

    line: int
    fact: str
    links: tuple[tuple[str, str], ...]


_SENTENCE_END = re.compile(r"(?<=[.!?؟:])\s+")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def review_marks(body: str, first_line: int = 1) -> list[ReviewMark]:
    """Every ``[!review]`` mark of a page's Markdown text, in order; ``first_line`` is the file line the text
    starts on. A sentence with two marks gives two entries (one per figure to check)."""
    marks: list[ReviewMark] = []
    for offset, raw in enumerate(body.replace("\r\n", "\n").split("\n")):
        if REVIEW_MARK not in raw:
            continue
        line = re.sub(r"^\s*(?:[-*]\s+|#+\s+)", "", raw)
        for sentence in _SENTENCE_END.split(line):
            links = tuple(_LINK.findall(sentence))
            plain = _LINK.sub(r"\1", sentence).replace("**", "")
            plain = re.sub(r"\s*\[!review\]", " ⚠️", plain).strip()
            marks.extend(ReviewMark(first_line + offset, plain, links) for _ in range(sentence.count(REVIEW_MARK)))
    return marks


def check_sign_offs(content: Content, reader: Any, problems: ProblemList) -> None:
    """Warn about a page edited after its sign-off (people see the pending notice again); a sign-off that names
    another language than its page is an error."""
    for topic in content.topics.values():
        for language, page in topic.pages.items():
            review = page.legal_review
            if review is None:
                continue
            line = reader.lines.get(page.path, {}).get(("legal_review",), 1)
            if review.language != language:
                problems.error(
                    page.path,
                    line,
                    f"The sign-off says `language: {review.language}` on the `{language}` page.",
                    f"Write `language: {language}`, or sign the page again with `sanad content sign-off {topic.id}`.",
                )
            elif review.version != page.version_hash:
                problems.warning(
                    page.path,
                    line,
                    f"`{topic.id}` ({language}) was signed off by {review.reviewer} on {review.date}, but the page "
                    'has changed since: people see the "not yet checked by a lawyer" notice again.',
                    "Ask a lawyer to read the change (`sanad content review-pack DIR` shows it), then run "
                    f'`sanad content sign-off {topic.id} --reviewer "Name, role" --language {language}`.',
                )
