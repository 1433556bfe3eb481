"""Checks that look across files: ids, translations, reviews, links, Telegram's limits, examples."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from bot.content import glossary
from bot.content.markdown import Rendered, visible_length
from bot.content.problems import ProblemList
from bot.content.review import check_sign_offs
from bot.content.schema import LanguageInfo, MenuAction, MenuTopic, Submenu
from bot.text.arabic import normalise
from bot.text.danish import fold_danish
from bot.text.phrases import PhraseSet

if TYPE_CHECKING:
    from bot.content.model import Content, Page

TELEGRAM_MESSAGE_MAX = 4096
CALLBACK_DATA_MAX = 64
# Room kept in every answer for what the bot adds around the page: the legal-review notice,
# the explanation of the warning sign, the "last checked" line and an overdue-review notice.
ANSWER_FRAME_ALLOWANCE = 500


def callback_data(kind: str, ident: str) -> str:
    """The button payload for a menu entry; the transports send exactly this."""
    return f"{kind}:{ident}"


def check_sections(rel: str, rendered: Rendered, language: LanguageInfo, body_line: int, problems: ProblemList) -> None:
    """A topic answer: an opening, then the details heading, then the where-to-get-help heading."""
    wanted = [language.details_heading, language.help_heading]
    found = [text for _, text in rendered.headings]
    if not rendered.intro:
        problems.error(
            rel,
            body_line,
            "The answer does not start with its opening.",
            "Before the first heading, write what this means for the person and what to do next.",
        )
    if found != wanted:
        line = rendered.headings[0][0] if rendered.headings else body_line
        problems.error(
            rel,
            line,
            f"The headings are {found or 'missing'}; expected {wanted}.",
            f"Use exactly these two headings, in this order: `## {wanted[0]}` and `## {wanted[1]}`.",
        )


def check_topic_files(
    pages: dict[str, dict[str, Page]], meta: dict[str, Any], languages: Any, reader: Any, problems: ProblemList
) -> None:
    """Translations point at their source: same language code, not newer than it, and not out of date."""
    source_language = languages.source_language
    for tid, by_language in pages.items():
        source = meta.get(tid)
        for page in by_language.values():
            if page.translates_version is None:
                continue
            lines = reader.lines.get(page.path, {})
            line = lines.get(("translation_of",), 1)
            if source is None:
                if (reader.root / "topics" / source_language / f"{tid}.md").exists():
                    continue  # the source page is there but broken: reported on its own
                problems.error(
                    page.path,
                    1,
                    f"There is no {source_language} source page for this translation.",
                    f"Add content/topics/{source_language}/{tid}.md, or remove this file.",
                )
                continue
            if page.translates_language != source_language:
                problems.error(
                    page.path,
                    line,
                    f"`translation_of` names `{page.translates_language}`, not the source "
                    f"language `{source_language}`.",
                    f"Write `language: {source_language}` there.",
                )
            if page.translates_version > source.version:
                problems.error(
                    page.path,
                    line,
                    f"This translation says it translates version "
                    f"{page.translates_version}, but the source is at version {source.version}.",
                    f"Write the version of the source page: {source.version}.",
                )
            elif page.translates_version < source.version:
                problems.warning(
                    page.path,
                    line,
                    f"This translation is out of date: it translates version "
                    f"{page.translates_version}, the {source_language} page is at version "
                    f"{source.version}.",
                    "Update the translation to the new source text, then "
                    f"set `translation_of` to version {source.version}.",
                )


def check_all(content: Content, reader: Any, problems: ProblemList, today: dt.date) -> None:
    _check_catalogue(content, reader, problems)
    _check_reviews(content, reader, problems, today)
    check_sign_offs(content, reader, problems)
    _check_safety_phrases(content, reader, problems)
    _check_related(content, reader, problems)
    _check_lengths(content, problems)
    _check_examples(content, reader, problems)
    _check_menu(content, reader, problems)
    _check_localised(content, reader, problems)
    _check_deadlines(content, reader, problems)
    _check_letters(content, reader, problems)
    glossary.check(content, reader, problems)


def _check_catalogue(content: Content, reader: Any, problems: ProblemList) -> None:
    known = {tid for ids in content.catalogue.groups.values() for tid in ids}
    source_language = content.languages.source_language
    for tid, topic in content.topics.items():
        if tid not in known:
            page = topic.pages[source_language]
            problems.error(
                page.path,
                1,
                f"`{tid}` is not a topic id in catalogue.yaml.",
                "Use an id from content/catalogue.yaml (ids are never renamed silently).",
            )
    for tid in sorted(known):
        for language in content.languages.languages:
            found = content.topics.get(tid)
            if found is None or language not in found.pages:
                kind = "source page" if language == source_language else "translation"
                problems.error(
                    reader.rel(f"topics/{language}/{tid}.md"),
                    0,
                    f"The {kind} of topic `{tid}` in `{language}` is missing.",
                    f"Create content/topics/{language}/{tid}.md (copy another page as a start).",
                )


def _check_reviews(content: Content, reader: Any, problems: ProblemList, today: dt.date) -> None:
    for topic in [*content.topics.values(), content.emergency, content.distress]:
        if topic.review_overdue(today):
            page = topic.pages[content.languages.source_language]
            line = reader.lines.get(page.path, {}).get(("reviewed_on",), 1)
            problems.warning(
                page.path,
                line,
                f"The review of `{topic.id}` expired on {topic.review_due} "
                "(the bot now tells people the page is overdue for review).",
                "Check the page against its sources, then set `reviewed_on` to today's date.",
            )


def _check_safety_phrases(content: Content, reader: Any, problems: ProblemList) -> None:
    """Warn about an emergency phrase that an ordinary example question contains: it would raise a false alarm.

    The distress phrases are not checked this way: a warm check-in costs a person far less than a missed one.
    """
    examples = [(tid, ex) for tid, exs in content.examples().items() for ex in exs]
    pages = list(content.emergency.pages.values())
    # each example is read once against every language's phrases; a match is reported on the page that has it
    every = PhraseSet([(page.keywords, page.not_when, content.right_to_left(page.language)) for page in pages])
    for tid, example in examples:
        for match in every.find(example):
            for page in (p for p in pages if match.phrase in p.keywords):
                problems.warning(
                    page.path,
                    reader.lines.get(page.path, {}).get(("keywords", page.keywords.index(match.phrase)), 1),
                    f"The emergency phrase “{match.phrase}” also matches the ordinary question “{example}” "
                    f"(topic `{tid}`), so that question would get the emergency message.",
                    "Make the phrase more specific (add a word), or add the ordinary wording under `not_when:`.",
                )


def _check_related(content: Content, reader: Any, problems: ProblemList) -> None:
    for topic in content.topics.values():
        page = topic.pages[content.languages.source_language]
        lines = reader.lines.get(page.path, {})
        for index, other in enumerate(topic.related):
            line = lines.get(("related", index), lines.get(("related",), 1))
            if other == topic.id:
                problems.error(
                    page.path, line, "The page lists itself as a related topic.", "Remove it from `related`."
                )
            elif other not in content.topics:
                problems.error(
                    page.path,
                    line,
                    f"The related topic `{other}` does not exist.",
                    "Use a topic id from content/catalogue.yaml.",
                )


def _check_lengths(content: Content, problems: ProblemList) -> None:
    for topic in [*content.topics.values(), content.emergency, content.distress]:
        for page in topic.pages.values():
            length = visible_length(page.title) + 2 + visible_length(page.html) + ANSWER_FRAME_ALLOWANCE
            if length > TELEGRAM_MESSAGE_MAX:
                problems.error(
                    page.path,
                    1,
                    f"The answer is too long for one Telegram message: about "
                    f"{length} characters with what the bot adds, the limit is {TELEGRAM_MESSAGE_MAX}.",
                    f"Shorten the text by at least {length - TELEGRAM_MESSAGE_MAX} characters.",
                )
    for tid in content.topics:
        _callback_fits(
            callback_data("t", tid), content.topics[tid].pages[content.languages.source_language].path, problems
        )


def _callback_fits(data: str, path: str, problems: ProblemList, line: int = 1) -> None:
    if len(data.encode("utf-8")) > CALLBACK_DATA_MAX:
        problems.error(
            path,
            line,
            f"The id in `{data}` makes a button payload over {CALLBACK_DATA_MAX} bytes.",
            "Use a shorter id.",
        )


def _check_examples(content: Content, reader: Any, problems: ProblemList) -> None:
    owner: dict[str, tuple[str, str]] = {}
    for tid, topic in sorted(content.topics.items()):
        for language, page in topic.pages.items():
            lines = reader.lines.get(page.path, {})
            minimum = content.languages.languages[language].min_examples
            if len(page.examples) < minimum:
                problems.error(
                    page.path,
                    lines.get(("examples",), 1),
                    f"Only {len(page.examples)} example questions; at least {minimum} are needed in this language.",
                    "Add questions the way people really write them (see content/README.md).",
                )
            for index, example in enumerate(page.examples):
                key = normalise(example)
                line = lines.get(("examples", index), 1)
                if key in owner and owner[key][0] != tid:
                    problems.error(
                        page.path,
                        line,
                        f'The example "{example}" is also an example of `{owner[key][0]}` ({owner[key][1]}).',
                        "Keep each question under one topic only: reword it or remove one of them.",
                    )
                elif key in owner:
                    problems.warning(
                        page.path, line, f'The example "{example}" is listed twice.', "Remove the repeated line."
                    )
                else:
                    owner[key] = (tid, page.path)


def _menu_entries(menu: Submenu) -> Iterator[MenuTopic | MenuAction | Submenu]:
    for item in menu.items:
        yield item
        if isinstance(item, Submenu):
            yield from _menu_entries(item)


def _check_menu(content: Content, reader: Any, problems: ProblemList) -> None:
    path = reader.rel("menu.yaml")
    submenus = [content.menu, *[e for e in _menu_entries(content.menu) if isinstance(e, Submenu)]]
    seen: set[str] = set()
    for submenu in submenus:
        if submenu.submenu in seen:
            problems.error(path, 0, f"Two submenus are called `{submenu.submenu}`.", "Give each a different name.")
        seen.add(submenu.submenu)
        _callback_fits(callback_data("m", submenu.submenu), path, problems)
    listed = {e.topic for e in _menu_entries(content.menu) if isinstance(e, MenuTopic)}
    actions = {e.action for e in _menu_entries(content.menu) if isinstance(e, MenuAction)}
    for tid in sorted(listed - set(content.topics)):
        problems.error(
            path, 0, f"The menu lists `{tid}`, which is not a topic.", "Use a topic id from content/catalogue.yaml."
        )
    for tid in sorted(set(content.topics) - listed - actions):
        problems.warning(
            path,
            0,
            f"The topic `{tid}` cannot be reached from the menu.",
            "Add `- topic: " + tid + "` to the submenu where people would look for it.",
        )


def _check_localised(content: Content, reader: Any, problems: ProblemList) -> None:
    """Every menu title, deadline text and organisation name exists in every language."""
    languages = set(content.languages.languages)
    places: list[tuple[str, str, dict[str, str]]] = []
    for entry in [content.menu, *_menu_entries(content.menu)]:
        if isinstance(entry, Submenu | MenuAction):
            name = entry.submenu if isinstance(entry, Submenu) else entry.action
            places.append(("menu.yaml", f"the menu entry `{name}`", entry.title))
    for rule in content.deadlines.rules:
        places.append(("deadlines.yaml", f"the rule `{rule.id}` (title)", rule.title))
        places.append(("deadlines.yaml", f"the rule `{rule.id}` (applies_to)", rule.applies_to))
    for kind, receipt in (("digital", content.deadlines.receipt.digital), ("paper", content.deadlines.receipt.paper)):
        places.append(("deadlines.yaml", f"the {kind} receipt rule", receipt.title))
    for org in content.contacts.organisations:
        places.append(("contacts.yaml", f"the organisation `{org.id}` (name)", org.name))
        places.append(("contacts.yaml", f"the organisation `{org.id}` (description)", org.description))
    for file, what, texts in places:
        for missing in sorted(languages - set(texts)):
            problems.error(
                reader.rel(file),
                0,
                f"{what} has no text in `{missing}`.",
                f"Add a `{missing}:` line with the text in that language.",
            )


def _check_deadlines(content: Content, reader: Any, problems: ProblemList) -> None:
    path = reader.rel("deadlines.yaml")
    lines = reader.lines.get(path, {})
    seen: set[str] = set()
    for index, rule in enumerate(content.deadlines.rules):
        line = lines.get(("rules", index), 0)
        if rule.id in seen:
            problems.error(path, line, f"Two deadline rules are called `{rule.id}`.", "Give each a different id.")
        seen.add(rule.id)
        if rule.topic not in content.topics:
            problems.error(
                path,
                line,
                f"The rule `{rule.id}` points to the unknown topic `{rule.topic}`.",
                "Use a topic id from content/catalogue.yaml.",
            )
        _callback_fits(callback_data("d", rule.id), path, problems, line)


def _check_letters(content: Content, reader: Any, problems: ProblemList) -> None:
    """Each letter kind points to a known topic and deadline, has a title in every language, and no phrase
    belongs to two kinds."""
    if content.letters is None:
        return
    path = reader.rel("letters.yaml")
    lines = reader.lines.get(path, {})
    deadline_ids = {rule.id for rule in content.deadlines.rules} | {c.id for c in content.deadlines.without_a_date}
    languages = set(content.languages.languages)
    owner: dict[str, str] = {}
    for index, kind in enumerate(content.letters.kinds):
        line = lines.get(("kinds", index), 0)
        if kind.topic is not None and kind.topic not in content.topics:
            problems.error(
                path,
                line,
                f"The letter kind `{kind.id}` points to the unknown topic `{kind.topic}`.",
                "Use a topic id from content/catalogue.yaml, or leave `topic` out.",
            )
        if kind.deadline is not None and kind.deadline not in deadline_ids:
            problems.error(
                path,
                line,
                f"The letter kind `{kind.id}` points to the unknown deadline `{kind.deadline}`.",
                "Use the id of a rule or of a `without_a_date` entry in deadlines.yaml, or leave `deadline` out.",
            )
        for what, texts in (("title", kind.title), ("note", kind.note or {})):
            for missing in sorted(languages - set(texts)) if texts or what == "title" else []:
                problems.error(
                    path,
                    line,
                    f"The letter kind `{kind.id}` ({what}) has no text in `{missing}`.",
                    f"Add a `{missing}:` line with the text in that language.",
                )
        for phrase in kind.phrases + kind.hints:
            folded = fold_danish(phrase)
            if owner.setdefault(folded, kind.id) != kind.id:
                problems.error(
                    path,
                    line,
                    f"The phrase `{phrase}` is given for `{owner[folded]}` and for `{kind.id}`.",
                    "Keep each phrase under the one kind it names.",
                )
