"""The Arabic glossary check: Arabic text that uses a name ``content/glossary.yaml`` rejects.

Every term there has one Arabic name and a list of ``avoid`` words. The check warns, with the file
and the line, wherever an Arabic page (topics, emergency, distress: title, short title and answer
text, not the example questions) or an Arabic text in menu.yaml, deadlines.yaml or contacts.yaml
contains an ``avoid`` word, and names the term to use instead.

Matching is done on text normalised by ``bot.text.arabic.normalise`` (hamza and alef forms, ta
marbuta, alef maqsura, diacritics, tatweel, Latin case), so the avoid word "إقامة متسامح بها" also
finds "اقامه متسامح بها". An ``avoid`` word matches whole words only, and also with the one-letter
prefixes و ف ب ك ل in front (والمجلس, للمجلس, بمجلس).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.content.problems import ProblemList
from bot.content.schema import AvoidRule, GlossaryFile, GlossaryTerm
from bot.content.yaml_lines import Location
from bot.text.arabic import normalise

if TYPE_CHECKING:
    from bot.content.model import Content

GLOSSARY_FILE = "glossary.yaml"
GLOSSARY_LANGUAGE = "ar"
# The YAML files whose Arabic texts are checked besides the pages (comment lines are skipped).
CHECKED_YAML_FILES = ("menu.yaml", "deadlines.yaml", "contacts.yaml")
# How many characters before and after a match the ``followed_by`` / ``unless_*`` conditions look at.
_CONTEXT = 80
# The page settings whose text is shown to people; the examples and safety phrases are not checked.
_SHOWN_SETTINGS = ("title", "short_title")


@dataclass(frozen=True)
class Hit:
    """An ``avoid`` word found in a text: ``offset`` into the normalised text that was searched."""

    offset: int
    term: GlossaryTerm
    rule: AvoidRule


class _Pattern:
    """One ``avoid`` rule, compiled: a regular expression on normalised text plus its conditions."""

    def __init__(self, term: GlossaryTerm, rule: AvoidRule, where: tuple[int, int]) -> None:
        self.term = term
        self.rule = rule
        self.where = where  # (term index, avoid index) in the file, for the line of a problem
        self.words = normalise(rule.text)
        self.regex = _compile(self.words) if self.words else None
        self.followed_by = _normalised(rule.followed_by)
        self.unless_followed_by = _normalised(rule.unless_followed_by)
        self.unless_preceded_by = _normalised(rule.unless_preceded_by)

    def find(self, text: str) -> Iterator[int]:
        """Offsets in ``text`` (already normalised) where the rule warns."""
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            after = " ".join(text[match.end() : match.end() + _CONTEXT].split())
            before = " ".join(text[max(0, match.start() - _CONTEXT) : match.start()].split())
            if self.followed_by and not after.startswith(self.followed_by):
                continue
            if self.unless_followed_by and after.startswith(self.unless_followed_by):
                continue
            if any(before.endswith(words) for words in self.unless_preceded_by):
                continue
            yield match.start()


def _normalised(phrases: Sequence[str]) -> tuple[str, ...]:
    return tuple(words for words in (normalise(p) for p in phrases) if words)


def _compile(words: str) -> re.Pattern[str]:
    """Whole words, any whitespace between them, and the one-letter Arabic prefixes in front.

    ``words`` is normalised and non-empty. An article ``ال`` also matches in its ``لل`` form (للمجلس).
    """
    first, *rest = words.split(" ")
    tail = "".join(r"\s+" + re.escape(word) for word in rest) + r"(?!\w)"
    if first.startswith("ال") and len(first) > 2:
        head = f"(?:[وف]?[بك]?{re.escape(first)}|[وف]?لل{re.escape(first[2:])})"
    else:
        head = f"[وف]?[بكل]?{re.escape(first)}"
    return re.compile(rf"(?<!\w){head}{tail}")


class Glossary:
    """The compiled ``avoid`` rules of a glossary file."""

    def __init__(self, glossary: GlossaryFile) -> None:
        self.patterns = [
            _Pattern(term, rule, (t, r)) for t, term in enumerate(glossary.terms) for r, rule in enumerate(term.avoid)
        ]

    def find(self, text: str) -> list[Hit]:
        """Every ``avoid`` word in ``text`` (already normalised), in the order of the glossary."""
        return [Hit(offset, p.term, p.rule) for p in self.patterns for offset in p.find(text)]

    def scan_lines(self, first_line: int, lines: Sequence[str]) -> list[tuple[int, Hit]]:
        """``lines`` are consecutive file lines starting at ``first_line``; returns (line number, hit) pairs.

        The lines are searched together, so words split over two lines are found too. One hit per
        rule and line.
        """
        starts: list[int] = []
        text = ""
        for line in lines:
            starts.append(len(text))
            text += normalise(line) + "\n"
        found: dict[tuple[int, int], tuple[int, Hit]] = {}
        for hit in self.find(text):
            number = first_line + bisect.bisect_right(starts, hit.offset) - 1
            found.setdefault((number, id(hit.rule)), (number, hit))  # the rule object: one per avoid entry
        return sorted(found.values(), key=lambda pair: pair[0])


def check(content: Content, reader: Any, problems: ProblemList) -> None:
    """Errors in the glossary itself, then a warning for every ``avoid`` word in the Arabic texts.

    ``reader`` is the loader's file reader (``root``, ``rel()`` and the ``lines`` of every file read).
    """
    glossary = Glossary(content.glossary)
    if not _check_glossary_file(content.glossary, glossary, reader, problems):
        return
    topics = [*content.topics.values(), content.emergency, content.distress]
    for page in sorted((p for t in topics for p in t.pages.values()), key=lambda p: p.path):
        if page.language != GLOSSARY_LANGUAGE:
            continue
        text = _read(reader, page.path)
        if text is None:
            continue
        for first_line, lines in _page_parts(text, reader.lines.get(page.path, {})):
            _warn(page.path, glossary.scan_lines(first_line, lines), problems)
    for name in CHECKED_YAML_FILES:
        path = reader.rel(name)
        text = _read(reader, path)
        if text is None:
            continue
        _warn(path, glossary.scan_lines(1, _shown_yaml_lines(text)), problems)


def _shown_yaml_lines(text: str) -> list[str]:
    """The lines of a YAML file with comments and ``phrases:`` blocks (words people write, like the examples)
    blanked, keeping the line numbers."""
    shown: list[str] = []
    skip_deeper_than: int | None = None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_deeper_than is not None and (not line.strip() or indent > skip_deeper_than):
            shown.append("")
            continue
        skip_deeper_than = indent if line.lstrip().startswith("phrases:") else None
        shown.append("" if skip_deeper_than is not None or line.lstrip().startswith("#") else line)
    return shown


def _read(reader: Any, rel: str) -> str | None:
    """A file the loader already read (``rel`` as in problems: relative to the content folder's parent)."""
    try:
        text: str = (reader.root.parent / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # changed on disk since it was loaded: the next load reports it
    return text.replace("\r\n", "\n")


def _page_parts(text: str, lines: dict[Location, int]) -> list[tuple[int, list[str]]]:
    """The parts of a page people see: the title lines of the settings block, and the answer text."""
    all_lines = text.split("\n")
    numbers = [lines[(key,)] for key in _SHOWN_SETTINGS if 0 < lines.get((key,), 0) <= len(all_lines)]
    parts = [(number, [all_lines[number - 1]]) for number in numbers]
    end = text.find("\n---\n", 4)
    if text.startswith("---\n") and end >= 0:
        body_first_line = text[: end + 5].count("\n") + 1
        parts.append((body_first_line, all_lines[body_first_line - 1 :]))
    return parts


def _warn(path: str, hits: list[tuple[int, Hit]], problems: ProblemList) -> None:
    for line, hit in hits:
        why = f" ({hit.rule.why})" if hit.rule.why else ""
        if hit.rule.instead:
            names = " or ".join(f'"{name}"' for name in hit.rule.instead)
            fix = f"Write {names} instead, whichever is meant (see content/glossary.yaml)."
        else:
            fix = (
                f'Write "{hit.term.arabic}" instead; the first time on a page: "{hit.term.name_at_first_use}" '
                "(see content/glossary.yaml)."
            )
        problems.warning(
            path,
            line,
            f'The Arabic text uses "{hit.rule.text}", which the glossary rejects for {hit.term.danish} '
            f"({hit.term.english}){why}.",
            fix,
        )


def _check_glossary_file(file: GlossaryFile, glossary: Glossary, reader: Any, problems: ProblemList) -> bool:
    """Errors that would make the check itself wrong; returns True when there are none.

    An ``avoid`` word that matches a correct name (``arabic``, ``first_use`` or an ``instead`` name) would
    warn on correct text; two terms with the same
    Danish word or the same Arabic name break "one name per term".
    """
    path = reader.rel(GLOSSARY_FILE)
    lines = reader.lines.get(path, {})
    ok = True
    seen_danish: dict[str, str] = {}
    seen_arabic: dict[str, str] = {}
    for index, term in enumerate(file.terms):
        line = lines.get(("terms", index), 1)
        for seen, key, value in ((seen_danish, "danish", term.danish), (seen_arabic, "arabic", normalise(term.arabic))):
            if value in seen:
                ok = False
                problems.error(
                    path,
                    lines.get(("terms", index, key), line),
                    f"Two terms have the same `{key}`: {getattr(term, key)} (also under {seen[value]}).",
                    "Keep one term per Danish word and one Arabic name per term: merge the two entries.",
                )
            seen[value] = term.danish
    names = [(t, name) for t in file.terms for name in dict.fromkeys((t.arabic, t.name_at_first_use))]
    names += [(t, name) for t in file.terms for rule in t.avoid for name in rule.instead]
    for pattern in glossary.patterns:
        line = lines.get(("terms", pattern.where[0], "avoid", pattern.where[1]), 1)
        if pattern.regex is None:
            ok = False
            problems.error(
                path,
                line,
                f'The avoid word "{pattern.rule.text}" has no letters or digits.',
                "Write the words, or delete the line.",
            )
            continue
        for term, name in names:
            if any(True for _ in pattern.find(normalise(name))):
                ok = False  # one error per avoid word: the first correct name it matches
                problems.error(
                    path,
                    line,
                    f'The avoid word "{pattern.rule.text}" (under {pattern.term.danish}) also matches '
                    f'"{name}", the correct name of {term.danish}: correct text would get a warning.',
                    "Make it more specific (add a word), or add `unless_followed_by:` or "
                    "`unless_preceded_by:` (see the comments at the top of content/glossary.yaml).",
                )
                break
    return ok
