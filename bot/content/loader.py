"""Reads the content folder into a ``Content``; every problem names its file and line."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from bot.content import checks
from bot.content.markdown import render
from bot.content.markdown import sections as markdown_sections
from bot.content.model import Content, Page, Topic
from bot.content.problems import ProblemList
from bot.content.review import page_version
from bot.content.schema import (
    Catalogue,
    ContactsFile,
    DeadlinesFile,
    EmergencySource,
    EmergencyTranslation,
    GlossaryFile,
    Languages,
    LegalReview,
    LettersFile,
    MenuFile,
    Strict,
    TopicSource,
    TopicTranslation,
    validate,
)
from bot.content.yaml_lines import Location, YamlError, load_with_lines


class LoadResult:
    def __init__(self, content: Content | None, problems: ProblemList) -> None:
        self.content = content
        self.problems = problems

    @property
    def ok(self) -> bool:
        return self.content is not None


def load_content(root: Path, today: dt.date | None = None) -> LoadResult:
    """Load and check everything under ``root``; ``content`` is None when any error was found."""
    problems = ProblemList()
    reader = _Reader(root, problems)
    catalogue = reader.yaml_file("catalogue.yaml", Catalogue)
    languages = reader.yaml_file("languages.yaml", Languages)
    if catalogue is None or languages is None:
        return LoadResult(None, problems)
    if languages.source_language not in languages.languages:
        problems.error(
            reader.rel("languages.yaml"),
            1,
            "`source_language` is not one of the languages.",
            "Use one of the language codes listed under `languages`.",
        )
        return LoadResult(None, problems)
    group_of = {tid: group for group, ids in catalogue.groups.items() for tid in ids}
    topics = reader.topics(languages, group_of)
    emergency = reader.safety_page("emergency", languages)
    distress = reader.safety_page("distress", languages)
    menu = reader.yaml_file("menu.yaml", MenuFile)
    deadlines = reader.yaml_file("deadlines.yaml", DeadlinesFile)
    contacts = reader.yaml_file("contacts.yaml", ContactsFile)
    glossary = reader.yaml_file("glossary.yaml", GlossaryFile)
    # Optional: without it the bot answers a letter as any other document.
    letters = reader.yaml_file("letters.yaml", LettersFile) if (root / "letters.yaml").exists() else None
    if (
        menu is None
        or deadlines is None
        or contacts is None
        or glossary is None
        or emergency is None
        or distress is None
        or problems.errors
    ):
        # Checks across files only make sense once every file reads; this keeps one mistake from
        # showing up as many.
        return LoadResult(None, problems)
    content = Content(
        catalogue,
        languages,
        topics,
        emergency,
        menu.menu,
        deadlines,
        contacts,
        reader.fingerprint(),
        distress,
        glossary,
        letters,
    )
    checks.check_all(content, reader, problems, today or dt.date.today())
    return LoadResult(None if problems.errors else content, problems)


class _Reader:
    """File access for one load: remembers what it read, for the fingerprint and for line lookups."""

    def __init__(self, root: Path, problems: ProblemList) -> None:
        self.root = root
        self.problems = problems
        self.lines: dict[str, dict[Location, int]] = {}
        self._digest = hashlib.sha256()

    def rel(self, name: str | Path) -> str:
        path = self.root / name
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def read(self, name: str | Path) -> str | None:
        path = self.root / name
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.problems.error(
                self.rel(name), 0, "This file is missing.", "Restore it from the repository (git checkout -- <file>)."
            )
            return None
        self._digest.update(str(name).encode() + b"\0" + raw + b"\0")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.problems.error(
                self.rel(name),
                0,
                "The file is not saved as UTF-8 text.",
                "Save it again with the encoding UTF-8 in your editor.",
            )
            return None

    def fingerprint(self) -> str:
        return self._digest.hexdigest()

    def yaml_file(self, name: str, model: type[Strict]) -> Any:
        text = self.read(name)
        if text is None:
            return None
        data, lines = self._parse_yaml(name, text, 1)
        if lines is None:
            return None
        self.lines[self.rel(name)] = lines
        return validate(model, data, self.rel(name), lines, self.problems)

    def _parse_yaml(self, name: str | Path, text: str, first_line: int) -> tuple[Any, dict[Location, int] | None]:
        try:
            return load_with_lines(text, first_line)
        except YamlError as exc:
            self.problems.error(
                self.rel(name),
                exc.line,
                f"The settings cannot be read ({exc}).",
                "Check the indentation and put text that contains a colon (:) or "
                "starts with a special character in double quotes.",
            )
            return None, None

    def markdown_page(self, name: Path) -> tuple[Any, dict[Location, int], str, int] | None:
        """Split a page into its front matter data and its body."""
        text = self.read(name)
        if text is None:
            return None
        text = text.replace("\r\n", "\n")
        if not text.startswith("---\n"):
            self.problems.error(
                self.rel(name),
                1,
                "The page does not start with its settings block.",
                "The first line must be `---`, then the settings, then another `---` line.",
            )
            return None
        end = text.find("\n---\n", 4)
        if end < 0:
            self.problems.error(
                self.rel(name),
                1,
                "The settings block is not closed.",
                "Add a line with only `---` after the last setting.",
            )
            return None
        data, lines = self._parse_yaml(name, text[4 : end + 1], 2)
        if lines is None:
            return None
        self.lines[self.rel(name)] = lines
        body_first_line = text[: end + 5].count("\n") + 1
        return data, lines, text[end + 5 :], body_first_line

    def topics(self, languages: Any, group_of: dict[str, str]) -> dict[str, Topic]:
        pages: dict[str, dict[str, Page]] = {}
        meta: dict[str, TopicSource] = {}
        folder = self.root / "topics"
        for path in sorted(folder.glob("*/*.md")) if folder.is_dir() else []:
            language = path.parent.name
            rel = self.rel(path.relative_to(self.root))
            if language not in languages.languages:
                self.problems.error(
                    rel,
                    0,
                    f"`{language}` is not a language listed in languages.yaml.",
                    "Move the file into the folder of its language, or add the language.",
                )
                continue
            is_source = language == languages.source_language
            model = TopicSource if is_source else TopicTranslation
            parsed = self._page(path.relative_to(self.root), model, languages)
            if parsed is None:
                continue
            header, page = parsed
            pages.setdefault(path.stem, {})[language] = page
            if is_source:
                meta[path.stem] = header
        topics = {}
        for tid, header in meta.items():
            topics[tid] = Topic(
                id=tid,
                group=group_of.get(tid, ""),
                version=header.version,
                reviewed_by=header.reviewed_by,
                reviewed_on=header.reviewed_on,
                review_every_days=header.review_every_days,
                legal_review=header.legal_review,
                related=tuple(header.related),
                sources=tuple(header.sources),
                pages=pages[tid],
            )
        checks.check_topic_files(pages, meta, languages, self, self.problems)
        return topics

    def safety_page(self, folder: str, languages: Any) -> Topic | None:
        """``content/emergency/`` or ``content/distress/``: one page per language, with its safety phrases."""
        pages: dict[str, Page] = {}
        source: EmergencySource | None = None
        for language in languages.languages:
            name = Path(folder) / f"{language}.md"
            is_source = language == languages.source_language
            parsed = self._page(name, EmergencySource if is_source else EmergencyTranslation, languages, sections=False)
            if parsed is None:
                continue
            header, page = parsed
            pages[language] = page
            if is_source:
                source = header
        if source is None or len(pages) != len(languages.languages):
            return None
        return Topic(
            id=folder,
            group="",
            version=source.version,
            reviewed_by=source.reviewed_by,
            reviewed_on=source.reviewed_on,
            review_every_days=source.review_every_days,
            legal_review=source.legal_review,
            related=(),
            sources=tuple(source.sources),
            pages=pages,
        )

    def _page(self, name: Path, model: type[Strict], languages: Any, sections: bool = True) -> Any:
        split = self.markdown_page(name)
        if split is None:
            return None
        data, lines, body, body_line = split
        rel = self.rel(name)
        header = validate(model, data, rel, lines, self.problems)
        if header is None:
            return None
        expected_id = name.stem if sections else name.parent.name
        expected_language = name.parent.name if sections else name.stem
        if header.id != expected_id:
            self.problems.error(
                rel,
                lines.get(("id",), 1),
                f"The id `{header.id}` does not match the file name.",
                f"Write `id: {expected_id}`, or rename the file to `{header.id}.md`.",
            )
        if header.language != expected_language:
            self.problems.error(
                rel,
                lines.get(("language",), 1),
                f"The language `{header.language}` does not match the folder or file name.",
                f"Write `language: {expected_language}`.",
            )
        rendered = render(body, body_line)
        for line, what in rendered.issues:
            self.problems.error(
                rel,
                line,
                f"The text uses {what}, which the bot cannot show.",
                "Use only paragraphs, `## ` headings, `- ` lists, **bold** and links (see content/README.md).",
            )
        if sections:
            checks.check_sections(rel, rendered, languages.languages[expected_language], body_line, self.problems)
        page = Page(
            topic_id=header.id,
            language=expected_language,
            path=rel,
            title=header.title,
            short_title=getattr(header, "short_title", header.title),
            html=rendered.html,
            review_marks=rendered.review_marks,
            examples=tuple(getattr(header, "examples", ())),
            translates_version=header.translation_of.version if hasattr(header, "translation_of") else None,
            translates_language=header.translation_of.language if hasattr(header, "translation_of") else None,
            keywords=tuple(getattr(header, "keywords", ())),
            not_when=tuple(getattr(header, "not_when", ())),
            watch=tuple(getattr(header, "watch", ())),
            short_html=render(short).html if (short := getattr(header, "short", None)) else "",
            sections=tuple(markdown_sections(body)) if sections else (),
            legal_review=review if isinstance(review := getattr(header, "legal_review", None), LegalReview) else None,
            version_hash=page_version(data, body),
        )
        return header, page
