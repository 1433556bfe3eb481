"""Replies as Telegram messages: always valid HTML (checked with the emulator's Telegram HTML parser), split at
4,096 characters on paragraph boundaries, buttons validated."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.provider import ContentProvider
from bot.core.turn import Button, Reply
from bot.engine import replies
from bot.engine.replies import View
from bot.i18n import plural_translator, translator
from bot.settings import REPO_ROOT
from bot.telegram.render import MAX_MESSAGE, keyboard, plain_text, render, sanitize_html, split_html
from tests.support.telegram_emulator import parse_html, utf16_len


def visible(message: str) -> str:
    text, _ = parse_html(message)  # raises on anything Telegram would refuse
    return text


def squeezed(text: str) -> str:
    return "".join(text.split())


def paragraph(n: int, size: int) -> str:
    words = [f"كلمة{n}" if i % 3 else f"word{n}" for i in range(size)]
    return " ".join(words)


def test_a_short_reply_is_one_message_with_its_buttons() -> None:
    buttons = ((Button("القائمة", "m:main"), Button("Adviser", "a:adviser")),)
    [message] = render(Reply("<b>سند</b>: نص قصير & واضح", buttons))
    assert message.html == "<b>سند</b>: نص قصير &amp; واضح"
    assert message.keyboard == buttons


def test_every_topic_answer_is_valid_telegram_html_and_fits() -> None:
    content = ContentProvider(REPO_ROOT / "content").current
    for language in content.languages.languages:
        view = View(content, language, translator(language), dt.date(2026, 11, 22), plural_translator(language))
        for topic in content.topics.values():
            reply = replies.answer(view, topic)
            for message in render(reply):
                assert utf16_len(visible(message.html)) <= MAX_MESSAGE, (language, topic.id)


def test_long_text_is_split_on_paragraph_boundaries() -> None:
    paragraphs = [paragraph(n, 150) for n in range(12)]  # about 1,000 characters each
    text = "\n\n".join(paragraphs)
    chunks = split_html(text)
    assert len(chunks) == 3
    rebuilt: list[str] = []
    for chunk in chunks:
        shown = visible(chunk)
        assert utf16_len(shown) <= MAX_MESSAGE
        parts = shown.split("\n\n")
        assert all(part in paragraphs for part in parts), "no paragraph is cut"
        if len(rebuilt) + len(parts) < len(paragraphs):  # as full as the next paragraph allows
            assert utf16_len(shown) + 2 + len(paragraphs[len(rebuilt) + len(parts)]) > MAX_MESSAGE
        rebuilt += parts
    assert rebuilt == paragraphs


def test_tags_open_at_a_split_are_closed_and_opened_again() -> None:
    text = (
        '<b>first paragraph</b>\n\n<i>second one, <a href="https://example.org/x?a=1&amp;b=2">a link</a>\n\nthird</i>'
    )
    chunks = split_html(text, limit=20)
    assert chunks == [
        "<b>first paragraph</b>",
        '<i>second one, <a href="https://example.org/x?a=1&amp;b=2">a link</a></i>',
        "<i>third</i>",
    ]
    for chunk in chunks:
        visible(chunk)


def test_a_long_paragraph_is_split_on_lines_then_words_then_anywhere() -> None:
    assert split_html("one two\nthree four", limit=12) == ["one two", "three four"]
    assert split_html("one two three four", limit=12) == ["one two", "three four"]
    assert split_html("abcdefghij", limit=4) == ["abcd", "efgh", "ij"]
    assert split_html("&amp;&amp;&amp;", limit=2) == ["&amp;&amp;", "&amp;"]  # never inside an entity


def test_length_is_counted_as_telegram_counts_it() -> None:
    emoji = "😀" * 3000  # two UTF-16 units each
    chunks = split_html(emoji)
    assert [utf16_len(visible(c)) for c in chunks] == [4096, 1904]
    assert len(split_html("&lt;" * MAX_MESSAGE)) == 1  # entities count as the character they show


def test_what_telegram_would_refuse_is_shown_as_written() -> None:
    text = "<script>alert(1)</script> & <b>bold</b> <br> 3 < 4 > 2 &nbsp; <blink>x</blink> &#1587;"
    safe = sanitize_html(text)
    assert visible(safe) == "<script>alert(1)</script> & bold <br> 3 < 4 > 2 &nbsp; <blink>x</blink> س"


def test_unclosed_and_misnested_tags_are_repaired() -> None:
    assert sanitize_html("<b>open <i>nested</b> tail") == "<b>open <i>nested</i></b> tail"
    assert sanitize_html("<i>never closed") == "<i>never closed</i>"
    assert sanitize_html("stray </b> close") == "stray &lt;/b&gt; close"
    for text in ("<b>open <i>nested</b> tail</i>", "<a href='x'>", "<<b>>", "</>"):
        visible(sanitize_html(text))


def test_plain_text_keeps_link_addresses() -> None:
    text = '<b>Source:</b> <a href="https://nyidanmark.dk/x">New to Denmark</a> &amp; <a href="https://a.b">https://a.b</a>'
    assert plain_text(text) == "Source: New to Denmark (https://nyidanmark.dk/x) & https://a.b"


def test_keyboard_keeps_only_valid_buttons_within_telegrams_limits() -> None:
    rows = (
        (Button("ok", "t:free_lawyer"), Button("forged", "zz:1"), Button("too long", "t:" + "a" * 70)),
        (Button("", "m:main"),),
        tuple(Button(str(i), f"t:topic_{i}") for i in range(10)),
    )
    assert keyboard(rows) == (
        (Button("ok", "t:free_lawyer"),),
        tuple(Button(str(i), f"t:topic_{i}") for i in range(8)),
        (Button("8", "t:topic_8"), Button("9", "t:topic_9")),
    )
    many = tuple((Button(str(i), f"t:t{i}"),) for i in range(150))
    assert sum(len(row) for row in keyboard(many)) == 100


def test_buttons_go_under_the_last_message() -> None:
    buttons = ((Button("Menu", "m:main"),),)
    messages = render(Reply("\n\n".join(paragraph(n, 400) for n in range(5)), buttons))
    assert len(messages) > 1
    assert [m.keyboard for m in messages] == [()] * (len(messages) - 1) + [buttons]


WORDS = ["word", "كلمة", " ", "\n", "\n\n", "&", "&amp;", "&#x627;", "<", ">", "😀", "7.3", "\u2066", "\u2069"]
TAGS = ["<b>", "</b>", "<i>", "</i>", '<a href="https://x.y/?a=1&amp;b">', "</a>", "<blink>"]
TOKENS = st.sampled_from(WORDS + TAGS)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=120), st.integers(min_value=2, max_value=60))
def test_any_text_becomes_valid_messages_within_the_limit(tokens: list[str], limit: int) -> None:
    text = "".join(tokens)
    chunks = split_html(text, limit)
    shown = [visible(chunk) for chunk in chunks]
    assert all(utf16_len(s) <= limit for s in shown)
    assert squeezed("".join(shown)) == squeezed(visible(sanitize_html(text)))


@pytest.mark.parametrize("text", ["", "   \n\n  ", "<b></b>"])
def test_nothing_to_show_sends_nothing(text: str) -> None:
    assert render(Reply(text)) == []
