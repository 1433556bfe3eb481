"""Every answer ends with its main official source as a link, so a person can show it to a caseworker or a friend;
and the deadline calculator copes with a conversation begun under older rules. No Redis and no NLU needed."""

from __future__ import annotations

import dataclasses
import html

import pytest

from bot.content.provider import ContentProvider
from bot.content.schema import Source
from bot.core.session import Session
from bot.engine import replies
from bot.engine.flows import deadline as deadline_flow
from bot.engine.replies import View
from bot.i18n import plural_translator, translator
from tests.support.engine import TODAY


def view_for(content: ContentProvider, language: str) -> View:
    return View(content.current, language, translator(language), TODAY, plural_translator(language))


@pytest.mark.parametrize(("language", "label"), [("en", "📄 Source: "), ("ar", "📄 المصدر: ")])
def test_every_answer_ends_with_its_first_source(content: ContentProvider, language: str, label: str) -> None:
    view = view_for(content, language)
    for topic in content.current.topics.values():
        text = replies.answer(view, topic).text
        first = topic.sources[0]
        last_line = text.rsplit("\n", 1)[-1]
        assert last_line == f'{label}<a href="{html.escape(first.url)}">{html.escape(first.title)}</a>', topic.id


def test_the_source_title_and_address_are_escaped(content: ContentProvider) -> None:
    view = view_for(content, "en")
    topic = dataclasses.replace(
        content.current.topics["free_lawyer"],
        sources=(Source(title='Board <"A" & B>', url="https://example.org/?a=1&b=2"),),
    )
    last_line = replies.answer(view, topic).text.rsplit("\n", 1)[-1]
    assert last_line == (
        '📄 Source: <a href="https://example.org/?a=1&amp;b=2">Board &lt;&quot;A&quot; &amp; B&gt;</a>'
    )


def test_a_conversation_begun_under_a_removed_rule_asks_again(content: ContentProvider) -> None:
    view = view_for(content, "en")
    session = Session()
    session.start_flow(deadline_flow.FLOW, rule="withdraw_for_return_support", delivery="digital")
    reply = deadline_flow.on_text("3/11/2026", session, view, content.current)
    assert reply is not None and [r.kind for r in reply] == ["deadline_rule"]
    assert session.flow == deadline_flow.FLOW and "rule" not in session.flow_data
    buttons = [b.data for r in reply for row in r.buttons for b in row]
    assert "d:withdraw_for_return_support" not in buttons and "d:own_permit_ended" in buttons


def test_the_result_shows_the_rules_source_in_one_line(content: ContentProvider) -> None:
    view = view_for(content, "ar")
    for rule in content.current.deadlines.rules:
        session = Session()
        session.start_flow(deadline_flow.FLOW, rule=rule.id, delivery="paper")
        [result] = deadline_flow.on_text("3/11/2026", session, view, content.current) or []
        assert result.kind == "deadline_result"
        source_lines = [line for line in result.text.splitlines() if line.startswith("📄 ")]
        assert source_lines == [replies.source_line(view, rule.sources[0])], rule.id
