"""``sanad content sign-off``: a lawyer's review recorded in a page's front matter, and the copy of the page as
it was signed (``content/reviewed/<language>/<topic id>.md``), which the review pack compares the page with.

The ``legal_review:`` block names the reviewer, the date, the page version (``bot.content.review.page_version``),
the language and, when ``[!review]`` marks remained, the reason they were accepted. Nothing is written unless
every check passes: the content loads without errors, the topic and its page exist, the reviewer is named, the
translation is up to date and no ``[!review]`` mark remains (or ``--accept-open-marks`` gives a reason).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content.loader import load_content
from bot.content.review import page_version, reviewable_text

REVIEWED_DIR = "reviewed"  # content/reviewed/<language>/<topic id>.md: each page as it was last signed


class SignOffRefused(Exception):
    """The sign-off cannot be recorded; ``fix`` says what to do. Nothing was written."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True)
class PageText:
    """A page file split in its front matter (text and data) and its Markdown body."""

    front_matter: str
    data: dict[str, Any]
    body: str

    @classmethod
    def parse(cls, text: str) -> PageText:
        """Raises ``ValueError`` when the text has no closed ``---`` settings block of ``name: value`` lines."""
        text = text.replace("\r\n", "\n")
        end = text.find("\n---\n", 4)
        if not text.startswith("---\n") or end < 0:
            raise ValueError("the page has no settings block between two `---` lines")
        data = yaml.safe_load(text[4 : end + 1])
        if not isinstance(data, dict):
            raise ValueError("the settings block is not a set of `name: value` lines")
        return cls(text[4 : end + 1], data, text[end + 5 :])

    @property
    def version(self) -> str:
        return page_version(self.data, self.body)

    @property
    def reviewable(self) -> str:
        return reviewable_text(self.data, self.body)

    def with_review(self, block: dict[str, str]) -> str:
        """The page text with ``legal_review:`` replaced by ``block`` (or added at the end of the settings)."""
        lines = self.front_matter.rstrip("\n").split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("legal_review:")), None)
        new = ["legal_review:"] + [f"  {key}: {value}" for key, value in block.items()]
        if start is None:
            lines += new
        else:
            stop = start + 1
            while stop < len(lines) and (lines[stop].startswith((" ", "\t")) or not lines[stop].strip()):
                stop += 1
            lines[start:stop] = new
        return "---\n" + "\n".join(lines) + "\n---\n" + self.body


def snapshot_path(root: Path, language: str, topic_id: str) -> Path:
    """Where the page as last signed is kept."""
    return root / REVIEWED_DIR / language / f"{topic_id}.md"


def diff_since_sign_off(root: Path, language: str, topic_id: str, current: PageText) -> list[str] | None:
    """A unified diff (lines) from the page as last signed to ``current``; None when it was never signed.
    Settings that are not reviewed (``examples``, ``legal_review``) are left out of both sides."""
    path = snapshot_path(root, language, topic_id)
    if not path.is_file():
        return None
    before = PageText.parse(path.read_text(encoding="utf-8")).reviewable
    return list(
        difflib.unified_diff(before.splitlines(), current.reviewable.splitlines(), "as signed", "now", n=2, lineterm="")
    )


def sign_off(
    root: Path,
    topic_id: str,
    reviewer: str,
    language: str = "both",
    accept_open_marks: str | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Record a lawyer's review of ``topic_id`` in ``language`` (``en``, ``ar`` or ``both``) in the page's front
    matter and keep a copy of the signed page; returns the files written. Raises ``SignOffRefused`` (nothing
    written) for an unknown topic or language, a missing reviewer, content with errors, an outdated translation,
    or open ``[!review]`` marks without ``accept_open_marks``."""
    today = today or dt.date.today()
    reviewer = reviewer.strip()
    if not reviewer:
        raise SignOffRefused(
            "The reviewer's name is missing.",
            'Add --reviewer "Name, role", for example --reviewer "Sara Nielsen, lawyer".',
        )
    if accept_open_marks is not None and not accept_open_marks.strip():
        raise SignOffRefused(
            "--accept-open-marks needs a reason.",
            'Write why the marked figures may stay, e.g. --accept-open-marks "figures checked by phone with DRC".',
        )
    result = load_content(root, today)
    if result.content is None:
        raise SignOffRefused(
            f"The content has {len(result.problems.errors)} error(s), so nothing can be signed.",
            "Run `sanad content check`, fix what it lists, then sign again.",
        )
    content = result.content
    topic = content.topics.get(topic_id)
    if topic is None:
        close = difflib.get_close_matches(topic_id, list(content.topics), n=3)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        raise SignOffRefused(
            f"There is no topic `{topic_id}`.", hint + "The topic ids are listed in content/catalogue.yaml."
        )
    known = list(content.languages.languages)
    languages = known if language == "both" else [language]
    if any(code not in known for code in languages):
        raise SignOffRefused(
            f"`{language}` is not a language of the content.", f"Use one of: {', '.join(known)}, both."
        )
    writes: dict[Path, str] = {}
    for code in languages:
        page = topic.pages.get(code)
        if page is None:
            raise SignOffRefused(f"`{topic_id}` has no `{code}` page.", f"Create content/topics/{code}/{topic_id}.md.")
        if topic.translation_outdated(code):
            raise SignOffRefused(
                f"The `{code}` page of `{topic_id}` translates version {page.translates_version}, but the source "
                f"is at version {topic.version}.",
                "Update the translation first (and its `translation_of` version), or sign only the source language.",
            )
        if page.review_marks and accept_open_marks is None:
            raise SignOffRefused(
                f"The `{code}` page of `{topic_id}` still has {page.review_marks} [!review] mark(s).",
                "Confirm each marked figure and remove its [!review], or sign anyway with "
                '--accept-open-marks "the reason" (the reason is recorded).',
            )
        path = root / "topics" / code / f"{topic_id}.md"
        text = PageText.parse(path.read_text(encoding="utf-8"))
        block = {
            "reviewer": json.dumps(reviewer, ensure_ascii=False),
            "date": today.isoformat(),
            "version": json.dumps(text.version),
            "language": code,
        }
        if page.review_marks and accept_open_marks is not None:
            block["accepted_open_marks"] = json.dumps(accept_open_marks.strip(), ensure_ascii=False)
        signed = text.with_review(block)
        writes[path] = signed
        writes[snapshot_path(root, code, topic_id)] = signed
    originals = {path: path.read_text(encoding="utf-8") if path.is_file() else None for path in writes}
    for path, text_ in writes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_, encoding="utf-8")
    if load_content(root, today).content is None:  # never leave the content broken
        for path, original in originals.items():
            if original is None:
                path.unlink()
            else:
                path.write_text(original, encoding="utf-8")
        raise SignOffRefused("The signed page would not load; nothing was changed.", "Report this to a developer.")
    return list(writes)


def command(root: Path, topic_id: str, reviewer: str, language: str, accept: str | None, today: dt.date | None) -> int:
    """``sanad content sign-off``: prints what was recorded, or why nothing was (exit code 1)."""
    try:
        written = sign_off(root, topic_id, reviewer, language, accept, today)
    except SignOffRefused as refused:
        print(f"Not signed: {refused.message}\n    How to fix: {refused.fix}")
        return 1
    for path in written:
        print(f"wrote {path}")
    print(f'Signed off `{topic_id}` ({language}). The bot shows "checked by a lawyer" from its next answer.')
    return 0
