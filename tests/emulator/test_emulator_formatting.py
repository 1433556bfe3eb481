"""The emulator's parse_mode parsers against Telegram's behaviour (error texts and byte offsets as
the Bot API reports them; entity offsets in UTF-16 code units)."""

from __future__ import annotations

import pytest

from tests.support.telegram_emulator.formatting import (
    EntityParseError,
    detect_entities,
    normalize_url,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)

STADIUM = "🏟 🏟"  # 9 bytes in UTF-8, 5 units in UTF-16


@pytest.mark.parametrize(
    ("html", "error"),
    [
        (f"{STADIUM}&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        (f"{STADIUM}&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        (f"{STADIUM}&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        (
            f"{STADIUM}&lt;<i    aba>",
            'Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13',
        ),
        (f"{STADIUM}&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        (f"{STADIUM}&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        (f'{STADIUM}&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        (f"{STADIUM}&lt;</", "Unexpected end tag at byte offset 13"),
        (f"{STADIUM}&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        (f"{STADIUM}&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (f"{STADIUM}&lt;<i>a</em   >", 'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<br>", 'Unsupported start tag "br" at byte offset 0'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_match_telegram(html: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(html)
    assert str(raised.value) == error


def test_html_entities_and_tags() -> None:
    text, entities = parse_html(
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>"
        '<tg-spoiler>p</tg-spoiler><span class="tg-spoiler">q</span><code>c</code><a href="https://t.me">l</a>'
        '<blockquote>bq</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert text == "bsieunskdpqclbq👍"
    assert [e["type"] for e in entities] == [
        "bold", "bold", "italic", "italic", "underline", "underline", "strikethrough", "strikethrough",
        "strikethrough", "spoiler", "spoiler", "code", "text_link", "blockquote", "custom_emoji",
    ]  # fmt: skip
    assert entities[-1] == {"type": "custom_emoji", "offset": 15, "length": 2, "custom_emoji_id": "5368324170671202286"}
    assert parse_html("&lt;&gt;&amp;&quot;&#64;&#x41;")[0] == '<>&"@A'
    assert parse_html("a > b")[0] == "a > b"  # a lone '>' is fine
    assert parse_html('<pre><code class="language-python">x = 1</code></pre>')[1] == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"}
    ]
    assert parse_html("<blockquote expandable>long</blockquote>")[1][0]["type"] == "expandable_blockquote"
    assert parse_html('<a href="tg://user?id=42">you</a>')[1][0]["type"] == "text_mention"


def test_html_lone_ampersand_is_strict_by_default() -> None:
    with pytest.raises(EntityParseError, match="Character '&' must be escaped"):
        parse_html("Q&A")
    assert parse_html("Q&A", strict_ampersand=False) == ("Q&A", [])  # what Telegram itself does


def test_utf16_offsets() -> None:
    text, entities = parse_html(f"{STADIUM}<b>{STADIUM}</b>")
    assert utf16_len(text) == 10 and entities == [{"type": "bold", "offset": 5, "length": 5}]


@pytest.mark.parametrize(
    ("markdown", "error"),
    [
        (f"{STADIUM}_abacaba", "Can't find end of Italic entity at byte offset 9"),
        (f"{STADIUM}_abac * asd ", "Can't find end of Bold entity at byte offset 15"),
        (f"{STADIUM}`", "Can't find end of Code entity at byte offset 9"),
        (f"{STADIUM}```", "Can't find end of Pre entity at byte offset 9"),
        (f"{STADIUM}```a ", "Can't find end of PreCode entity at byte offset 9"),
        (f"{STADIUM}__", "Can't find end of Underline entity at byte offset 9"),
        ("[telegram\\.org](asd\\)", "Can't find end of a URL at byte offset 16"),
        ("Hello.", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("1+1=2", "Character '+' is reserved and must be escaped with the preceding '\\'"),
        ("(note)", "Character '(' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("#tag", "Character '#' is reserved and must be escaped with the preceding '\\'"),
        ("x!", "Character '!' is reserved and must be escaped with the preceding '\\'"),
    ],
)
def test_markdown_v2_errors_match_telegram(markdown: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_markdown_v2(markdown)
    assert str(raised.value) == error


def test_markdown_v2_entities() -> None:
    assert parse_markdown_v2("Hello\\. \\(1\\+1\\=2\\)\\!") == ("Hello. (1+1=2)!", [])
    text, entities = parse_markdown_v2("*b* _i_ __u__ ~s~ ||p|| `c` [l](https://t.me/x\\)y)")
    assert text == "b i u s p c l"
    assert [e["type"] for e in entities] == [
        "bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link",
    ]  # fmt: skip
    assert entities[-1]["url"] == "https://t.me/x)y"
    assert parse_markdown_v2(f"{STADIUM}_🏟 __🏟___") == (
        f"{STADIUM}🏟 🏟",
        [{"type": "italic", "offset": 5, "length": 5}, {"type": "underline", "offset": 8, "length": 2}],
    )
    assert parse_markdown_v2("```python\nprint(1)\n```")[1] == [
        {"type": "pre", "offset": 0, "length": 9, "language": "python"}
    ]
    assert parse_markdown_v2("`a.b-c`")[0] == "a.b-c"  # no escaping needed inside code
    assert parse_markdown_v2(">quoted\n>lines\nafter") == (
        "quoted\nlines\nafter",
        [{"type": "blockquote", "offset": 0, "length": 12}],
    )


def test_legacy_markdown() -> None:
    assert parse_markdown("*bold* _it_ `c` [l](http://x.org)") == (
        "bold it c l",
        [
            {"type": "bold", "offset": 0, "length": 4},
            {"type": "italic", "offset": 5, "length": 2},
            {"type": "code", "offset": 8, "length": 1},
            {"type": "text_link", "offset": 10, "length": 1, "url": "http://x.org/"},
        ],
    )
    with pytest.raises(EntityParseError, match="Can't find end of the entity starting at byte offset 0"):
        parse_markdown("*open")


def test_detected_entities() -> None:
    text = "/start@my_bot hi @someone #tag https://example.com/x. mail a@b.com $USD"
    found = {(e["type"], text[e["offset"] : e["offset"] + e["length"]]) for e in detect_entities(text)}
    assert found == {
        ("bot_command", "/start@my_bot"),
        ("mention", "@someone"),
        ("hashtag", "#tag"),
        ("url", "https://example.com/x"),
        ("email", "a@b.com"),
        ("cashtag", "$USD"),
    }
    assert normalize_url("example.com") == "http://example.com/"
    assert normalize_url("not a url") is None
