"""Numbers, dates and Latin words keep their order inside Arabic text (Unicode isolates)."""

from __future__ import annotations

import pytest

from bot.text.bidi import LRI, PDI, isolate_ltr, isolate_ltr_html, strip_isolates


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
