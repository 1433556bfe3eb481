"""The review pack: a static site (HTML and CSS, no JavaScript) that a volunteer lawyer reads in a browser, or
prints to PDF, before signing topics off with ``sanad content sign-off``.

``index.html`` lists every topic with its review state per language (pending, signed by whom and when, changed
since the sign-off), an overdue review, an outdated translation, the open ``[!review]`` marks and what people
asked. ``topics/<topic id>.html`` shows the source and the translation side by side as a person reads them on
Telegram (the answer the bot sends, its notices and buttons, right to left for Arabic), every ``[!review]`` mark
with the fact it sits in and its sources, what people asked per week, and the diff against the page as last
signed (``content/reviewed/``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from bot.content.loader import load_content
from bot.content.model import Content, Topic
from bot.content.review import LegalStatus, ReviewMark, legal_status, review_marks
from bot.content.schema import Source
from bot.content.signoff import PageText, diff_since_sign_off
from bot.core.turn import Reply
from bot.engine import replies
from bot.engine.replies import View
from bot.i18n import plural_translator, translator
from bot.store.stats import EVENTS
from bot.text.bidi import isolate_ltr_html
from bot.workbench.stats import COLUMNS, Asked

_templates = Environment(
    loader=PackageLoader("bot.workbench", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class PackRefused(Exception):
    """The pack cannot be written; ``fix`` says what to do. Nothing was written to the output folder."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True)
class LanguageSide:
    """One language of a topic in the pack."""

    code: str
    name: str
    direction: str  # "ltr" or "rtl"
    path: str  # the page file, relative to the content folder's parent
    status: LegalStatus
    outdated_translation: bool
    marks: list[ReviewMark]
    message: Markup  # the answer as Telegram shows it, as HTML
    buttons: list[list[str]]  # button labels, row by row
    diff: list[str] | None  # None: never signed


@dataclass(frozen=True)
class TopicEntry:
    topic: Topic
    title: str
    sides: list[LanguageSide]
    overdue: bool
    weeks: list[tuple[str, dict[str, int]]]
    totals: dict[str, int]

    @property
    def open_marks(self) -> int:
        return sum(len(side.marks) for side in self.sides)

    @property
    def new_or_changed(self) -> bool:
        return any(side.status.state != "signed" for side in self.sides)


def telegram_html(reply: Reply, right_to_left: bool) -> tuple[Markup, list[list[str]]]:
    """A reply as a web page shows it: Telegram's HTML (only ``b``, ``i``, ``a``, already escaped) with line breaks,
    numbers and Latin words isolated in right-to-left text as the engine sends them; and the button labels."""
    text = isolate_ltr_html(reply.text) if right_to_left else reply.text
    # The text is the bot's own Telegram HTML, built from escaped content: safe to embed as it is.
    return Markup(text.replace("\n", "<br>\n")), [[button.label for button in row] for row in reply.buttons]


def _side(content: Content, root: Path, topic: Topic, code: str, today: dt.date) -> LanguageSide:
    page = topic.pages[code]
    info = content.languages.languages[code]
    view = View(content, code, translator(code), today, plural_translator(code))
    message, buttons = telegram_html(replies.answer(view, topic), info.direction == "rtl")
    text = PageText.parse((root / "topics" / code / f"{topic.id}.md").read_text(encoding="utf-8"))
    body_line = text.front_matter.count("\n") + 3  # the two `---` lines and the settings
    return LanguageSide(
        code=code,
        name=info.name,
        direction=info.direction,
        path=page.path,
        status=legal_status(page),
        outdated_translation=topic.translation_outdated(code),
        marks=review_marks(text.body, body_line),
        message=message,
        buttons=buttons,
        diff=diff_since_sign_off(root, code, topic.id, text),
    )


def collect(content: Content, root: Path, today: dt.date, asked: Asked | None) -> list[TopicEntry]:
    """Every topic of the catalogue, in catalogue order, with both languages (source first)."""
    source = content.languages.source_language
    codes = [source, *(code for code in content.languages.languages if code != source)]
    totals = asked.totals() if asked else {}
    entries = []
    for ids in content.catalogue.groups.values():
        for topic_id in ids:
            topic = content.topics[topic_id]
            entries.append(
                TopicEntry(
                    topic=topic,
                    title=topic.pages[source].title,
                    sides=[_side(content, root, topic, code, today) for code in codes if code in topic.pages],
                    overdue=topic.review_overdue(today),
                    weeks=asked.of_topic(topic_id) if asked else [],
                    totals=totals.get(topic_id, dict.fromkeys(EVENTS, 0)),
                )
            )
    return entries


def _sources_for(mark: ReviewMark, sources: tuple[Source, ...]) -> tuple[list[tuple[str, str]], int]:
    """The links the marked sentence gives; else the topic's main source and how many more are listed under
    "Sources"."""
    if mark.links:
        return list(mark.links), 0
    return [(s.title, s.url) for s in sources[:1]], max(len(sources) - 1, 0)


def write_pack(
    content: Content, root: Path, out_dir: Path, today: dt.date, asked: Asked | None, generated: str = ""
) -> list[Path]:
    """Write the pack to ``out_dir`` (created if needed; earlier pack files are replaced); returns the pages
    written. Raises ``PackRefused`` when ``out_dir`` cannot be written: the pack is built in a temporary folder
    beside it first, so a failure leaves ``out_dir`` as it was."""
    entries = collect(content, root, today, asked)
    common: dict[str, Any] = {
        "today": today,
        "generated": generated,
        "columns": COLUMNS,
        "with_stats": asked is not None,
        "sources_for": _sources_for,
    }
    pages = {Path("index.html"): _templates.get_template("index.html").render(entries=entries, asked=asked, **common)}
    topic_page = _templates.get_template("topic.html")
    for entry in entries:
        pages[Path("topics") / f"{entry.topic.id}.html"] = topic_page.render(entry=entry, **common)
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise NotADirectoryError(f"{out_dir} is a file")
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out_dir, prefix=".review-pack-") as staging:
            built = Path(staging)
            (built / "topics").mkdir()
            for rel, html in pages.items():
                (built / rel).write_text(html, encoding="utf-8")
            shutil.copyfile(Path(__file__).parent / "templates" / "style.css", built / "style.css")
            for rel in [*pages, Path("style.css")]:
                (out_dir / rel.parent).mkdir(parents=True, exist_ok=True)
                (built / rel).replace(out_dir / rel)
    except OSError as exc:
        raise PackRefused(
            f"The review pack cannot be written to {out_dir} ({exc.strerror or exc}).",
            "Give a folder you can write to, for example `sanad content review-pack ./review-pack`.",
        ) from exc
    return [out_dir / rel for rel in pages]


def command(settings: Any, root: Path, out_dir: Path, today: dt.date | None, with_stats: bool) -> int:
    """``sanad content review-pack OUT_DIR``: exit code 1, with the reason and the fix, when the content has errors
    or the folder cannot be written."""
    today = today or dt.date.today()
    result = load_content(root, today)
    if result.content is None:
        print(
            f"No review pack: the content has {len(result.problems.errors)} error(s).\n"
            "    How to fix: run `sanad content check`, fix what it lists, then make the pack again."
        )
        return 1
    asked = asyncio.run(_read_asked(settings)) if with_stats else None
    try:
        written = write_pack(result.content, root, out_dir, today, asked, generated=today.isoformat())
    except PackRefused as refused:
        print(f"No review pack: {refused.message}\n    How to fix: {refused.fix}")
        return 1
    print(f"Review pack: {len(written)} pages. Open {(out_dir / 'index.html').resolve()} in a browser.")
    return 0


async def _read_asked(settings: Any) -> Asked:
    from bot.workbench.stats import opened_store, read_asked

    async with opened_store(settings) as store:
        return await read_asked(store, settings.unanswered_ttl_s)
