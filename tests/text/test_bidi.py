"""Numbers, dates and Latin words keep their order inside Arabic text (Unicode isolates)."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.bidi import ISOLATES, LRI, PDI, isolate_ltr, isolate_ltr_html, strip_isolates


@pytest.mark.parametrize(
    ("text", "isolated"),
    [
        ("اتصل على +45 33 73 50 00 الآن", "+45 33 73 50 00"),
        ("وصلتني الرسالة 3/11/2026 بالبريد", "3/11/2026"),
        ("مركز Kærshovedgård قريب من Ikast", "Kærshovedgård"),
        ("حسب المادة § 7(3) من القانون", "§ 7(3)"),
        ("البريد e-Boks مهم", "e-Boks"),
        ("القانون (udlændingeloven) مهم", "(udlændingeloven)"),
        ("المركز (Kærshovedgård، Ikast)", "Kærshovedgård"),
        ("طلب (åbenbart grundløs) مرفوض", "(åbenbart grundløs)"),
        ("جزيرة Ærø بعيدة", "Ærø"),
    ],
)
def test_left_to_right_runs_are_isolated(text: str, isolated: str) -> None:
    result = isolate_ltr(text)
    assert f"{LRI}{isolated}{PDI}" in result
    assert strip_isolates(result) == text


def test_arabic_indic_digits_need_no_isolate() -> None:
    assert isolate_ltr("الأربعاء، ١٤ تشرين الأول ٢٠٢٦") == "الأربعاء، ١٤ تشرين الأول ٢٠٢٦"


def test_html_tags_and_entities_are_left_intact() -> None:
    html = '<b>المجلس</b> <a href="https://drc.ngo/x?a=1&amp;b=2">drc.ngo</a> &amp; 33 73 50 00'
    result = isolate_ltr_html(html)
    assert '<a href="https://drc.ngo/x?a=1&amp;b=2">' in result
    assert "&amp;" in result
    assert f"{LRI}drc.ngo{PDI}" in result and f"{LRI}33 73 50 00{PDI}" in result
    assert strip_isolates(result) == html


def test_already_isolated_text_is_not_wrapped_twice() -> None:
    once = isolate_ltr("رقم 112")
    assert isolate_ltr(once) == once


def test_brackets_stay_balanced_inside_an_isolate() -> None:
    result = isolate_ltr("راجع (udlændingeloven) و (7 dage)")
    for start in [i for i, c in enumerate(result) if c == LRI]:
        inside = result[start + 1 : result.index(PDI, start)]
        assert inside.count("(") == inside.count(")"), result


# ---- the one rule: an isolate never falls inside a token (property-based)

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_DOMAIN = st.builds(lambda labels, tld: ".".join([*labels, tld]), st.lists(_LABEL, min_size=1, max_size=3), _WORD)
_QUERY = st.lists(
    st.builds(lambda k, v: f"{k}={v}", st.text(alphabet="abcdefghij_", min_size=1, max_size=8), _LABEL),
    max_size=3,
).map(lambda pairs: "?" + "&".join(pairs) if pairs else "")
URLS = st.builds(
    lambda scheme, domain, path, query: f"{scheme}{domain}{path}{query}",
    st.sampled_from(["https://", "http://", "www."]),
    _DOMAIN,
    st.lists(st.text(alphabet="abcdefghij0123456789-_.", min_size=1, max_size=8), max_size=3).map(
        lambda parts: "".join(f"/{p}" for p in parts) + ("/" if parts else "")
    ),
    _QUERY,
)
EMAILS = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.builds(lambda a, b: a + b, _LABEL, st.text(alphabet="abc._-+0123456789", max_size=8)).filter(
        lambda local: local[-1].isalnum()
    ),
    _DOMAIN,
)
COMMANDS = st.builds(
    lambda name, bot: f"/{name}{bot}",
    st.builds(lambda a, b: a + b, _WORD, st.text(alphabet="abcdefghij_0123456789", max_size=10)),
    st.sampled_from(["", "@SanadBot", "@sanad_dk_bot"]),
)
USERNAMES = st.builds(
    lambda a, b: f"@{a}{b}", _WORD, st.text(alphabet="abcdefghij_0123456789", min_size=2, max_size=10)
)
PHONES = st.builds(
    lambda plus, groups, sep: plus + sep.join(groups),
    st.sampled_from(["", "+45 ", "+45", "0045 "]),
    st.lists(st.text(alphabet="0123456789", min_size=2, max_size=4), min_size=3, max_size=4),
    st.sampled_from([" ", "-"]),
)
TOKENS = st.one_of(URLS, EMAILS, COMMANDS, USERNAMES, PHONES)
AROUND = st.sampled_from(["", " ", "اكتب ", "راجع: ", "(", "«", "نص e-Boks ", "رقم 12 ", "7.3 و "])
AFTER = st.sampled_from(["", " ", " الآن", ".", "،", ")", "؟", " و 3/11/2026", " Kærshovedgård"])


def _whole(token: str, result: str) -> bool:
    """The token appears in ``result`` without any isolate inside it; a web address also without one touching it
    (Telegram would take a mark right after an address as part of the link)."""
    if token not in result:
        return False
    if token.startswith(("http", "www.")):
        at = result.index(token)
        return result[at - 1 : at] not in ISOLATES and result[at + len(token) : at + len(token) + 1] not in ISOLATES
    return True


@given(before=AROUND, token=TOKENS, after=AFTER)
@settings(max_examples=400)
def test_no_isolate_inside_an_address_command_phone_or_username(before: str, token: str, after: str) -> None:
    text = f"{before}{token}{after}"
    result = isolate_ltr(text)
    assert strip_isolates(result) == text
    assert _whole(token, result), (token, result)


@given(before=AROUND, token=TOKENS, after=AFTER)
@settings(max_examples=400)
def test_no_isolate_inside_a_token_in_telegram_html(before: str, token: str, after: str) -> None:
    text = html.escape(f"{before}{token}{after}", quote=False)
    result = isolate_ltr_html(f"<b>{text}</b>")
    assert strip_isolates(result) == f"<b>{text}</b>"
    assert _whole(html.escape(token, quote=False), result), (token, result)


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("الأمر /delete يحذف كل شيء", "/delete"),
        ("راسلنا على help_dk@example.org.", "help_dk@example.org"),
        ("اتصل على +45 33 73 50 00 الآن", "+45 33 73 50 00"),
        ("تابع @SanadBot", "@SanadBot"),
    ],
)
def test_the_reported_tokens_stay_whole_and_isolated(text: str, token: str) -> None:
    result = isolate_ltr(text)
    assert f"{LRI}{token}{PDI}" in result


def test_a_web_address_stays_bare() -> None:
    text = "املأ النموذج https://example.org/form?case_id=12&lang=ar من فضلك"
    assert isolate_ltr(text) == text
    escaped = "املأ <a href='x'>هذا</a> https://example.org/form?case_id=12&amp;lang=ar و 3/11"
    assert " https://example.org/form?case_id=12&amp;lang=ar و " in isolate_ltr_html(escaped)


def test_code_is_isolated_as_a_whole_never_inside() -> None:
    result = isolate_ltr_html("الرقم <code>12-34</code> و <pre>a b</pre>")
    assert f"{LRI}<code>12-34</code>{PDI}" in result and f"{LRI}<pre>a b</pre>{PDI}" in result
