"""The calculator's phrases (``bot/text/named_phrases.py``): parts in any order with ``…``, alternatives with ``|``, the
most specific phrase winning, and a tie naming nothing (then the calculator asks)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.provider import ContentProvider
from bot.settings import REPO_ROOT
from bot.text.named_phrases import WINDOW, NamedPhrases, parts_of


def arabic_page(language: str) -> bool:
    return language == "ar"


PHRASES = NamedPhrases(
    {
        "own": {"ar": ["سحب | سحبو … اقامه | اقامت"], "en": ["revoke … permit | residence"]},
        "wife": {"ar": ["سحب | سحبو … اقامه | اقامت … مرتي | زوجتي"], "en": ["revoke … permit … wife"]},
        "reunion": {"ar": ["رفض | رفضو | rafado … لم الشمل | shaml"], "en": ["refuse … family reunion"]},
        "dublin": {"ar": ["دبلن"], "en": ["dublin"]},
        "other": {"en": ["dublin"]},
    },
    arabic_page,
)


def test_a_phrase_splits_into_parts_and_alternatives() -> None:
    assert parts_of("رفض | رفضو … لم الشمل") == [["رفض", "رفضو"], ["لم الشمل"]]
    assert parts_of("refused ... family reunion") == [["refused"], ["family reunion"]]
    assert parts_of("  ") == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("my family reunion for my wife was refused", "reunion"),  # parts in the other order, words between
        ("they refused family reunion", "reunion"),
        ("جاني رفض على لم الشمل لمرتي", "reunion"),
        ("rafado lam el shaml", "reunion"),  # Arabizi, by its consonants
        ("سحبو اقامتي", "own"),
        ("سحبو اقامة مرتي", "wife"),  # the more specific phrase wins: 3 words against 2
        ("مرتي سحبولها الاقامه", None),  # سحبولها is not one of the verb forms listed
        ("مرتي سحبو منها الاقامه", "wife"),
        ("they revoked my wife's residence permit", "wife"),
        ("nothing here", None),
    ],
)
def test_the_most_specific_phrase_names_the_decision(text: str, named: str | None) -> None:
    assert PHRASES.best(text) == named


def test_two_names_with_the_same_score_name_nothing() -> None:
    assert PHRASES.scores("Dublin decision") == {"dublin": 1, "other": 1}
    assert PHRASES.best("Dublin decision") is None


def test_parts_far_apart_do_not_make_a_match() -> None:
    filler = " ".join(["word"] * WINDOW)
    assert PHRASES.best(f"refused {filler} family reunion") is None
    assert PHRASES.best("refused " + " ".join(["word"] * (WINDOW - 3)) + " family reunion") == "reunion"


def test_a_part_is_not_used_twice() -> None:
    single = NamedPhrases({"twice": {"en": ["appeal … appeal"]}}, arabic_page)
    assert single.best("appeal") is None
    assert single.best("appeal the appeal") == "twice"


CONTENT = ContentProvider(REPO_ROOT / "content").current
DEADLINES = yaml.safe_load(Path(REPO_ROOT / "content" / "deadlines.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("choice", [*DEADLINES["without_a_date"], *DEADLINES["rules"]], ids=lambda c: c["id"])
def test_every_decision_has_phrases_in_arabic_arabizi_english_and_danish(choice: dict[str, object]) -> None:
    phrases = choice["phrases"]
    assert isinstance(phrases, dict)
    arabic = " ".join(phrases["ar"])
    english = " ".join(phrases["en"])
    assert any("\u0621" <= ch <= "\u064a" for ch in arabic), "Arabic script"
    assert any(ch.isascii() and ch.isalpha() for ch in arabic), "Arabizi or Danish words on the Arabic page"
    assert english.strip(), "English"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        # every rule and the no-date choice, in several styles each
        ("رفضولي لم الشمل", "iab_appeal"),
        ("جاني afslag على familiesammenføring", "iab_appeal"),
        ("rafadu lam al shamel", "iab_appeal"),
        ("permanent residence was refused", "iab_appeal"),
        ("afslag på permanent ophold", "iab_appeal"),
        ("رفض الإقامة الدائمة", "iab_appeal"),
        ("سقطت اقامة مرتي يلي جت بلم شمل", "iab_appeal"),  # lapse of a family-reunification permit (11.4.9)
        ("سحبو اقامة مرتي", "iab_stay_7_days"),
        ("my wife's residence permit was revoked", "iab_stay_7_days"),
        ("inddragelse af min kones opholdstilladelse", "iab_stay_7_days"),
        ("قرار دبلن", "dublin_appeal"),
        ("they want to send me back to Germany", "dublin_appeal"),
        ("معي اقامة باليونان", "dublin_appeal"),
        ("ما جددولي الاقامة", "own_permit_ended"),
        ("جاني مكتوب يكولون ما راح يجددولي الاقامه", "own_permit_ended"),  # Iraqi and Deiri forms
        ("الهجره ما يجددون الاقامه مالتي", "own_permit_ended"),
        ("my residence permit was not renewed", "own_permit_ended"),
        ("fik afslag på forlængelse", "own_permit_ended"),
        ("s7abo mni el e2ame", "own_permit_ended"),
        ("Udlændingestyrelsen rafadet tamdid e2amti", "own_permit_ended"),  # "she refused", of the Service
        ("اخوي اجاه رفظ تمديد الاقامه", "own_permit_ended"),  # ظ for ض, spelled by sound (the content's phrases)
        ("الاقامة تبعي سقطت لاني طولت برا", "own_permit_ended"),
        ("قالولي اقامتي ساقطة", "own_permit_ended"),
        # not a decision the calculator knows
        ("معي إقامة ٧.٣ وبدهن يشوفو إذا الحماية لسا لازمة بعد ما سقط النظام", None),  # the regime fell
        ("رفضو طلب لجوئي", "asylum_refused"),  # a first refusal: no date, the appeal is automatic
        ("my asylum was rejected", "asylum_refused"),
        ("I got letter dated 24/11 say no to family reunion for my wife", "iab_appeal"),  # "say no", not "said"
        ("they want to send me back to Syria", None),
        ("she has got a no to her application for her husband to come here", "iab_appeal"),  # told, not named
        ("my husband said no to my plan", None),  # a refusal of no decision
    ],
)
def test_the_contents_phrases_name_each_decision(text: str, choice: str | None) -> None:
    assert CONTENT.decision_phrases.best(text) == choice


@pytest.mark.parametrize(
    ("text", "delivery"),
    [
        ("اجتني رسالة ورقية", "paper"),
        ("بعتولي ورق بالبوسطة", "paper"),
        ("اجت بالورق", "paper"),
        ("شو الفرق بين 7/1 و 7/3", None),  # الفرق (the difference) shares no word with ورق (paper)
        ("فرق التاريخ يومين", None),
    ],
)
def test_a_word_whose_first_letter_is_waw_is_not_cut_to_a_remnant_other_words_share(
    text: str, delivery: str | None
) -> None:
    assert CONTENT.delivery_phrases.best(text) == delivery


@pytest.mark.parametrize(
    ("text", "delivery"),
    [
        ("The letter is dated 12/11 and came by normal post, not e-Boks.", "paper"),
        ("مو عالإي بوكس، اجت بالبريد ورقة", "paper"),
        ("ما اجاني عالايبوكس, جابها البوسطجي", "paper"),
        ("mesh 3al e-boks, b el bared", "paper"),
        ("ikke e-Boks, med posten", "paper"),
        ("it didn't come by post, it was in e-Boks", "digital"),
        ("ما بعرف اذا اجت عالايبوكس", "digital"),  # "I don't know if": the negation is of another verb
        ("la, ma ejet aal e-boks, ejet bel bosta", "paper"),  # Arabizi without digits: "aal" (على) links
        ("It was in e-Boks, I did not get a paper letter.", "digital"),  # "not" with its verb and an article
    ],
)
def test_a_delivery_said_not_to_be_the_one_does_not_count(text: str, delivery: str) -> None:
    """A letter "by post, not e-Boks" came by post: a denied delivery would otherwise tie with the real one, and the
    calculator would ask what the message already said."""
    assert CONTENT.delivery_phrases.best(text) == delivery


def test_the_lamm_of_family_reunification_is_not_a_negation() -> None:
    assert CONTENT.delivery_phrases.best("شفت رسالة رفض لم الشمل عالاي بوكس امبارح") == "digital"


@pytest.mark.parametrize(
    ("text", "delivery"),
    [
        ("And in this time I can still live and work normal?", None),  # "work" is not Arabizi "warak" (paper)
        ("I will write to the board myself", None),  # "board" is not Arabizi "bareed" (post)
        ("it came by post last week", "paper"),
        ("ejetni bel bosta", "paper"),  # Arabizi without a digit letter is still read
        ("el resale wasaletni bel bareed w ana 3am esta8el", "paper"),
    ],
)
def test_arabizi_words_do_not_catch_english_words_with_the_same_consonants(text: str, delivery: str | None) -> None:
    assert CONTENT.delivery_phrases.best(text) == delivery


@pytest.mark.parametrize(
    "text",
    ["مجلس اللاجئين ثبّت سحب اقامتي الاسبوع الماضي، وقالولي القرار نهائي", "The Board upheld the refusal last week"],
)
def test_a_decision_told_as_final_is_final(text: str) -> None:
    assert CONTENT.says("final", text)
    assert not CONTENT.says("final", "رفضولي لم الشمل امبارح، لايمتى فيني اطعن؟")


@pytest.mark.parametrize("text", ["ما آخر يوم للطعن؟", "ما هو الموعد النهائي للاعتراض؟", "ما المهلة المتبقية لي؟"])
def test_the_ma_of_a_question_in_standard_arabic_is_not_a_negation(text: str) -> None:
    """ "ما آخر يوم" asks "what is the last day": its ما before a noun does not deny the words after it, as the ما
    before a verb does ("ما اجاني عالايبوكس")."""
    assert CONTENT.says("asking", text)
