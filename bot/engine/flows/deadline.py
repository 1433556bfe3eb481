"""The deadline calculator as a conversation: which decision, which date, how the letter came, the last day.

States (``session.flow == "deadline"``, details in ``flow_data``; ``_step`` names the one waited for):
- no ``rule`` -> ask which decision;
- no ``date`` -> ask the date printed on the letter (people know it: it is on the letter), or offer the
  ``candidates`` as buttons when the date could be read more than one way;
- a date said as the day the letter came (``said: arrived``: "وصلتني امبارح", "it came last Tuesday") where the
  period counts from the printed date (a rule counting from the decision date, or a paper letter, whose
  receipt counts from the date printed on it), or as the day the person saw or opened it (``said: seen``:
  "شفتها امبارح عالاي بوكس", a letter can wait unseen in e-Boks) -> ask the printed date, with a button for
  "the same day" (none for a paper letter: it is always dated before it comes);
- a rule that counts from receipt and no ``delivery`` -> ask Digital Post, paper post or handed over;
- then the result, which names the date it counted from, so that a person can correct it: the very next message,
  when it gives another date or delivery and no other decision ("the date on the letter is 27 November", "and if
  it came by post?"), counts again with it (``correct``; the result's slots wait one turn in
  ``Session.last_deadline``). The rule's topic becomes the last one asked about, so that a follow-up ("and if the
  deadline passes?") is read in its light (``bot.nlu.understanding.in_context``).

A message is read for everything at once (``read_slots``): an answer given out of order is kept, and only what is
still missing is asked. A decision listed under ``without_a_date`` (the person's own refugee permit revoked, not
extended or lapsed) gets what is known, what is not and what to do, never a date. A date the bot cannot read for
sure is asked again, never guessed; a message with nothing date-like that asks something else lets the calculator
go, so that it is answered as a question. A bare number typed while the calculator shows buttons presses that
button. Drawn in ``deadline.mmd``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from dataclasses import dataclass

from bot.content.markdown import REVIEW_SIGN, render
from bot.content.model import Content
from bot.content.schema import DeadlineRule, NoDateChoice
from bot.core.policy import Decision, Kind
from bot.core.session import Flow, Session
from bot.core.turn import Button, Reply
from bot.deadlines.calculator import DELIVERIES, Computation, Delivery, compute, receipt_rule
from bot.deadlines.dates import DateMention, DateReading, combine, date_mentions
from bot.engine import callbacks as cb
from bot.engine import replies
from bot.engine.replies import View
from bot.nlu.understanding import LONG_MESSAGE_PARTS, dictated, question, sentences
from bot.text.arabic import normalise
from bot.text.paragraphs import without_paragraphs

FLOW = Flow.DEADLINE
MAX_DATE_ATTEMPTS = 2
DATE_STEPS = ("date", "which", "printed")
# The calculator's own topics: an NLU answer naming them is no reason to let the calculator go.
CALCULATOR = "deadline_calculator"  # the calculator's topic id: its page gives the title shown above it
DEADLINES = "appeal_deadlines"  # the page on appeal deadlines in general
OWN_TOPICS = frozenset({CALCULATOR, DEADLINES})
# The kinds of the calculator's questions (shown under its title when they start it)
_QUESTIONS = frozenset(
    {"deadline_rule", "deadline_date", "deadline_delivery", "deadline_printed_date", "deadline_which"}
)
# Words around a date that say whose date it is: this many words before it, and after it when those say nothing.
WORDS_BEFORE, WORDS_AFTER = 8, 2
_CLAUSE_END = re.compile(r"[,;!?\n]|(?<!\d)\.(?=\s|$)")
# A message that asks something: a question mark, or a question word first (after "and": و, w, and, og).
_QUESTION_WORDS = frozenset(
    {
        *("هل", "شو", "ايش", "اش", "ليش", "ليه", "لماذا", "ماذا", "كيف", "شلون", "وين", "اين", "مين"),
        *("فيني", "بقدر", "ممكن", "يحق", "بيحق"),
        *("can", "could", "may", "what", "why", "how", "where", "who", "is", "are", "do", "does", "will"),
        *("would", "should", "which", "kan", "maa", "hvad", "hvorfor", "hvordan", "hvor", "skal", "er", "har"),
        *("shu", "sho", "chou", "esh", "lesh", "lech", "leh", "kif", "keef", "kef", "wen", "ween", "wein"),
        *("fini", "feni", "b2dar", "momken", "mumken", "hal"),
    }
)
_AND = ("و", "w", "and", "og")
_NOW = re.compile(r"(?<!\w)(?:[وف]?هلق|[وف]?هلاق|[وف]?هسه|hall?a[2q]|now)(?!\w)")
# "من كم يوم" / "min kam yom": "a few days ago", and "كل كم أسبوع": "every few weeks", not "how many days?"
_AGO = re.compile(
    r"(?<!\w)(?:من|قبل|كل|min|mn|2abel|abel|qabel|kel|kil|kull)\s+(?:كم|كام|kam|cam)\s+"
    r"(?:يوم|ايام|اسبوع|جمعه|شهر|yom|youm|yawm|ayam|jom3a|jum3a|shahr|shaher)(?!\w)"
)
_NUMBER = re.compile(r"(?<![a-z])\d+(?:st|nd|rd|th|\.)?(?![a-z])")


@dataclass(frozen=True)
class _Counted:
    """One calculation: the rule, the letter's date and how it came, whether that date is the day it came
    (``arrived``, else the date printed on it), and the computed days."""

    rule: DeadlineRule
    letter_date: dt.date
    delivery: Delivery
    arrived: bool
    result: Computation

    @classmethod
    def of(
        cls, content: Content, rule: DeadlineRule, letter_date: dt.date, delivery: Delivery, arrived: bool
    ) -> _Counted:
        """Count ``rule`` from ``letter_date`` (``content/deadlines.yaml``; see ``bot.deadlines.calculator``)."""
        computed = compute(rule, content.deadlines.receipt, letter_date, delivery)
        return cls(rule, letter_date, delivery, arrived, computed)


@dataclass(frozen=True)
class Slots:
    """What one message says for the calculator: the decision (a rule id, or a decision without a date), the
    delivery ("digital", "paper", "in_person") and the date (one sure date, or candidates to choose from), and
    whose date it is (``said``): "arrived" (the day the letter came), "seen" (the day the person saw or opened
    it), or None (the date printed on it, or not said). ``untied_weekday``: the only dates are weekday names that no
    word ties to the letter ("and if the last day is a Sunday?" talks about a day, not about the letter's date)."""

    choice: str | None = None
    delivery: str | None = None
    date: dt.date | None = None
    candidates: tuple[dt.date, ...] = ()
    said: str | None = None
    untied_weekday: bool = False


def read_slots(text: str, view: View, content: Content, expecting_date: bool = False) -> Slots:
    """Read the decision, the delivery and the date from a person's message (``content/deadlines.yaml``
    ``phrases``; ``bot/deadlines/dates.py``). ``7/3`` and the like are the protection paragraph, not a date,
    unless ``expecting_date`` (the calculator has just asked for one) and nothing else in the message is a date."""
    reading, said, untied = _read_date(without_paragraphs(text), view.today, content)
    if expecting_date and reading.kind == "ask_again":
        reading, said, untied = _read_date(text, view.today, content)
    return Slots(
        choice=content.decision_phrases.best(text),
        delivery=content.delivery_phrases.best(text),
        date=reading.date if reading.kind == "date" else None,
        candidates=reading.candidates if reading.kind == "ask_which" else (),
        said=said if reading.kind != "ask_again" else None,
        untied_weekday=untied,
    )


def _read_date(text: str, today: dt.date, content: Content) -> tuple[DateReading, str | None, bool]:
    """The date ``text`` gives, whose date it is ("arrived", "seen" or None) and whether it is only weekday names
    that no word ties to the letter (see ``Slots``). When it gives both the date printed on the letter and another
    ("وصلتني اليوم رسالة مؤرخة ٣/١١"), the printed one is read."""
    mentions = date_mentions(text, today)
    normal = normalise(text)
    labels = [_whose_date(normal, mentions, index, content) for index in range(len(mentions))]
    # the day the person came to Denmark ("my cousin came to Denmark two weeks ago") is no date of a letter
    mentions = [m for m, label in zip(mentions, labels, strict=True) if label != "in_denmark"]
    labels = [label for label in labels if label != "in_denmark"]
    if not mentions:
        return DateReading.again("not_understood"), None, False
    untied = all(m.weekday is not None for m in mentions) and not any(labels)
    printed = [m for m, label in zip(mentions, labels, strict=True) if label == "printed"]
    if printed:
        return combine(printed), None, untied
    return combine(mentions), "seen" if "seen" in labels else "arrived" if "arrived" in labels else None, untied


def _whose_date(normal: str, mentions: list[DateMention], index: int, content: Content) -> str | None:
    """ "printed" when the words just before the date (or else just after it, within its clause and before any
    other date) say it is printed on the letter ("بتاريخ", "dated"), "seen" when they say the person saw or opened
    it then ("شفتها", "opened"), "arrived" when they say it came then ("وصلتني", "came"), "in_denmark" when they say
    the person came to Denmark then ("اجيت عالدنمارك", "came here": no date of a letter), None for none."""
    mention = mentions[index]
    previous_end = mentions[index - 1].end if index else 0
    next_start = mentions[index + 1].start if index + 1 < len(mentions) else len(normal)
    before = _CLAUSE_END.split(normal[previous_end : mention.start])[-1].split()[-WORDS_BEFORE:]
    after = _CLAUSE_END.split(normal[mention.end : next_start])[0].split()[:WORDS_AFTER]
    nearest_first = [before[-count:] for count in range(1, len(before) + 1)]
    nearest_first += [after[:count] for count in range(1, len(after) + 1)]
    for words in nearest_first:  # the words nearest the date decide ("a letter from the kommune came yesterday")
        said = content.date_phrases.scores(" ".join(words))
        label = next((label for label in ("in_denmark", "printed", "seen", "arrived") if label in said), None)
        if label is not None:
            return label
    return None


def mentions_a_decision(text: str, content: Content) -> bool:
    """True when ``text`` names a decision the calculator knows and does not call it final ("القرار نهائي", "the
    Board upheld it": nothing is left to appeal) or tell of a hearing before it ("partshøring", "بدهن يسحبو
    الاقامة": nothing to appeal yet); then a question about time starts the calculator."""
    if content.decision_phrases.best(text) is None:
        return False
    return not (content.says("final", text) or content.says("hearing", text))


def remember_decision(session: Session, text: str, content: Content) -> None:
    """Keep the id of the decision ``text`` names in ``Session.decision_named`` (a decision told as final clears
    it: nothing is left to count); a message that names none leaves it as it was."""
    if (named := content.decision_phrases.best(text)) is not None and not content.says("hearing", text):
        session.decision_named = None if content.says("final", text) else named


def asks_for_a_deadline(text: str, view: View, content: Content, named_before: str | None = None) -> bool:
    """True for the calculator's name ("احسب مهلتي", "calculate my deadline"), or a question about time on a
    decision the calculator knows: a decision named and either a date or words like "until when" / "how long"
    ("وصلني رفض لم الشمل بتاريخ ٣ تشرين التاني، لايمتى فيني اطعن؟"); or, when the person named the decision
    earlier in the conversation (``named_before``, ``Session.decision_named``), such words with the letter's date
    or delivery ("it came by post, dated 2 November. Until when?", not "how long does citizenship take?")."""
    if content.says("calculator", text):
        return True
    if not mentions_a_decision(text, content):
        return named_before is not None and _asks_how_long(text, content) and _tells_the_letter(text, view, content)
    if _asks_how_long(text, content):
        return True
    if _story_asking_something_else(text, view, content):
        return False
    # a date says the decision has come; "now" does not ("سحبولي الاقامه، هلق شو بصير؟")
    return _read_date(_NOW.sub(" ", without_paragraphs(normalise(text))), view.today, content)[0].kind != "ask_again"


def says_nothing_for_it(text: str, view: View, content: Content) -> bool:
    """True when ``text`` gives the calculator nothing: no decision, date or delivery, no words asking how long,
    and not its name ("وحمص؟ يومين بس", "and Homs? only two days", about a trip)."""
    if content.says("calculator", text) or _asks_how_long(text, content):
        return False
    return read_slots(text, view, content) == Slots()


def _tells_the_letter(text: str, view: View, content: Content) -> bool:
    """True when ``text`` gives a date or says how a letter came, and does not call the decision final."""
    if content.says("final", text):
        return False
    slots = read_slots(text, view, content)
    return slots.date is not None or bool(slots.candidates) or slots.delivery is not None


def _asks_how_long(text: str, content: Content) -> bool:
    """True when ``text`` has the calculator's words for "how long / until when" (``asking_phrases``), other than
    in "a few days ago" ("من كم يوم وصلها رفض")."""
    return content.says("asking", _AGO.sub(" ", normalise(text)))


def _story_asking_something_else(text: str, view: View, content: Content) -> bool:
    """True for a story (``LONG_MESSAGE_PARTS`` sentences or more, or dictated without punctuation) that ends with a
    question naming no decision, no date and no time ("... a week ago a letter came saying they may withdraw my
    permit. What happens to my wife and children?"): a date told in the story is background, and the question
    decides the reply."""
    if len(sentences(text)) < LONG_MESSAGE_PARTS or not (re.search(r"[?؟]", text) or dictated(text)):
        return False  # a dictated story has no question mark: its question is in its last words
    asked = question(text)
    return not (
        mentions_a_decision(asked, content)
        or _asks_how_long(asked, content)
        or _looks_like_a_date(without_paragraphs(asked), view, content)
    )


def start(session: Session, view: View, content: Content, text: str | None) -> list[Reply]:
    """Start the calculator, filled with what ``text`` (the message that asked for it, if typed) already says;
    only what is missing is asked."""
    session.start_flow(FLOW)
    filled = _fill(_read_in_context(text, session, view, content), session, view, content) if text else None
    first, *rest = filled or [_ask(session, _ask_rule(view, content))]
    return [_headed(view, content, first), *rest]


def _read_in_context(text: str, session: Session, view: View, content: Content) -> Slots:
    """``read_slots`` of ``text``; a decision it does not name is the one the person named earlier in the
    conversation (``Session.decision_named``: "they refused my permanent residence" and then "it came by post on 2
    November, until when?"); a decision it names only in part ("الرفض نزل عالإي بوكس يوم الاتنين" right after
    the family-reunification page) is read again after the title of the conversation's last answered topic, as
    ``bot.nlu.understanding.in_context`` reads a follow-up."""
    slots = read_slots(text, view, content)
    if slots.choice is None and session.decision_named is not None:  # named earlier in this conversation
        return dataclasses.replace(slots, choice=session.decision_named)
    last = session.last_topic
    if slots.choice is not None or last not in content.topics:
        return slots
    title = content.page(last, view.language).title
    return dataclasses.replace(slots, choice=content.decision_phrases.best(f"{title}: {text}"))


def _headed(view: View, content: Content, reply: Reply) -> Reply:
    """``reply``, when it is one of the calculator's questions, under the calculator's title: a person who typed a
    question and is asked one back sees where they are now. A result has the title already; a card for a decision
    with no date keeps its own first line (a title that promises a last day would contradict it)."""
    if reply.kind not in _QUESTIONS or not (title := _title(view, content)):
        return reply
    return dataclasses.replace(reply, text="\n".join([*title, reply.text]))


def _title(view: View, content: Content) -> list[str]:
    """The calculator's title and an empty line, above its questions and results (nothing without its page)."""
    if CALCULATOR not in content.topics:
        return []
    return [f"<b>{html.escape(content.page(CALCULATOR, view.language).title)}</b>", ""]


def _fill(slots: Slots, session: Session, view: View, content: Content) -> list[Reply] | None:
    """Keep what ``slots`` gives, in any order, and take the next step; None when it gives nothing."""
    data = session.flow_data
    no_date = {choice.id: choice for choice in content.deadlines.without_a_date}
    if slots.choice in no_date:
        return [_ended_without_a_date(session, view, content, no_date[slots.choice])]
    if slots.choice is not None:
        data["rule"] = slots.choice
        data["typed"] = True  # named in words: its period is told before the date is asked
    if slots.delivery is not None:
        data["delivery"] = slots.delivery
    if slots.date is not None or slots.candidates:
        data.pop("date", None)
        data.pop("candidates", None)
        data.pop("said", None)
        if slots.date is not None:
            data["date"] = slots.date.isoformat()
        else:
            data["candidates"] = [d.isoformat() for d in slots.candidates]
        if slots.said is not None:
            data["said"] = slots.said
    if dataclasses.replace(slots, said=None) == Slots():
        return None
    return [_next_step(session, view, content)]


def on_button(kind: str, value: str, session: Session, view: View, content: Content) -> list[Reply] | None:
    """Handle a deadline button; None when it does not belong to the conversation in progress."""
    if session.flow != FLOW:
        return None
    data = session.flow_data
    rules = {rule.id: rule for rule in content.deadlines.rules}
    no_date = {choice.id: choice for choice in content.deadlines.without_a_date}
    if kind == cb.DEADLINE_RULE and value == "other":
        session.end_flow()
        return [_other_decision(view)]
    if kind == cb.DEADLINE_RULE and value in no_date:
        return [_ended_without_a_date(session, view, content, no_date[value])]
    if kind == cb.DEADLINE_RULE and value in rules:
        data["rule"] = value
        return [_next_step(session, view, content)]
    if kind == cb.DELIVERY and value in DELIVERIES and "rule" in data:
        data["delivery"] = value
        return [_next_step(session, view, content)]
    if kind == cb.DATE and value in data.get("candidates", []):
        data["date"] = value
        data.pop("candidates")
        return [_next_step(session, view, content)]
    if kind == cb.DATE and _step(data, content) == "printed" and value == data.get("date"):  # "the same day"
        data.pop("said", None)
        return [_next_step(session, view, content)]
    return None


def on_text(
    text: str, session: Session, view: View, content: Content, decision: Decision | None = None
) -> list[Reply] | None:
    """A message while the calculator waits: whatever it says for the calculator is kept (an answer given out of
    order too); None when it says nothing for it and is not an attempt at the date asked for (then it is a new
    question: the calculator ends and the engine answers it). ``decision`` is the NLU's reading of the message
    (None when the NLU could not be asked)."""
    data = session.flow_data
    pressed = _numbered_button(text, data)
    if pressed is not None and (handled := on_button(*pressed, session, view, content)) is not None:
        return handled
    step = _step(data, content)
    if step == "printed" and content.says("same_day", text) and not _NUMBER.search(normalise(text)):
        data.pop("said", None)  # "نفس اليوم", "same day": the date it came is the date printed on it
        return [_next_step(session, view, content)]
    # "7/3" is read as a date only when the date was asked and nothing else fits: said alone, or in a message that
    # is not a new question ("what is the difference between 7.1 and 7.3?", see below)
    alone = not re.sub(r"[\W_]+", "", without_paragraphs(text))
    new_question = not alone and _asks_something_else(text, view, content, decision)
    if new_question and _answers_another_topic(decision) and _is_a_question(text) and not _asks_how_long(text, content):
        # "and can I travel to Sweden with my card?" while the calculator waits for the decision: "Sweden" is also a
        # word of the Dublin decision, but the person has moved on; a deadline from it would be a wrong answer
        session.end_flow()
        return None
    slots = read_slots(text, view, content, expecting_date=step in DATE_STEPS and not new_question)
    if step == "printed":  # the answer to "which date is printed on it?" is that date, however it is put
        slots = dataclasses.replace(slots, said=None)
    filled = _fill(slots, session, view, content)
    if filled is not None:
        return filled
    if step not in DATE_STEPS or new_question:
        session.end_flow()
        return None
    if not _looks_like_a_date(text, view, content) and (
        _asks_how_long(text, content) or content.says("printed", text)
    ):  # "how long do I have?", "which date?": the date is what the calculator needs first
        return [_next_step(session, view, content)]
    attempts = int(data.get("attempts", 0)) + 1
    data["attempts"] = attempts
    if attempts >= MAX_DATE_ATTEMPTS:
        session.end_flow()
        _ = view._
        text = _(
            "I still cannot read the date for sure, and I will not guess a deadline. An adviser can look "
            "at your letter with you."
        )
        return [Reply(text, (replies.nav_row(view, adviser_first=True),), kind="deadline_unreadable")]
    return [_ask(session, _ask_date(view, again=True))]


def _numbered_button(text: str, data: dict[str, object]) -> tuple[str, str] | None:
    """A bare number typed while the calculator shows buttons: that button (kind, value). For dates offered as
    buttons, a number that is the day of exactly one of them means that date ("5" for the 5th)."""
    typed = normalise(text).strip(" .)")
    choices = data.get("choices")
    if not typed.isdigit() or not isinstance(choices, list) or not choices:
        return None
    number = int(typed)
    dates = [str(c).split(":", 1)[1] for c in choices if str(c).startswith(cb.DATE + ":")]
    same_day = [d for d in dates if d[-2:].isdigit() and int(d[-2:]) == number]
    if len(dates) == len(choices) and len(same_day) == 1:
        return cb.DATE, same_day[0]
    if not 1 <= number <= len(choices):
        return None
    callback = cb.parse(str(choices[number - 1]))
    return (callback.kind, callback.value) if callback else None


def _looks_like_a_date(text: str, view: View, content: Content) -> bool:
    """True for an attempt at a date: a number (not the digit letters of Arabizi: "2a3od"), or any date
    expression, even an impossible one ("31 شباط")."""
    return bool(_NUMBER.search(normalise(text))) or bool(date_mentions(text, view.today))


def _asks_something_else(text: str, view: View, content: Content, decision: Decision | None) -> bool:
    """True for a new question instead of the date: nothing date-like in it, and either the NLU answers it with
    something other than the calculator, or it is put as a question ("and can I stay in Denmark while the appeal
    is considered?") that is not about the deadline or the date. A protection paragraph ("7.1", "٧/٣") is not
    date-like here: "what is the difference between 7.1 and 7.3?" is a new question."""
    if _looks_like_a_date(without_paragraphs(text), view, content):
        return False
    if _answers_another_topic(decision):
        return True
    if _asks_how_long(text, content) or content.says("printed", text):
        return False
    return _is_a_question(text)


def _answers_another_topic(decision: Decision | None) -> bool:
    """Whether the NLU answers the message with a topic other than the calculator's own."""
    return decision is not None and decision.kind is Kind.ANSWER and decision.intent not in OWN_TOPICS


def _is_a_question(text: str) -> bool:
    normal = normalise(text)
    if "?" in normal:
        return True
    first = normal.split()[:2]
    if not first:
        return False
    word = first[0]
    if word in _AND and len(first) > 1:
        word = first[1]
    elif word.startswith("و") and len(word) > 2:
        word = word[1:] if word[1:] in _QUESTION_WORDS else word
    return word in _QUESTION_WORDS


def _rule(content: Content, rule_id: object) -> DeadlineRule | None:
    return next((rule for rule in content.deadlines.rules if rule.id == rule_id), None)


def _step(data: dict[str, object], content: Content) -> str:
    """What the calculator waits for: "rule", "date", "which", "printed", "delivery", or "result" when nothing."""
    rule = _rule(content, data.get("rule"))
    if rule is None:
        return "rule"
    if "date" not in data:
        return "which" if data.get("candidates") else "date"
    said = data.get("said")
    if said == "seen" or (said == "arrived" and rule.counts_from == "decision_date"):
        return "printed"
    if rule.counts_from == "receipt" and "delivery" not in data:
        return "delivery"
    if said == "arrived" and data.get("delivery") == "paper":
        return "printed"
    return "result"


def _ask(session: Session, reply: Reply) -> Reply:
    """``reply`` (a question of the calculator), with its buttons remembered so that a typed number presses one."""
    session.flow_data["choices"] = [button.data for row in reply.buttons for button in row]
    return reply


def _next_step(session: Session, view: View, content: Content) -> Reply:
    data = session.flow_data
    step = _step(data, content)
    if data.get("asked") != step:  # a new question: the unreadable answers to the last one no longer count
        data.pop("attempts", None)
        data["asked"] = step
    rule = _rule(content, data.get("rule"))
    if rule is None:  # not named yet (or removed from the content since)
        data.pop("rule", None)
        return _ask(session, _ask_rule(view, content))
    if step == "which":
        return _ask(session, _ask_which(view, tuple(dt.date.fromisoformat(str(d)) for d in data["candidates"])))
    if step == "date":
        return _ask(session, _ask_date(view, again=False, rule=rule if data.pop("typed", False) else None))
    letter_date = dt.date.fromisoformat(str(data["date"]))
    if step == "printed":
        return _ask(session, _ask_printed(view, rule, letter_date, str(data.get("said"))))
    if step == "delivery":
        return _ask(session, _ask_delivery(view, content))
    delivery: Delivery = next((d for d in DELIVERIES if d == data.get("delivery")), "digital")
    counted = _Counted.of(content, rule, letter_date, delivery, arrived=data.get("said") == "arrived")
    session.end_flow()
    session.last_deadline = {k: data[k] for k in ("rule", "delivery", "date", "said") if k in data}
    if rule.topic in content.topics:  # the next message is read in the light of it ("and if I miss it?")
        session.remember_topic(rule.topic)
    return _result(view, content, counted, delivery_told="delivery" in data)


def correct(
    text: str, last: dict[str, object], session: Session, view: View, content: Content, decision: Decision | None
) -> list[Reply] | None:
    """The message right after a result (``last``: its rule, delivery, date and whose date it was), when it gives
    another date or delivery and no other decision ("the date printed on it is 27 November", "and if it came by
    post?"): the same calculation again with it, or the question still missing. None for anything else, for a
    new question the NLU answers with another topic (a date in it is that question's), and for a message whose
    only days are several possible dates ("but that is a Sunday, can I send it on Monday?" asks about the result) or
    a weekday that no word ties to the letter ("and if the last day is a Sunday?" is not a letter dated last Sunday;
    "it came on Monday" is a correction), or a delivery without a date that changes nothing (the same again, or
    a question about sending after a rule that counts from the decision's date). "It came by e-Boks" after such a
    rule shows the same day again, whose counting says that how the letter came does not change it, and so does a
    question about time that says nothing new ("and the normal appeal deadline?")."""
    if not last or _answers_another_topic(decision):
        return None
    slots = read_slots(text, view, content)
    if slots == Slots() and _asks_how_long(text, content):  # "and the normal appeal deadline?": the days again
        session.start_flow(FLOW, **last)
        return [_next_step(session, view, content)]
    if slots.choice is not None or (slots.date is None and slots.delivery is None):
        return None
    if slots.delivery is None and slots.untied_weekday:
        return None
    rule = _rule(content, last.get("rule"))
    counts_from_receipt = rule is not None and rule.counts_from == "receipt"
    if slots.date is None and slots.delivery == last.get("delivery"):
        return None  # nothing to correct ("can I send my appeal by email?" after a letter that came in e-Boks)
    if slots.date is None and not counts_from_receipt and _is_a_question(text):
        return None  # "can I send it by post?" after a rule that counts from the decision: about sending
    session.start_flow(FLOW, **last)
    return _fill(slots, session, view, content)


def result(view: View, content: Content, rule: DeadlineRule, letter_date: dt.date, delivery: Delivery) -> Reply:
    """The last safe day under ``rule`` for a letter dated ``letter_date`` that came by ``delivery``, with how it
    is counted (also shown by the letter reader)."""
    return _result(view, content, _Counted.of(content, rule, letter_date, delivery, arrived=False))


def no_date(view: View, content: Content, choice: NoDateChoice) -> Reply:
    """What is known about a decision the calculator gives no date for (also shown by the letter reader)."""
    return _no_date(view, content, choice)


def _ask_rule(view: View, content: Content) -> Reply:
    _ = view._
    choices: list[DeadlineRule | NoDateChoice] = [*content.deadlines.without_a_date, *content.deadlines.rules]
    rows = tuple((Button(view.localised(c.title), cb.make(cb.DEADLINE_RULE, c.id)),) for c in choices)
    other = (Button(_("Another decision / I am not sure"), cb.make(cb.DEADLINE_RULE, "other")),)
    lines = [_("Which decision is your letter about?")]
    lines += [
        f"• <b>{html.escape(view.localised(c.title))}</b>: {html.escape(view.localised(c.applies_to))}" for c in choices
    ]
    return Reply("\n".join(lines), (*rows, other), kind="deadline_rule")


def _ask_delivery(view: View, content: Content) -> Reply:
    _ = view._
    receipt = content.deadlines.receipt
    titles = [view.localised(receipt_rule(receipt, d).title) for d in DELIVERIES]
    rows = tuple((Button(title, cb.make(cb.DELIVERY, d)),) for title, d in zip(titles, DELIVERIES, strict=True))
    choices = "\n".join(f"• {html.escape(title)}" for title in titles)  # named in the text too, for screen readers
    return Reply(_("How did the decision reach you?") + "\n" + choices, rows, kind="deadline_delivery")


def _ask_date(view: View, again: bool, rule: DeadlineRule | None = None) -> Reply:
    """The question for the letter's date; after the ``rule``'s period when the person named the decision in words
    (a person who asked "how many days?" reads the answer before the question)."""
    _ = view._
    if again:
        text = _(
            "I could not read that date for sure. Please write the date printed on the letter, for "
            "example 3/11/2026 or 3 November 2026."
        )
    else:
        text = _("What date is printed on the letter? For example 3/11/2026, 3 November, or yesterday.")
    if rule is not None and not again:
        title, period = view.localised(rule.title), _period(view, rule)
        if rule.counts_from == "decision_date":
            known = _("{rule}: {period} from the date of the decision.").format(rule=title, period=period)
        else:
            known = _("{rule}: {period} from the day the letter counts as received.").format(rule=title, period=period)
        then = _("To find your last day:")
        text = f"{html.escape(known)}\n{then} {text}"
    return Reply(text, (), kind="deadline_date")


def _ask_printed(view: View, rule: DeadlineRule, told: dt.date, said: str) -> Reply:
    """The date printed on the letter, when the person gave another day (``told``: the day it came, or the day they
    saw it) and the period counts from a day that can be earlier: from the decision (fact sheet 3.2.4, 3.1.12), from
    the date on a paper letter (3.2.7), or from the day it reached e-Boks, which can be before it was opened."""
    _ = view._
    day = view.day(told)
    if rule.counts_from == "decision_date":
        text = _(
            "This deadline counts from the date printed on the decision, not from the day it reached you "
            "({day}), and that date can be earlier. What date is printed on the decision? It is usually at the "
            "top of the first page."
        ).format(day=day)
    elif said == "seen":
        text = _(
            "A letter can wait in e-Boks before it is opened, and the deadline counts from the day it arrived, "
            "not from the day you saw it ({day}). What date is printed on the letter? It is usually at the top "
            "of the first page."
        ).format(day=day)
    else:  # no "same day" button: a paper letter is always dated before it comes, and that day would count later
        text = _(
            "A paper letter counts from the date printed on it, not from the day it came ({day}). What date is "
            "printed on the letter? It is usually at the top of the first page."
        ).format(day=day)
        return Reply(text, (), kind="deadline_printed_date")
    same = Button(_("The same day: {day}").format(day=day), cb.make(cb.DATE, told.isoformat()))
    return Reply(text, ((same,),), kind="deadline_printed_date")


def _ask_which(view: View, candidates: tuple[dt.date, ...]) -> Reply:
    _ = view._
    rows = tuple((Button(view.day(day), cb.make(cb.DATE, day.isoformat())),) for day in candidates)
    return Reply(_("Which date do you mean?"), rows, kind="deadline_which")


def _other_decision(view: View) -> Reply:
    _ = view._
    text = _(
        "For other decisions I have no checked rule to calculate the deadline with. It is written in your "
        "letter, near the end, under the appeal instructions (klagevejledning). If it is unclear, write that "
        "you appeal within 7 days of receiving the letter, and call the Danish Refugee Council "
        "(+45 33 73 50 00) the same day. An adviser or free legal help can read the letter with you."
    )
    return Reply(text, (replies.nav_row(view, adviser_first=True),), kind="deadline_other")


def _ended_without_a_date(session: Session, view: View, content: Content, choice: NoDateChoice) -> Reply:
    """The calculator ends on a decision it gives no date for; its topic is the last one asked about."""
    session.end_flow()
    if choice.topic in content.topics:
        session.remember_topic(choice.topic)
    return _no_date(view, content, choice)


def _no_date(view: View, content: Content, choice: NoDateChoice) -> Reply:
    """A decision the calculator gives no date for: what is known, what is not, what to do today."""
    _ = view._
    rendered = render(view.localised(choice.text))
    parts = [f"<b>{html.escape(view.localised(choice.title))}</b>", rendered.html]
    notes = []
    if choice.needs_legal_review:
        notes.append("⚠️ <i>" + _("Not yet checked by a lawyer. General information, not legal advice.") + "</i>")
    if rendered.review_marks:
        notes.append("<i>" + _("A ⚠️ after a figure means a lawyer has not checked that figure yet.") + "</i>")
    notes.append(replies.source_line(view, choice.sources[0]))
    parts.append("\n".join(notes))
    shown = dict.fromkeys((choice.topic, DEADLINES))  # its own topic, then how appeal deadlines work in general
    rows: list[tuple[Button, ...]] = [(replies.topic_button(view, t),) for t in shown if t in content.topics]
    rows.append(replies.nav_row(view, adviser_first=True))
    return Reply("\n\n".join(parts), tuple(rows), kind="deadline_no_date", topic=choice.topic)


def _reason(view: View, reason: str) -> str:
    _ = view._
    names = {"saturday": _("a Saturday"), "sunday": _("a Sunday")}
    return names.get(reason) or _("a public holiday in Denmark ({name})").format(name=reason)


def _period(view: View, rule: DeadlineRule) -> str:
    ngettext = view.n_  # under this name ``pybabel extract`` collects both forms (Arabic has six)
    amount = rule.period.amount
    if rule.period.unit == "weeks":
        return ngettext("{n} week", "{n} weeks", amount).format(n=view.number(amount))
    return ngettext("{n} day", "{n} days", amount).format(n=view.number(amount))


def _also(view: View, content: Content, counted: _Counted, delivery_told: bool) -> list[str]:
    """The lines for the rule ``counted.rule`` names as ``also``: its title and last safe day from the same letter
    ("and the normal appeal, 8 weeks?" after the 7 days that keep the right to stay); empty for none."""
    other = _rule(content, counted.rule.also)
    if other is None:
        return []
    _ = view._
    later = _Counted.of(content, other, counted.letter_date, counted.delivery, arrived=counted.arrived).result
    lines = [
        "<b>" + _("Also from this letter: {rule}").format(rule=html.escape(view.localised(other.title))) + "</b>",
        _("Last safe day for it: {day}").format(day=view.day(later.last_day)),
    ]
    if other.counts_from == "receipt" and not delivery_told:
        lines.append(_("Counted as if the letter came by Digital Post, the earliest case: paper post can be later."))
    return [*lines, ""]


def _counting(view: View, content: Content, counted: _Counted) -> list[str]:
    """The "how it is counted" lines: where the period starts, where it ends, and any weekend or holiday."""
    _ = view._
    rule, result, letter_date, delivery = counted.rule, counted.result, counted.letter_date, counted.delivery
    title, period = view.localised(rule.title), _period(view, rule)
    if rule.counts_from == "decision_date":
        lines = [
            _("Date on the decision: {day}").format(day=view.day(letter_date)),
            _(
                "{rule}: {period} from the date of the decision, however the letter reached you, so the "
                "period ends on {day}."
            ).format(rule=title, period=period, day=view.day(result.nominal_last_day)),
        ]
    else:
        how = receipt_rule(content.deadlines.receipt, delivery)
        if counted.arrived:
            lines = [_("The day the letter came: {day}").format(day=view.day(letter_date))]
        else:
            lines = [_("Date on the letter: {day}").format(day=view.day(letter_date))]
        if delivery == "digital":
            lines.append(_("Digital Post counts as received on the day it is sent."))
        elif delivery == "in_person" and counted.arrived:
            lines.append(_("A letter handed to you counts as received that day."))
        elif delivery == "in_person":
            lines.append(
                _(
                    "A letter handed to you counts as received that day. I count from the date printed on it, "
                    "which is that day or earlier: the safe side."
                )
            )
        else:
            days = view.number(how.working_days_after_letter_date)
            if how.needs_legal_review:
                days += " " + REVIEW_SIGN
            lines.append(
                _("A paper letter counts as received {n} working days after its date: {day}.").format(
                    n=days, day=view.day(result.start)
                )
            )
        lines.append(
            _("{rule}: {period} from the day you received it, so the period ends on {day}.").format(
                rule=title, period=period, day=view.day(result.nominal_last_day)
            )
        )
    if result.closed_days and rule.on_weekend_or_holiday == "moves":
        for day, reason in result.closed_days:
            lines.append(
                _("{day} is {reason}, so the deadline moves to the next working day.").format(
                    day=view.day(day), reason=_reason(view, reason)
                )
            )
    elif result.possible_later_day is not None:
        lines.append(
            _(
                "{day} is {reason}. An unofficial source says the deadline then moves to {later}, but no official "
                "source confirms it. Do not count on it."
            ).format(
                day=view.day(result.nominal_last_day),
                reason=_reason(view, result.closed_days[0][1]),
                later=view.day(result.possible_later_day),
            )
        )
    elif result.closed_days:
        lines.append(
            _("{day} is {reason}. No source says the deadline then moves to the next working day.").format(
                day=view.day(result.nominal_last_day), reason=_reason(view, result.closed_days[0][1])
            )
        )
    return ["• " + line for line in lines]


def _result(view: View, content: Content, counted: _Counted, delivery_told: bool = True) -> Reply:
    """The result of ``counted``, with the last day of the rule it names as ``also`` (same letter); a delivery not
    ``delivery_told`` is counted as Digital Post, the earliest way a letter counts as received."""
    _ = view._
    rule, result, delivery = counted.rule, counted.result, counted.delivery
    lines = [
        *_title(view, content),
        "<b>" + _("Your last safe day: {day}").format(day=view.day(result.last_day)) + "</b>",
        "",
        _("How it is counted:"),
        *_counting(view, content, counted),
        "",
        *_also(view, content, counted, delivery_told),
    ]
    days_left = (result.last_day - view.today).days
    if days_left < 0:
        lines.append("❗ " + _("This day has already passed. Talk to an adviser or free legal help today."))
    elif days_left <= 3:
        lines.append("❗ " + _("Only a few days are left. Act today."))
    lines.append(
        "⚠️ <b>"
        + _(
            "The date in your own letter is the one that counts. If your letter gives a "
            "different deadline, follow the letter."
        )
        + "</b>"
    )
    receipt_unchecked = (
        rule.counts_from == "receipt" and receipt_rule(content.deadlines.receipt, delivery).needs_legal_review
    )
    if rule.needs_legal_review or receipt_unchecked:
        lines.append("⚠️ <i>" + _("This way of counting has not yet been checked by a lawyer.") + "</i>")
    if receipt_unchecked and delivery == "paper":  # the ⚠️ after the number of working days
        lines.append("<i>" + _("A ⚠️ after a figure means a lawyer has not checked that figure yet.") + "</i>")
    lines.append(replies.source_line(view, rule.sources[0]))
    again = (Button(_("Calculate another deadline"), cb.make(cb.ACTION, "deadline_calculator")),)
    return Reply("\n".join(lines), (again, replies.nav_row(view)), kind="deadline_result", topic=rule.topic)
