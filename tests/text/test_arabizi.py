"""Arabizi words given an Arabic-script guess for the classifier (the Rasa pipeline's second component)."""

from __future__ import annotations

import pytest

from bot.text.arabic import normalise
from bot.text.arabizi import to_arabic, with_arabic


@pytest.mark.parametrize(
    ("arabizi", "arabic"),
    [
        ("sa7b", "سحب"),  # 7 ح
        ("3am", "عم"),  # lexicon
        ("tamdid", "تمديد"),  # medial i as ي
        ("maktoub", "مكتوب"),  # ou و
        ("5ayfe", "خيفه"),  # 5 خ, final e as the feminine ending
        ("b7ebb", "بحب"),
        ("shu", "شو"),
        ("kif", "كيف"),
        ("ba3ref", "بعرف"),  # medial a and e dropped
        ("i2fal", "اقفل"),  # Levantine 2 for ق; a first vowel as ا
        ("2ajani", "اجني"),  # 2 at the start: a glottal stop
        ("elma7kame", "المحكمه"),  # el- attached
        ("ra66ab", "رطب"),  # a doubled consonant once
    ],
)
def test_arabizi_words_are_spelled_as_arabic_examples_spell_them(arabizi: str, arabic: str) -> None:
    assert to_arabic(arabizi) == arabic


def test_an_arabizi_question_keeps_its_latin_words_and_gains_their_arabic_guess() -> None:
    text = normalise("Kif b2adem 3ala tamdid el i2ame?")
    extended = with_arabic(text)
    assert extended.startswith(text + " ")
    assert extended.endswith("كيف بقدم علي تمديد ال اقامه")  # normalised: على -> علي


def test_in_an_arabizi_message_the_words_typed_without_digit_letters_are_read_too() -> None:
    """ "hemaye" and "jinsiyye" carry the question; without a digit letter they were left in Latin letters only."""
    extended = with_arabic(normalise("shu el fare2 bein el hemaye w el jinsiyye?"))
    assert extended.endswith("شو ال فرق بين ال حمايه و ال جنسيه")  # the lexicon spells the law's words


@pytest.mark.parametrize(
    "text",
    [
        "My mother is 70 and she doesn't open her post, men from the kommune came",  # "she", "men": lexicon words
        "we have min datter her og hun er syg",  # Danish with "we" and "min"
    ],
)
def test_english_or_danish_with_words_that_are_also_arabizi_pass_unchanged(text: str) -> None:
    assert with_arabic(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    "text",
    [
        "how long is a 7(3) residence permit valid?",  # English with a legal reference
        "jeg har faaet afslag paa min ansoegning",  # Danish
        "شو يعني عندي اقامه 7.3?",  # Arabic script
        "shu",  # one weak signal is not enough
        "",
    ],
)
def test_english_danish_and_arabic_messages_pass_unchanged(text: str) -> None:
    assert with_arabic(normalise(text)) == normalise(text)


def test_legal_references_and_numbers_are_not_read_as_letters() -> None:
    assert with_arabic("shu ya3ni 7.3 w 7.1") == "shu ya3ni 7.3 w 7.1 شو يعني و"
