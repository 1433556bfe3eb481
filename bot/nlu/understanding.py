"""Understanding a typed message before anything else: the volunteers' safety phrases, then the NLU's ranking,
then the decision policy. Touches no stored state, so it runs before Redis is read and during its outages."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.content.model import Content
from bot.core.policy import (
    DISTRESS,
    EMERGENCY,
    MAX_ALTERNATIVES,
    OUT_OF_SCOPE,
    SHARE_LEAD,
    SMALL_TALK,
    Decision,
    Kind,
    Thresholds,
    decide,
    usual,
    with_usual,
)
from bot.nlu.client import NluClient, NluUnavailable, Parse
from bot.text.paragraphs import as_paragraphs

log = logging.getLogger(__name__)

LONG_MESSAGE_PARTS = 3  # sentences or clauses from which a message is decided by its question ...
LONG_MESSAGE_WORDS = 15  # ... or two of them, in a message of this many words or more (a story, then "what is this?")
QUESTION_IN_STORY = 3  # ``_by_its_question``: a vague question's topic is among the story's first three topics
STORY_SURE = 0.5  # a story answered below this confidence lets a clear question in it decide (``_asked_clearly``)
LONG_LEAD_RATIO = 1.5  # a story whose question says little: its leading topic at this many times the next one
RUN_ON_WORDS, RUN_ON_PIECE = 30, 12  # ``sentences``: a one-sentence message this long is read in pieces this long
MAX_SENTENCES = 6  # sentences of one message ranked on their own for safety (the last ones)
_SENTENCE_END = re.compile(r"[!?؟\n;؛]+|(?<!\d)\.+|\.+(?!\d)|,\s|،")  # "7.3" is a paragraph, not two sentences
MAX_TEXT_FOR_NLU = 1000  # characters; a longer message is ranked on its beginning (its end too, for safety)
_ALARMS = (Kind.EMERGENCY, Kind.DISTRESS)
CHANGE_LANGUAGE = "change_language"
AFTER_FINAL_REFUSAL = "after_final_refusal"  # a story that tells a final decision (``Content.says("final")``)
CONTEXT_LEAD_RATIO = 2.0  # in context, a topic leads clearly at this many times the runner-up (alone: Settings)
CONTEXT_OWN_TOPIC = 0.35  # a follow-up's own first topic at this confidence ...
CONTEXT_OWN_RATIO = 3.0  # ... and this many times the last topic's moves the conversation to it (``_own_topic``)
CONTEXT_NAMED = 0.85  # ``_weighs_the_last_answer``: a topic the message alone reads this confidently is named
CONTEXT_OUT_OF_SCOPE = 0.75  # in a conversation, a message leaves the subject when out of scope at this confidence
GREETING_WORDS = 8  # a one-sentence message this long is more than a greeting when a topic answers it without one
TOPIC_SENTENCE_WORDS = 4  # ... or when one of its sentences, this long, is answered by a topic alone
MIN_LEFT_AFTER_SMALL_TALK = 0.2  # ``_past_small_talk``: the topics' confidences are at most five times as high


@dataclass(frozen=True)
class Understood:
    """A typed message as understood: the policy's decision, and whether the NLU answered (``False``: only the
    safety phrases were checked, so only an emergency or a check-in can be decided)."""

    decision: Decision
    nlu_up: bool
    ranking: tuple[tuple[str, float], ...] = ()  # the whole message's, for a second look in context

    @property
    def alarm(self) -> bool:
        """True for the emergency message or the check-in: these go before the budget, flows and cases."""
        return self.decision.kind in _ALARMS


async def understand(text: str, content: Content, nlu: NluClient | None, thresholds: Thresholds) -> Understood:
    """Decide what ``text`` (a non-empty typed message, not a command) asks for.

    The emergency phrases need no model and skip it; a ``watch`` word ("fire") gives the emergency message alone
    when the NLU reads a danger in the message or one of its sentences too (or cannot be asked), and before the
    usual reply otherwise. Otherwise the NLU ranks the intents of the whole message (its
    first ``MAX_TEXT_FOR_NLU`` characters); a message of several sentences is also ranked sentence by sentence for
    danger and distress, so that a crisis told at the end of a long story is not drowned by it. A long message left
    unclear, or a check-in on one left without an answer, is decided by its question (alone, or with the sentence
    before it: ``closing``), or else by the topic the whole story leads with (``_by_its_story``; never after a
    possible danger, whose note then stays alone); a story answered without confidence by a topic it only told of
    is answered by its question when that is clear (``_asked_clearly``). A question that opens with a greeting is
    answered as a question (``_past_small_talk``). A message about another country's citizenship (the catalogue's
    ``elsewhere_phrases``) is out of scope for sure, whatever ranks first. Never raises for an NLU outage:
    ``nlu_up`` is then ``False``.
    """
    topics = frozenset(content.topics)
    if content.danger_phrases.hit(text):
        return Understood(Decision(Kind.EMERGENCY, EMERGENCY), nlu is not None)
    distress_hit = content.distress_phrases.hit(text)
    watched = content.watch_phrases.hit(text)  # "fire": a sure danger when the NLU reads one too, or without it
    if nlu is None:
        return Understood(decide((), thresholds, topics, watched, distress_hit), False)
    try:
        text = as_paragraphs(text)  # "٧/٣" is § 7(3), written as the NLU's examples write it ("7.3")
        parts = sentences(text)
        parses = await asyncio.gather(nlu.parse(text[:MAX_TEXT_FOR_NLU]), *map(nlu.parse, parts))
    except NluUnavailable:
        log.warning("NLU unavailable; only the safety phrases were checked")
        return Understood(decide((), thresholds, topics, watched, distress_hit), False)
    ranking = parses[0].ranking
    by_sentence = [dict(p.ranking) for p in parses[1:]]
    sentence_emergency = max((r.get(EMERGENCY, 0.0) for r in by_sentence), default=0.0)
    if any(r.get(DISTRESS, 0.0) >= thresholds.distress_sentence for r in by_sentence):
        distress_hit = True
    near = content.neighbours
    if elsewhere := content.elsewhere_phrases.hit(text):  # another country's citizenship: none of our topics
        ranking = ((OUT_OF_SCOPE, 1.0), *((i, c) for i, c in ranking if i != OUT_OF_SCOPE))
    read_danger = dict(ranking).get(EMERGENCY, 0.0) >= thresholds.emergency_watch
    sure = watched and (read_danger or sentence_emergency >= thresholds.emergency_sentence)
    decision = decide(ranking, thresholds, topics, sure, distress_hit, sentence_emergency, near, elsewhere, watched)
    if elsewhere:
        return Understood(decision, True, tuple(ranking))
    said = [(part, parse.ranking) for part, parse in zip(parts, parses[1:], strict=True)]
    if (greeted := _past_small_talk(decision, ranking, said, text, thresholds, topics, near)) is not None:
        decision, ranking = greeted
    sure_danger = decision.kind is Kind.EMERGENCY and not decision.possible
    reply = decision.reply  # after a possible danger's note, the reply
    unclear = reply is not None and reply.kind in (Kind.CLARIFY, Kind.FALLBACK) and _long(text, len(by_sentence))
    unanswered = decision.kind in _ALARMS and decision.then is None and not sure_danger and len(by_sentence) >= 2
    if (unclear or unanswered) and (ask := question(text)):
        readings = _question_read(text, ask, nlu, thresholds, topics, near)
        final = (AFTER_FINAL_REFUSAL,) if content.says("final", text) else ()
        asked = await _by_its_question(readings, ranking, parses[1:], thresholds, topics, near, final)
        if asked is not None:
            decision = with_usual(decision, asked)  # "... they want to take my permit. What should I do?"
        elif (unclear or decision.kind is Kind.DISTRESS) and (told := _by_its_story(ranking, thresholds, topics)):
            decision = with_usual(decision, told)  # a check-in is followed by the topic the story clearly asks about
    elif (
        reply is not None
        and reply.kind is Kind.ANSWER
        and dict(ranking).get(reply.intent or "", 0.0) < STORY_SURE
        and _long(text, len(by_sentence))
        and (ask := question(text))
    ):
        readings = _question_read(text, ask, nlu, thresholds, topics, near)
        if (asked := await _asked_clearly(readings, reply, thresholds, topics)) is not None:
            decision = with_usual(decision, asked)  # the story told of ties; its question asks about the letter
    elif (rest := new_subject(text)) and not sure_danger:
        try:
            again = (await nlu.parse(rest)).ranking
        except NluUnavailable:
            return Understood(decision, True, tuple(ranking))
        asked = usual(again, thresholds, topics, near)
        first_topic = next((i for i, _c in again if i in topics), None)
        whole_answers_it = reply is not None and reply.kind is Kind.ANSWER and reply.intent == first_topic
        if asked.kind is Kind.ANSWER or not whole_answers_it:  # else the whole message answers the same topic
            decision, ranking = with_usual(decision, asked), again
    return Understood(decision, True, tuple(ranking))


def _long(text: str, parts: int) -> bool:
    """True for a message long enough to be decided by its question or its story (``LONG_MESSAGE_PARTS`` parts, or
    two in ``LONG_MESSAGE_WORDS`` words or more); ``parts``: its sentences or clauses (``sentences``)."""
    return parts >= LONG_MESSAGE_PARTS or (parts >= 2 and len(text.split()) >= LONG_MESSAGE_WORDS)


def _past_small_talk(
    decision: Decision,
    ranking: Sequence[tuple[str, float]],
    said: Sequence[tuple[str, Sequence[tuple[str, float]]]],
    text: str,
    thresholds: Thresholds,
    topics: frozenset[str],
    near: Mapping[str, frozenset[str]],
) -> tuple[Decision, tuple[tuple[str, float], ...]] | None:
    """A question that opens with a greeting or thanks ("مرحبا. انا كردي من عامودا. مجلس لاجئين قالت لا، نهائي.
    هلق شو يصير انا؟"), ranked as small talk first because of its first words: the decision and ranking without
    the small talk (its confidence shared out among the rest, at most five times each). ``said``: the message's
    sentences with their rankings (empty for a one-sentence message). It applies when one of the sentences, of
    ``TOPIC_SENTENCE_WORDS`` words or more, is answered by a topic alone, or when a one-sentence message of
    ``GREETING_WORDS`` or more is answered by a topic without the small talk. ``None`` when the message is small
    talk, or nothing clearer stands behind it."""
    reply = decision.reply
    first = next((i for i, _c in ranking if i not in (EMERGENCY, DISTRESS)), None)
    if first not in SMALL_TALK or (reply is not None and reply.kind is Kind.ANSWER and reply.intent in topics):
        return None
    about_a_topic = any(
        len(part.split()) >= TOPIC_SENTENCE_WORDS and _answers_a_topic(r, thresholds, topics, near) for part, r in said
    )
    if not about_a_topic and (said or len(text.split()) < GREETING_WORDS):
        return None
    small = sum(c for i, c in ranking if i in SMALL_TALK)
    left = max(1.0 - small, MIN_LEFT_AFTER_SMALL_TALK)
    rest = tuple((i, c / left) for i, c in ranking if i not in SMALL_TALK)
    behind = usual(rest, thresholds, topics, near)
    wanted = (Kind.ANSWER, Kind.CLARIFY) if about_a_topic else (Kind.ANSWER,)
    return (with_usual(decision, behind), rest) if behind.kind in wanted else None


def _answers_a_topic(
    ranking: Sequence[tuple[str, float]],
    thresholds: Thresholds,
    topics: frozenset[str],
    near: Mapping[str, frozenset[str]],
) -> bool:
    """True when ``ranking`` (one sentence's, highest first) is answered with a topic by itself."""
    decided = usual(ranking, thresholds, topics, near)
    return decided.kind is Kind.ANSWER and decided.intent in topics


async def _question_read(
    text: str,
    ask: str,
    nlu: NluClient,
    thresholds: Thresholds,
    topics: frozenset[str],
    near: Mapping[str, frozenset[str]],
) -> AsyncIterator[tuple[Decision, float]]:
    """The question ``ask`` of a story ``text`` read alone, then with the sentence before it (``closing``): each
    reading that answers one of our ``topics``, with the question's confidence in that topic. Stops when the NLU
    cannot be asked."""
    for said in (ask, closing(text, ask)):
        if not said:
            continue
        try:
            ranked = (await nlu.parse(said)).ranking
        except NluUnavailable:
            return
        asked = usual(ranked, thresholds, topics, near)
        if asked.kind is Kind.ANSWER and asked.intent in topics:
            yield asked, dict(ranked).get(asked.intent or "", 0.0)


def _answer_with(asked: Decision, offered: Sequence[str | None], topics: frozenset[str]) -> Decision:
    """``asked``'s topic answered, ``offered`` (then its own candidates) under it, each once, never itself."""
    others = dict.fromkeys(t for t in (*offered, *asked.candidates) if t in topics and t != asked.intent)
    return Decision(Kind.ANSWER, asked.intent, candidates=tuple(others)[:MAX_ALTERNATIVES])


async def _by_its_question(
    readings: AsyncIterator[tuple[Decision, float]],
    whole: Sequence[tuple[str, float]],
    parts: Sequence[Parse],
    thresholds: Thresholds,
    topics: frozenset[str],
    near: Mapping[str, frozenset[str]],
    told: Sequence[str] = (),
) -> Decision | None:
    """The answer to a message of several parts (a story, then the question; a sad sentence, then the question)
    decided by its question (``readings``, see ``_question_read``), with the other topics its parts clearly touched
    offered under it; ``None`` when the question is not clear either. Danger and distress were decided on the whole
    message before.

    A question that says little on its own ("shu yaani hal kalam?", what does this mean?) may lead with a topic
    the story never touched: its topic must then be among the ``QUESTION_IN_STORY`` topics the whole message
    (``whole``, its ranking) leads with or among the topics the story ``told`` in words the model may miss in a
    long story (the Refugee Appeals Board said no: what is left after a final refusal), unless the question is
    confident (``Thresholds.answer``)."""
    story = [*told, *[i for i, _c in whole if i in topics][:QUESTION_IN_STORY]]
    async for asked, confidence in readings:
        if asked.intent in story or confidence >= thresholds.answer:
            touched = [
                p.ranking[0][0]
                for p in parts
                if p.ranking and usual(p.ranking, thresholds, topics, near).kind is Kind.ANSWER
            ]
            return _answer_with(asked, touched, topics)
    return None


async def _asked_clearly(
    readings: AsyncIterator[tuple[Decision, float]], answered: Decision, thresholds: Thresholds, topics: frozenset[str]
) -> Decision | None:
    """A story answered with a topic it only told of (``answered``, below ``STORY_SURE``) whose question
    (``readings``, see ``_question_read``) asks about another topic with the confidence of an answer
    (``Thresholds.answer``): that topic, with the story's own offered first under it; ``None`` otherwise."""
    async for asked, confidence in readings:
        if asked.intent != answered.intent and confidence >= thresholds.answer:
            return _answer_with(asked, (answered.intent, *answered.candidates), topics)
    return None


def _by_its_story(
    ranking: Sequence[tuple[str, float]], thresholds: Thresholds, topics: frozenset[str]
) -> Decision | None:
    """A story whose question alone says little ("... they want an interview about our permit. What does this
    mean?"): the topic the whole message leads with, when it ranks first (ahead of "none of our topics") at
    ``LONG_LEAD_RATIO`` times the next topic, with the next two under it; ``None`` otherwise."""
    kept = [(i, c) for i, c in ranking if i not in (EMERGENCY, DISTRESS)]
    leaders = [(i, c) for i, c in kept if i in topics]
    if not leaders or kept[0] != leaders[0]:
        return None
    if len(leaders) > 1 and leaders[0][1] < LONG_LEAD_RATIO * leaders[1][1]:
        return None
    others = tuple(i for i, c in leaders[1:] if c >= thresholds.candidate)
    return Decision(Kind.ANSWER, leaders[0][0], candidates=others[:MAX_ALTERNATIVES])


async def in_context(
    understood: Understood, text: str, last_topic: str, content: Content, nlu: NluClient, thresholds: Thresholds
) -> Understood:
    """A second look at a short or elliptical message (``follows_up``) right after the answer on ``last_topic``:
    a follow-up that clearly names another topic on its own moves there (``_own_topic``); otherwise the message is
    ranked again after the topic's short title, and both rankings count equally; a "did you mean" led by
    that topic or a related one is settled in its favour (``_settled_by``); "is this enough?" and "the same for
    my wife?", "and my husband?" and "does it change anything?" ask about the answer just read
    (``_weighs_the_last_answer``). A
    follow-up is taken to be about the conversation's subject: the out-of-scope guard
    (``Thresholds.out_of_scope_ratio``) is off for it, so a topic it answers on its own but for that guard is
    answered.

    Only the usual reply can change (``policy.with_usual``): danger and distress stay as the message alone decided
    them, so context never outvotes an emergency, and a sure emergency is not delayed by a second ranking. A topic
    the message alone answers confidently stands on its own."""
    chatty = _small_talk_asking(understood.ranking, text, thresholds)
    if not follows_up(text):
        return understood
    alone = usual(understood.ranking, _in_scope(thresholds), frozenset(content.topics), content.neighbours)
    sure_danger = understood.decision.kind is Kind.EMERGENCY and not understood.decision.possible
    if not sure_danger and (
        enough := _weighs_the_last_answer(text, alone, last_topic, understood.ranking, content.neighbours)
    ):
        return replace(understood, decision=with_usual(understood.decision, enough))
    if not (chatty or _may_lean(understood, content, thresholds)):
        return understood
    if alone.kind is Kind.ANSWER and not chatty:
        return replace(understood, decision=with_usual(understood.decision, alone))
    if (own := _own_topic(understood.ranking, last_topic, content)) is not None:
        offered = (last_topic, *alone.candidates)
        others = tuple(dict.fromkeys(t for t in offered if t != own and t in content.topics))[:MAX_ALTERNATIVES]
        return replace(understood, decision=with_usual(understood.decision, Decision(Kind.ANSWER, own, others)))
    # the short title (its button's name) names the topic alone; a page title may name a neighbour too ("permanent
    # residence and citizenship") and pull a follow-up about the topic itself towards the neighbour
    title = content.page(last_topic, content.languages.source_language).short_title
    try:
        again = dict((await nlu.parse(f"{title}: {as_paragraphs(text)}")).ranking)
    except NluUnavailable:
        return understood
    first = dict(understood.ranking)
    blended = sorted(((i, (first.get(i, 0.0) + again.get(i, 0.0)) / 2) for i in {*first, *again}), key=lambda x: -x[1])
    leaned = usual(blended, _leaning(thresholds), frozenset(content.topics), content.neighbours)
    return replace(understood, decision=with_usual(understood.decision, _settled_by(last_topic, leaned, content)))


def _weighs_the_last_answer(
    text: str,
    alone: Decision,
    last_topic: str,
    ranking: Sequence[tuple[str, float]],
    near: Mapping[str, frozenset[str]],
) -> Decision | None:
    """A follow-up that asks whether what the person has is enough ("هاد بيكفي؟", "is that enough?"), or whether
    the same holds for someone else ("والصغير انولد هون، نفس الشي؟", "and my kids, they get it too?", "and my
    husband?", ``_SOMEONE_ELSE``), or whether a circumstance matters ("ابني مريض قلب، بيغير شي؟", ``_MATTERS``),
    weighs it against the answer just given: ``last_topic`` is answered, the topic the message alone leans to
    offered first under it; ``None`` for any other message, when the message alone names another topic with
    ``CONTEXT_NAMED`` confidence ("and citizenship, is the same enough?"), or when a circumstance leads to a topic
    related to the last (``near``; "I have worked for five years, does it matter?" after the revocation steps
    is about ties to Denmark). A follow-up that names only someone, or asks whether a circumstance that is none of
    our topics matters ("I got a speeding fine, does it matter?"), asks about the last answer alone."""
    someone = len(text.split()) <= SOMEONE_ELSE_WORDS and _SOMEONE_ELSE.search(text) is not None
    weighs = bool(_ENOUGH.search(text) or _SAME.search(text) or someone)
    matters = _MATTERS.search(text) is not None
    if alone.kind is Kind.FALLBACK:  # "وأبوي؟", "I got a speeding fine, does it matter?": nothing else in it
        return Decision(Kind.ANSWER, last_topic) if someone or matters else None
    if not (weighs or matters) or alone.kind not in (Kind.ANSWER, Kind.CLARIFY):
        return None
    leader = alone.intent if alone.kind is Kind.ANSWER else alone.candidates[0] if alone.candidates else None
    if leader is None or leader == last_topic or dict(ranking).get(leader, 0.0) >= CONTEXT_NAMED:
        return None
    if matters and not weighs and leader in near.get(last_topic, frozenset()):
        return None
    others = (leader, *(t for t in (alone.candidates if alone.kind is Kind.ANSWER else alone.candidates[1:])))
    return Decision(Kind.ANSWER, last_topic, tuple(t for t in others if t != last_topic)[:MAX_ALTERNATIVES])


def _own_topic(ranking: Sequence[tuple[str, float]], last_topic: str, content: Content) -> str | None:
    """The topic a follow-up names on its own, clearly enough to move the conversation there ("who can help me write
    the answer?" after the revocation steps): a topic other than ``last_topic`` that ranks first among the topics at
    ``CONTEXT_OWN_TOPIC`` or more and ``CONTEXT_OWN_RATIO`` times the last topic's own confidence, and
    ``policy.SHARE_LEAD`` times the next topic's; else ``None``."""
    ranked = [(i, c) for i, c in ranking if i in content.topics]
    if not ranked or ranked[0][0] == last_topic:
        return None
    first, second = ranked[0], (ranked[1] if len(ranked) > 1 else ("", 0.0))
    if first[1] < SHARE_LEAD * second[1]:
        return None  # two topics nearly tied: the message names neither clearly, the conversation may settle it
    last = dict(ranking).get(last_topic, 0.0)
    return first[0] if first[1] >= CONTEXT_OWN_TOPIC and first[1] >= CONTEXT_OWN_RATIO * last else None


def _settled_by(last_topic: str, leaned: Decision, content: Content) -> Decision:
    """A "did you mean" on a follow-up led by ``last_topic`` or one of its related topics: the conversation settles
    what the message alone leaves open, so that topic is answered and the other candidates are offered under it,
    one tap away. Any other decision is returned as it is."""
    if leaned.kind is not Kind.CLARIFY or not leaned.candidates:
        return leaned
    first, *others = leaned.candidates
    if first != last_topic and first not in content.neighbours.get(last_topic, frozenset()):
        return leaned
    return Decision(Kind.ANSWER, first, candidates=tuple(others[:MAX_ALTERNATIVES]))


def among_offered(
    understood: Understood, offered: Sequence[str], content: Content, thresholds: Thresholds
) -> Understood:
    """A message sent right after a "did you mean" with the topics ``offered``, instead of a tap: the person is
    most likely narrowing the question down among them, so a leader that is one of them needs to lead only
    ``CONTEXT_LEAD_RATIO`` times the runner-up (as in context) to be answered, the others offered under it.

    Otherwise the message is read alone, but as part of the conversation: without the out-of-scope guard.
    As with ``in_context``, only the usual reply can change: danger and distress stay as the message decided them.
    ``offered``: topic ids of the previous reply's buttons, most likely first; nothing changes when it is empty."""
    if not offered or not _may_lean(understood, content, thresholds):
        return understood
    topics = frozenset(content.topics)
    narrowed = usual(understood.ranking, _leaning(thresholds), topics, content.neighbours)
    if narrowed.kind is not Kind.ANSWER or narrowed.intent not in offered:
        alone = usual(understood.ranking, _in_scope(thresholds), topics, content.neighbours)
        return replace(understood, decision=with_usual(understood.decision, alone))
    others = tuple(dict.fromkeys(t for t in (*offered, *narrowed.candidates) if t in topics and t != narrowed.intent))
    answered = replace(narrowed, candidates=others[:MAX_ALTERNATIVES])
    return replace(understood, decision=with_usual(understood.decision, answered))


def in_the_language_in_use(
    understood: Understood, text: str, language: str, content: Content, thresholds: Thresholds
) -> Understood:
    """A change of language to the language the chat already speaks, and to no other ("يردون بالعربي؟" in an
    Arabic chat: do they answer in Arabic?), asks whether a service speaks it: the message is read again without
    the ``change_language`` intent (and may then lean on the last answer). Anything else is returned as it is.
    ``language``: the chat's language code; the names people type are ``typed_names`` in ``languages.yaml``."""
    decision = understood.decision
    if decision.kind is not Kind.ANSWER or decision.intent != CHANGE_LANGUAGE:
        return understood
    if content.languages_named(text) != {language}:
        return understood
    ranking = tuple((i, c) for i, c in understood.ranking if i != CHANGE_LANGUAGE)
    again = usual(ranking, thresholds, frozenset(content.topics), content.neighbours)
    return replace(understood, decision=with_usual(decision, again), ranking=ranking)


def _may_lean(understood: Understood, content: Content, thresholds: Thresholds) -> bool:
    """Whether what came before may change the reply to a message: not for a sure emergency (never delayed), not
    without the NLU, not for a message the NLU answers clearly on its own, and not for one it finds out of scope at
    ``CONTEXT_OUT_OF_SCOPE`` or more (a follow-up such as "and do the children go to school there?" after the
    departure centres reads as a school question alone, at lower confidence)."""
    decision = understood.decision
    if (decision.kind is Kind.EMERGENCY and not decision.possible) or not understood.nlu_up:
        return False
    top, confidence = understood.ranking[0] if understood.ranking else ("", 0.0)
    if top == OUT_OF_SCOPE and confidence >= max(thresholds.answer, CONTEXT_OUT_OF_SCOPE):
        return False  # clearly none of our topics alone ("and how do I get a driving licence here?"): a new subject
    alone = usual(understood.ranking, thresholds, frozenset(content.topics), content.neighbours)
    return alone.kind is not Kind.ANSWER


def _small_talk_asking(ranking: Sequence[tuple[str, float]], text: str, thresholds: Thresholds) -> bool:
    """True for a question read as small talk without confidence ("طب انا اصلا من ادلب مو من الشام، بتفرق؟":
    a self-introduction, then "does it matter?"): in a conversation it asks about the subject, not to chat."""
    top, confidence = ranking[0] if ranking else ("", 0.0)
    return top in SMALL_TALK and confidence < thresholds.answer and bool(re.search("[?؟]", text))


def _leaning(thresholds: Thresholds) -> Thresholds:
    """The thresholds for a message read in the light of what came before: a topic leads clearly at
    ``CONTEXT_LEAD_RATIO`` times the runner-up, and the out-of-scope guard is off (a short follow-up such as "can I
    still work?" reads as out of scope alone; what came before says which topic it is about)."""
    return replace(_in_scope(thresholds), lead_ratio=min(thresholds.lead_ratio, CONTEXT_LEAD_RATIO))


def _in_scope(thresholds: Thresholds) -> Thresholds:
    """``thresholds`` without the out-of-scope guard, for a message taken to be about a subject already raised."""
    return replace(thresholds, out_of_scope_ratio=None)


_FOLLOW_UP_START = re.compile(
    r"^\s*(و|ف|طيب|طب|بس|يعني|ماشي|(w|wa|tayeb|tayyeb|tab|bas|ya3ni|yaani|and|but|so|also|then|ok|okay)\b"
    r"|what about\b|how about\b|what if\b)",
    re.IGNORECASE,
)
FOLLOW_UP_WORDS = 20  # a message this short may lean on the previous answer
# "is this enough?": the conditions of the answer just given (Levantine, Gulf, MSA, Arabizi, English)
_ENOUGH = re.compile(
    r"(ب|بي|ي|ت|بت)?(كفي|كفى|كافي|كافيه|كافية)\s*[؟?]|\b(bikaffi|bekaffi|bykafi|kafi|kafe|bi?kfi)\b\s*\??|"
    r"\benough\b\s*\??\s*$",
    re.IGNORECASE,
)


# "the same?", "they get it too?": the answer just given, for someone else
_SAME = re.compile(
    r"نفس (الشي|الشيء|الاشي|الإشي|الحكي)|(كمان|برضو|برضه|ايضا|أيضا|هم كمان)\s*[؟?]\s*$|"
    r"\bnafs (el|al|l) ?(shi|eshi|ishi)\b|\b(kaman|kamaan|bardo|barde)\s*\?\s*$|"
    r"\b(same thing|the same for|same for|same with)\b|\b(get|have|got) (it|that|this|the same) (too|also|as well)\b|"
    r"\b(also|too|as well)\s*\?\s*$",
    re.IGNORECASE,
)
# "and my husband?", "وانا؟ معي 7/3": a short follow-up that names only someone (and perhaps their circumstance)
# asks the answer just given for that person
_SOMEONE_ELSE = re.compile(
    r"^\s*(و\s*|w\s+|wa\s+|and\s+|what about\s+|how about\s+)"
    r"(انا|أنا|إنا|جوزي|زوجي|زوجتي|مرتي|مراتي|ابني|إبني|بنتي|ولادي|اولادي|أولادي|الولاد|ولادنا|اخي|أخي|اخوي|خيي|"
    r"اختي|أختي|امي|أمي|ابوي|أبوي|بيي|ابي|أبي|اهلي|أهلي|الصغير|الزغير|الكبير|الصغيره|الصغيرة|الكبيره|الكبيرة|"
    r"ana|jozi|zawji|zawjti|marti|mrati|ibni|ebni|binti|wladi|awladi|a5i|akhi|ukhti|o5ti|emmi|immi|abi|bayye|"
    r"me|my (wife|husband|son|daughter|kids|children|boy|girl|brother|sister|mother|mom|mum|father|dad|parents)|"
    r"the (kids|children))(?![\w\u0621-\u064A])",
    re.IGNORECASE,
)
SOMEONE_ELSE_WORDS = 4  # ``_SOMEONE_ELSE`` holds for a message this short
# "does it matter?", "is it a problem?": a circumstance of the person's weighed against the last answer
_MATTERS = re.compile(
    r"(ب|بي|ت|بت|ي)(أثر|اثر|اتر|أتر)\b|(ب|بي|ت|بت|ي)فرق\s*[؟?]|(ب|بي|ت|بت|ي)غير (شي|شيء|اشي)\s*[؟?]|"
    r"\b(مشكل(ة|ه)|بيضر|بتضر|بيعمل مشكل(ة|ه))\s*[؟?]|"
    r"\b(bi|bt|b|be|bet)(2|a|')?(asser|athar|attar|a2ther|asr)\b|\b(bitfre2|btfre2|btefre2|bifre2)\b|"
    r"\b(bi|bt|bet|be|b) ?(fare2|far2|fre2|efre2|tfre2|farek|fare2a)\b|"
    r"\b(is|will) (it|this|that) (be )?a problem\b|\bdoes (it|this|that) (matter|affect|count|change)\b|"
    r"\b(will|would|can) (it|this|that) (affect|change)\b|\bis (it|this|that) (ok|okay|a issue|an issue)\s*\?",
    re.IGNORECASE,
)


_NEW_SUBJECT = re.compile(
    # "شي تاني، ..." opens a new subject; "في شي تاني لازم يجيبو؟" asks what else to bring
    r"سؤال (تاني|ثاني|آخر|اخر|تا?ني)|موضوع (تاني|ثاني|آخر|اخر)|أمر آخر|امر اخر|شي تاني(?=\s*[،,:.\-])|بعيد عن|"
    r"انس(ى|ا) (هاد|هذا|هالموضوع|الموضوع)|خل(ي|ينا) (نحكي|نسأل)|"
    r"\b(so2al|soaal|sou2al|su2al|swal) (tani|tene|tany|akhar|ta7t)\b|\bmawdou3 (tani|akhar)\b|"
    r"\b(another|different|other|separate|new) (question|topic|subject|thing)\b|"
    r"\bsomething else\b(?=\s*[,:.\-])|\b(ask|asking) (you )?something else\b|"
    r"\bforget (that|it|this)\b|\bchanging the subject\b",
    re.IGNORECASE,
)
# an aside ("btw", "على فكرة": by the way): what follows it is the new question, whole
_ASIDE = re.compile(
    r"\bbtw\b|\bby the way\b|\boff topic\b|(^|\s)(ع|على|عل) ?فكر(ة|ه)|بالمناسب(ة|ه)|خارج الموضوع|"
    r"\b(3ala|3a|ala|aala) fekra\b|\bbel munasaba\b",
    re.IGNORECASE,
)


def new_subject(text: str) -> str:
    """What follows a change of subject ("وسؤال تاني بعيد عن السفر: مرتي ...", "forget that, is it true ..."):
    the new question, ranked without the words that name the old subject; after an aside ("btw", "على فكرة"),
    all that follows it. Empty when there is no such change or too little follows it."""
    if (aside := _ASIDE.search(text)) is not None:
        rest = text[aside.end() :].strip(" :،,.-\n")
        return rest if len(rest.split()) >= 3 else ""
    found = _NEW_SUBJECT.search(text)
    if found is None:
        return ""
    rest = text[found.end() :]
    rest = re.sub(r"^[^:،,.؟?!\n]{0,40}[:،,.\n]", "", rest, count=1) if re.search(r"[:،,.\n]", rest) else rest
    rest = rest.strip(" :،,.-\n")
    return rest if len(rest.split()) >= 3 else ""


def follows_up(text: str) -> bool:
    """True for a message that may lean on the previous answer: short, or opening like a follow-up ("و...",
    "طيب ...", Arabizi "w ...", "and ...", "what about ..."), unless it says it changes the subject ("سؤال تاني",
    "forget that", "another question") or makes an aside ("btw", "على فكرة")."""
    if _NEW_SUBJECT.search(text) or _ASIDE.search(text):
        return False
    return len(text.split()) <= FOLLOW_UP_WORDS or bool(_FOLLOW_UP_START.match(text))


_QUESTION = re.compile(r"(?:[^.!?؟\n]|(?<=\d)\.(?=\d))*[?؟]")


def question(text: str) -> str:
    """The last question of a message (up to its question mark), or its last sentence when it has none (the last
    ``RUN_ON_PIECE`` words of a sentence of ``RUN_ON_WORDS`` or more: a story dictated without punctuation)."""
    asked = [q.strip() for q in _QUESTION.findall(text) if len(q.split()) >= 2]
    if asked:
        return asked[-1][:MAX_TEXT_FOR_NLU]
    parts = [p.strip() for p in re.split(r"[.!\n]+", text) if len(p.split()) >= 2]
    if parts and len(words := parts[-1].split()) >= RUN_ON_WORDS:  # dictated: the question is in its last words
        return " ".join(words[-RUN_ON_PIECE:])
    return parts[-1][:MAX_TEXT_FOR_NLU] if parts else ""


def closing(text: str, asked: str) -> str:
    """The question ``asked`` (see ``question``) with the sentence of ``text`` just before it ("... a letter came
    from the Immigration Service: they want to take my permit. What should I do?"), for a question that says too
    little alone; empty when no sentence of two words or more comes before it."""
    before = text[: text.rfind(asked)] if asked in text else ""
    told = [s.strip() for s in re.split(r"[.!?؟\n]+", before) if len(s.split()) >= 2]
    return f"{told[-1]}. {asked}"[:MAX_TEXT_FOR_NLU] if told else ""


def _split(text: str) -> list[str]:
    """The sentences or clauses of ``text`` of at least two words each."""
    return [p.strip() for p in _SENTENCE_END.split(text) if len(p.split()) >= 2]


def dictated(text: str) -> bool:
    """True for a story typed or dictated without punctuation: one sentence of ``RUN_ON_WORDS`` words or more."""
    return len(_split(text)) < 2 and len(text.split()) >= RUN_ON_WORDS


def sentences(text: str) -> list[str]:
    """The sentences of a message of several, for the safety check: at most ``MAX_SENTENCES`` (the last ones,
    where a story usually ends with what matters), each of at least two words; empty for a one-sentence message.
    A story typed or dictated without punctuation (``RUN_ON_WORDS`` words or more in one sentence) is cut into
    pieces of ``RUN_ON_PIECE`` words instead, so that a cry for help or a question at its end is not drowned."""
    parts = _split(text)
    if len(parts) < 2 and len(words := text.split()) >= RUN_ON_WORDS:  # ``dictated``, without splitting twice
        cuts = range(0, len(words) - RUN_ON_PIECE // 3, RUN_ON_PIECE)  # a short tail joins the piece before it
        parts = [" ".join(words[i : i + RUN_ON_PIECE if i != cuts[-1] else len(words)]) for i in cuts]
    if len(parts) < 2:
        return []
    return [p[:MAX_TEXT_FOR_NLU] for p in parts[-MAX_SENTENCES:]]
