"""Arabizi (Arabic typed in Latin letters and digits) rendered in Arabic script, for the intent classifier.

This module must stay importable on Python 3.10 with the standard library only: the Rasa server imports it
through ``nlu/components/arabizi_transliterator.py``.

Most training examples are in Arabic script, and a question typed as "kif b2adem 3ala tamdid el i2ame" shares
few character n-grams with "كيف بقدم على تمديد الاقامه". ``with_arabic`` appends an Arabic-script guess of the
message's Arabizi words, so that the classifier sees both and the Arabic examples teach it the Arabizi ones.
The Latin words stay: the guess only adds evidence. A guess need not be perfect spelling, only close enough
that most of its letter sequences match the Arabic examples:

- the digit letters: 2 ق (Levantine speech says ق as a glottal stop; at the start of a word: ا), 3 ع, 5 خ,
  6 ط, 7 ح, 8 غ, 9 ص, and 3' غ, 6' ظ, 9' ص with an apostrophe;
- two-letter sounds: sh ch ش, kh خ, gh غ, th ث, dh ذ; long vowels: aa ا, ee ii ي, ou oo و;
- short vowels: a vowel at the start of a word becomes ا; a final a or e becomes ه (the usual feminine ending);
  i o u inside a word become ي و و; a and e inside a word are dropped, as Arabic script drops them;
- a doubled consonant is written once, and el- or il- at the start of a word becomes ال;
- a small lexicon of frequent Levantine words, spelled many ways (shu, kif, badi, lesh, halla2, ...), and of the
  law's words whose short vowels the guess would drop (este2naf, mo7ami, 7imaye, la2je, ...).

A message looks Arabizi when it has no Arabic script, at least two Arabizi signals (a word with a digit letter
counts twice, a lexicon word once) and more signals than English or Danish function words ("she", "men", "we" and
"min" are lexicon words too). Then every Latin word of it is rendered, so that the words typed without digit
letters ("iqame", "jinsiyye", "hemaye") are read too; English and Danish messages pass unchanged. Pure functions,
no state.
"""

import re

from bot.text.arabic import normalise
from bot.text.function_words import DANISH, ENGLISH

# Frequent Levantine words in their common Latin spellings, with the usual Arabic spelling.
_LEXICON = {
    **dict.fromkeys(("shu", "sho", "shou", "chou", "shoo"), "شو"),
    **dict.fromkeys(("esh", "eish"), "ايش"),
    **dict.fromkeys(("kif", "keef", "kef", "kaif"), "كيف"),
    **dict.fromkeys(("badi", "bade", "baddi", "bdi", "bddi"), "بدي"),
    **dict.fromkeys(("lesh", "leish", "leysh", "lish"), "ليش"),
    **dict.fromkeys(("wen", "wein", "ween", "fen"), "وين"),
    **dict.fromkeys(("hon", "hone"), "هون"),
    **dict.fromkeys(("hek", "heik", "hayk"), "هيك"),
    **dict.fromkeys(("mish", "msh", "mesh", "mush"), "مش"),
    **dict.fromkeys(("mo", "mu"), "مو"),
    **dict.fromkeys(("eza", "iza", "ize", "izza"), "اذا"),
    "law": "لو",
    **dict.fromkeys(("ana", "ane"), "انا"),
    **dict.fromkeys(("enta", "inta", "ente"), "انت"),
    **dict.fromkeys(("inte", "enti"), "انتي"),
    **dict.fromkeys(("huwe", "howe"), "هو"),
    **dict.fromkeys(("hiye", "hiy"), "هي"),
    **dict.fromkeys(("ne7na", "na7na", "nehna"), "نحنا"),
    "3am": "عم",
    **dict.fromkeys(("fi", "fee"), "في"),
    "ma": "ما",
    **dict.fromkeys(("la2", "la"), "لا"),
    **dict.fromkeys(("wala", "walla"), "ولا"),
    "aw": "او",
    **dict.fromkeys(("ya3ni", "yaani", "yani"), "يعني"),
    "ya": "يا",
    **dict.fromkeys(("halla2", "hala2", "halla", "hala", "hl2", "halla2a"), "هلق"),
    **dict.fromkeys(("kaman", "kamen", "kman"), "كمان"),
    **dict.fromkeys(("ktir", "kteer", "ktiir"), "كتير"),
    **dict.fromkeys(("shi", "she"), "شي"),
    **dict.fromkeys(("ba3d", "ba3ed"), "بعد"),
    **dict.fromkeys(("abel", "2abel", "2abl"), "قبل"),
    "ma3": "مع",
    **dict.fromkeys(("lamma", "lama"), "لما"),
    **dict.fromkeys(("ay", "ayy", "2ay", "ayya"), "اي"),
    **dict.fromkeys(("addesh", "adesh", "2adesh", "2addesh", "adeish"), "قديش"),
    **dict.fromkeys(("lazem", "lazim", "lezem"), "لازم"),
    **dict.fromkeys(("fini", "feni"), "فيني"),
    **dict.fromkeys(("men", "min", "mn"), "من"),
    "3an": "عن",
    **dict.fromkeys(("3ala", "3a", "ala", "aala", "3la"), "على"),
    **dict.fromkeys(("3and", "3ind", "3end", "ind", "inda", "3nd"), "عند"),
    **dict.fromkeys(("3andi", "andi", "3ndi", "3indi", "indi"), "عندي"),
    **dict.fromkeys(("ma3i", "maai", "ma3y", "maay"), "معي"),
    **dict.fromkeys(("rou7", "ro7", "roh", "rouh", "ruh"), "روح"),
    **dict.fromkeys(("lessa", "lesa", "lissa", "lisa", "lsa"), "لسا"),
    **dict.fromkeys(("mafi", "mafee", "mafish"), "مافي"),
    "3al": "عال",
    **dict.fromkeys(("yalli", "illi", "elli", "lli"), "اللي"),
    "mshan": "مشان",
    "minshan": "منشان",
    **dict.fromkeys(("3shan", "3ashan"), "عشان"),
    **dict.fromkeys(("la2anno", "la2ano"), "لانو"),
    "bas": "بس",
    **dict.fromkeys(("w", "we", "wa"), "و"),
    **dict.fromkeys(("tayeb", "tayyeb"), "طيب"),
    # the law's words, whose short vowels the letter-by-letter guess drops ("este2naf" would read "استقنف")
    **dict.fromkeys(("este2naf", "isti2naf", "esti2naf", "iste2naf", "este2naaf", "istinaf", "estinaf"), "استئناف"),
    **dict.fromkeys(("e3tirad", "i3tirad", "a3tirad", "e3tiraz", "i3tiraz", "e3teraz", "e3tirath"), "اعتراض"),
    **dict.fromkeys(("ta3n", "ta3en", "6a3n", "6a3en"), "طعن"),
    **dict.fromkeys(("mo7ami", "m7ami", "mu7ami", "mohami", "muhami", "mo7amy", "mou7ami"), "محامي"),
    **dict.fromkeys(
        ("iqama", "iqame", "eqama", "eqame", "i2ama", "e2ama", "i2ame", "e2ame", "e2amet", "i2amet"), "اقامه"
    ),
    **dict.fromkeys(("2arar", "qarar", "karar", "2rar"), "قرار"),
    **dict.fromkeys(("mu2abale", "mo2abale", "m2abale", "mqabale", "muqabala", "mu2abala"), "مقابله"),
    **dict.fromkeys(("la2je", "laje2", "laji2", "lajee", "laje"), "لاجئ"),
    **dict.fromkeys(("laj2een", "laje2in", "lajeen", "laji2in", "lajiin"), "لاجئين"),
    **dict.fromkeys(("7imaye", "7emaye", "himaye", "hemaye", "7imaya", "himaya"), "حمايه"),
    **dict.fromkeys(("ma7kame", "ma7kameh", "mahkame", "ma7kama"), "محكمه"),
    **dict.fromkeys(("jinsiye", "jensiye", "jinsiyye", "jensiyye", "jinsiyya", "jnsye"), "جنسيه"),
}
_PAIRS = {
    "sh": "ش",
    "ch": "ش",
    "kh": "خ",
    "gh": "غ",
    "th": "ث",
    "dh": "ذ",
    "3'": "غ",
    "6'": "ظ",
    "9'": "ض",
    "ou": "و",
    "oo": "و",
    "ee": "ي",
    "ii": "ي",
    "aa": "ا",
    "ei": "ي",
    "ai": "ي",
    "ay": "ي",
}
_LETTERS = {
    "b": "ب",
    "t": "ت",
    "j": "ج",
    "g": "ج",
    "d": "د",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "f": "ف",
    "q": "ق",
    "k": "ك",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ه",
    "w": "و",
    "y": "ي",
    "v": "ف",
    "p": "ب",
    "c": "ك",
    "x": "كس",
    "2": "ق",
    "3": "ع",
    "5": "خ",
    "6": "ط",
    "7": "ح",
    "8": "غ",
    "9": "ص",
    "i": "ي",
    "o": "و",
    "u": "و",
}
_NOT_ARABIZI = ENGLISH | DANISH  # a message with as many of these as Arabizi signals is not Arabizi
_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"[a-z0-9']+")
_LATIN_WORD = re.compile(r"^[a-z0-9']+$")
_DIGIT_LETTER = re.compile(r"[a-z][235679]|[235679][a-z]")
_HAS_LETTER = re.compile("[a-z]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def is_arabizi_word(word: str) -> bool:
    """True for a lower-case Latin word with a digit letter inside it ("3am", "i2ame") or a lexicon word."""
    return bool(_DIGIT_LETTER.search(word)) or word in _LEXICON


def to_arabic(word: str) -> str:
    """One lower-case Arabizi word in Arabic script (not normalised); other words are returned unchanged."""
    if word in _LEXICON:
        return _LEXICON[word]
    if not _LATIN_WORD.match(word) or not _HAS_LETTER.search(word):
        return word
    prefix = ""
    if word[:2] in ("el", "il", "al") and len(word) > 3 and word[2] not in _VOWELS:
        prefix, word = "ال", word[2:]
    letters: list[str] = []
    index = 0
    while index < len(word):
        pair = _PAIRS.get(word[index : index + 2])
        if pair is not None:
            letters.append(pair)
            index += 2
            continue
        char = word[index]
        first, last = index == 0, index == len(word) - 1
        if char in _VOWELS:
            if first:
                letters.append("ا")
            elif last and char in "ae":
                letters.append("ه")
            elif char in "iou":
                letters.append(_LETTERS[char])
        elif char == "2" and first:
            letters.append("ا")
        elif char in _LETTERS and not (letters and letters[-1] == _LETTERS[char]):
            letters.append(_LETTERS[char])
        index += 1
    return prefix + "".join(letters)


def looks_arabizi(text: str) -> bool:
    """True when ``text`` (lower-case, normalised) has no Arabic script and reads as Arabizi by the rule of this
    module's docstring (two Arabizi signals or more, and more than its English or Danish function words)."""
    if _ARABIC.search(text):
        return False
    words = _WORD.findall(text)
    signals = sum(2 if _DIGIT_LETTER.search(w) else 1 for w in words if is_arabizi_word(w))
    return signals >= 2 and signals > sum(w in _NOT_ARABIZI for w in words)


def with_arabic(text: str) -> str:
    """``text`` (already normalised, ``bot.text.arabic.normalise``) followed by the Arabic-script guess of its
    Arabizi words, normalised; ``text`` unchanged when it has Arabic script or does not look Arabizi."""
    if not looks_arabizi(text):
        return text
    guess = " ".join(to_arabic(w) for w in _WORD.findall(text) if _HAS_LETTER.search(w))
    return f"{text} {normalise(guess)}"
