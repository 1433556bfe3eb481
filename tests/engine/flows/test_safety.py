"""Safety before everything: a person in danger gets the emergency message whatever else is going on, with the
real Rasa server and a real Redis server (the scripted NLU only where the model must be out of the way)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.content.provider import ContentProvider
from bot.engine.engine import Engine
from bot.handoff.cases import CaseStore
from bot.nlu.client import NluClient
from bot.settings import REPO_ROOT
from bot.store.store import Store
from tests.support.engine import SCRIPT, THRESHOLDS, TODAY, Chat, ScriptedNlu, kinds, text_of
from tests.support.handoff import WORKING_HOURS, RecordingDesk
from tests.support.redis_server import RedisServer

pytestmark = pytest.mark.redis

# The issue's own examples: each was missed or answered with a legal page before.
PLAIN_CRISES = [
    "بدي موت",
    "ما بقى في امل، بدي موت",
    "bade mot",
    "بموت حالي",
    "رح اقتل حالي",
    "bfaker ente7er",
    "I want to die",
    "I will kill myself tonight",
    "جوزي عم يضربني",
    "في حريق بالمركز",
    "ابني ما عم يتنفس",
    "بنتي بلعت دوا كتير",
    "اليوم آخر يوم الي",
    "my husband is hitting me right now",
]
HOPELESS = ["ما بقى في امل", "تعبت من كل شي", "ما عاد فيني كمل"]


@pytest.fixture
def chat(make_chat, rasa_nlu: NluClient) -> Chat:  # type: ignore[no-untyped-def]
    return make_chat(rasa_nlu)


@pytest.mark.parametrize("message", PLAIN_CRISES)
async def test_plain_crisis_messages_get_the_emergency_message(chat: Chat, message: str) -> None:
    replies = await chat.say(message)
    assert kinds(replies) == ["emergency"], message
    assert "112" in text_of(replies)
    assert chat.buttons()[0] == "a:adviser"


@pytest.mark.parametrize("message", HOPELESS)
async def test_hopelessness_gets_a_warm_check_in_not_a_topic_list(chat: Chat, message: str) -> None:
    replies = await chat.say(message)
    assert kinds(replies) == ["check_in"], message
    text = text_of(replies)
    assert "112" in text and "70 201 201" in text  # the emergency and the crisis line first
    assert chat.buttons()[:2] == ["a:adviser", "m:main"]  # an adviser, then the menu; no legal topics
    assert not any(b.startswith("t:") for b in chat.buttons())


async def test_a_burst_of_thirty_messages_ending_in_a_crisis_is_answered(chat: Chat) -> None:
    for n in range(29):
        await chat.say(f"مرحبا {n}")
    assert kinds(chat.last) == [], "the budget silences ordinary messages after its notice"
    for message in ("bfaker ente7er", "I want to die", "my husband is hitting me right now"):
        assert kinds(await chat.say(message)) == ["emergency"], message
    assert kinds(await chat.say("ما بقى في امل")) == ["check_in"]  # care is not rationed either


async def test_a_crisis_while_the_calculator_waits_for_a_date(chat: Chat) -> None:
    await chat.press("a:deadline_calculator")
    await chat.press("d:iab_appeal")
    await chat.press("dv:digital")
    assert kinds(chat.last) == ["deadline_date"], "the calculator waits for a date"
    assert kinds(await chat.say("بدي موت")) == ["emergency"]
    assert kinds(await chat.say("3/11/2026")) != ["deadline_result"], "the calculator was left for the crisis"


async def test_a_crisis_during_the_delete_confirmation(chat: Chat) -> None:
    assert kinds(await chat.say("/delete")) == ["confirm_delete"]
    assert kinds(await chat.say("ابني ما عم يتنفس")) == ["emergency"]


async def test_a_crisis_with_the_model_down_is_caught_by_the_phrases(make_chat, scripted_nlu) -> None:  # type: ignore[no-untyped-def]
    chat = make_chat(scripted_nlu)
    scripted_nlu.down = True
    assert kinds(await chat.say("bade mot")) == ["emergency"]
    assert kinds(await chat.say("تعبت من كل شي")) == ["check_in"]


async def test_a_crisis_in_arabic_script_is_answered_in_arabic_whatever_the_language(chat: Chat) -> None:
    await chat.press("l:en")
    replies = await chat.say("رح اقتل حالي")
    assert kinds(replies) == ["emergency"]
    assert "اتصل" in text_of(replies)


async def test_a_crisis_inside_an_open_case_reaches_the_person_and_the_advisers(
    content: ContentProvider, store: Store, rasa_nlu: NluClient
) -> None:
    desk = RecordingDesk()
    cases = CaseStore(store, open_ttl_s=3600, retention_s=600)
    engine = Engine(
        content, rasa_nlu, store, THRESHOLDS, today=lambda: TODAY, cases=cases, desk=desk, now=lambda: WORKING_HOURS
    )
    first, second = Chat(engine, "tg:1", "ar"), Chat(engine, "tg:2", "ar")
    for person in (first, second):
        await person.say("/adviser")
        await person.press("x:handoff")
    assert kinds(await second.say("وصلني رفض جديد")) == []  # relayed silently, as usual

    replies = await second.say("خلص ما عاد فيني، بدي موت")
    assert kinds(replies) == ["emergency"]
    await engine.alerts_delivered()
    number = desk.opened[-1][0]
    assert [n for n, _t in desk.forwarded].count(number) == 2, "the message itself still reaches the advisers"
    assert desk.alerts and desk.alerts[-1][0] == number and "URGENT" in desk.alerts[-1][1]
    case = await cases.get(number)
    assert case is not None and case.alert
    assert await cases.queue_position(case) == 1, "the case moves to the top of the waiting order"


async def test_the_emergency_message_does_not_wait_for_an_advisers_group_that_hangs(
    content: ContentProvider, store: Store
) -> None:
    desk = RecordingDesk()
    engine = Engine(
        content,
        ScriptedNlu(SCRIPT),
        store,
        THRESHOLDS,
        today=lambda: TODAY,
        cases=CaseStore(store, open_ttl_s=3600, retention_s=600),
        desk=desk,
        now=lambda: WORKING_HOURS,
    )
    person = Chat(engine, "tg:3", "ar")
    await person.say("/adviser")
    await person.press("x:handoff")
    desk.hang = asyncio.Event()
    # a liveness bound, not a speed measurement: without the bound the reply would wait for the group forever
    assert kinds(await asyncio.wait_for(person.say("انتحر"), timeout=20)) == ["emergency"]
    desk.hang.set()
    await engine.alerts_delivered()
    assert desk.alerts, "the alert still goes out once the group answers"


async def test_a_crisis_while_redis_is_down(tmp_path: Path) -> None:
    server = RedisServer(tmp_path / "redis").start()
    store = Store.from_url(server.url)
    engine = Engine(ContentProvider(REPO_ROOT / "content", today=lambda: TODAY), None, store, THRESHOLDS)
    server.stop()
    try:
        assert kinds(await Chat(engine, "tg:4", "ar").say("بدي موت")) == ["emergency"]
    finally:
        await store.aclose()


async def test_a_worried_question_gets_the_support_numbers_then_its_answer_in_view(chat: Chat) -> None:
    replies = await chat.say("انا تعبان ومش عم نام من الخوف. اقامتي بتخلص الشهر الجاي، كيف بجددها؟")
    assert kinds(replies) == ["check_in", "answer"]
    note, answer = replies
    assert "70 201 201" in note.text and "112" in note.text and len(note.text) < 400  # short: the answer stays in view
    assert answer.topic == "permit_duration_extension"
    [whole] = await chat.press("a:check_in")
    assert whole.kind == "check_in" and len(whole.text) > len(note.text)


async def test_a_sad_sentence_inside_a_story_does_not_replace_the_answer(chat: Chat) -> None:
    story = (
        "ابني عمره ٢٨ سنة وبيشتغل كهربجي من ست سنين. متزوج بنت دنماركية وعندو بنت صغيرة. "
        "نحنا كلنا هون وما ضل النا حدا بسوريا. هل شغله وزواجه بيساعدوه حتى ما يسحبو اقامته؟"
    )
    replies = await chat.say(story)
    assert kinds(replies)[-1] == "answer" and replies[-1].topic == "ties_to_denmark"
    assert "check_in" not in kinds(replies) or len(replies[0].text) < 400
