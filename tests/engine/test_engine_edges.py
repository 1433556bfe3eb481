"""Behaviour that needs a scripted NLU: clarification, outages, forged buttons, odd input."""

from __future__ import annotations

from bot.core.turn import Turn, TurnKind
from tests.support.engine import ScriptedNlu, kinds, text_of


async def test_close_candidates_ask_did_you_mean(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    replies = await chat.say("ضايع بالمواعيد وما بعرف شو اعمل")
    assert kinds(replies) == ["clarify"]
    assert chat.buttons()[:3] == ["t:appeal_deadlines", "t:deadline_calculator", "t:appeal_refugee_board"]


async def test_a_topic_offered_as_an_alternative_is_not_offered_again_as_related(make_chat, scripted_nlu) -> None:
    scripted_nlu.script["بتتجدد"] = [("protection_status", 0.5), ("permit_duration_extension", 0.2)]
    chat = make_chat(scripted_nlu)
    replies = await chat.say("الاقامة ٧/٣ بتتجدد؟")
    assert kinds(replies) == ["answer"] and replies[0].topic == "protection_status"
    assert chat.labels().count("أو هل تقصد: مدة الإقامة وتمديدها") == 1
    assert chat.buttons().count("t:permit_duration_extension") == 1  # once, as "or did you mean", not twice
    assert "t:revocation_reasons" in chat.buttons()  # the other related topics stay


async def test_a_message_typed_after_did_you_mean_is_read_among_the_topics_offered(make_chat, scripted_nlu) -> None:
    scripted_nlu.script["بيسحبو"] = [("revocation_process", 0.4), ("revocation_reasons", 0.35)]
    scripted_nlu.script["لسا ما"] = [("revocation_reasons", 0.3), ("revocation_process", 0.1), ("out_of_scope", 0.1)]
    chat = make_chat(scripted_nlu)
    assert kinds(await chat.say("بيسحبو الاقامات؟")) == ["clarify"]
    replies = await chat.say("لسا ما اجاني شي، بس ليش؟")
    assert kinds(replies) == ["answer"] and replies[0].topic == "revocation_reasons"
    assert "t:revocation_process" in chat.buttons()  # the other topic offered stays one tap away
    alone = make_chat(scripted_nlu, user="test:2")
    assert kinds(await alone.say("لسا ما اجاني شي، بس ليش؟")) == ["clarify"]  # without the question before


async def test_menu_works_when_the_nlu_is_down(make_chat, scripted_nlu) -> None:
    scripted_nlu.down = True
    chat = make_chat(scripted_nlu)
    replies = await chat.say("شو يعني 7.3")
    assert kinds(replies) == ["nlu_down"]
    assert "m:residency" in chat.buttons()
    # a cry for help that no safety phrase catches still sees the emergency numbers during the outage
    assert "112" in text_of(await chat.say("مابقى فيني كفي هيك، سامحوني"))
    replies = await chat.press("t:protection_status")
    assert kinds(replies) == ["answer"]


async def test_emergency_keyword_works_even_when_the_nlu_is_down(make_chat, scripted_nlu) -> None:
    scripted_nlu.down = True
    replies = await make_chat(scripted_nlu).say("والله بدي انتحر")
    assert kinds(replies) == ["emergency"]


async def test_forged_and_stale_buttons(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    for data in ("t:no_such_topic", "zz:1", "t:" + "a" * 80, "x:delete", "dd:2026-11-03", "", "m:../../etc"):
        replies = await chat.press(data)
        assert kinds(replies) == ["stale"], data
        assert "m:residency" in chat.buttons()


async def test_unsupported_media_gets_a_polite_answer(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    for media in ("voice", "sticker", "photo", "document", "location", "contact"):
        replies = await chat.engine.handle(Turn("test:1", TurnKind.UNSUPPORTED, "", "ar", media=media))
        assert kinds(replies) == ["unsupported"]


async def test_empty_and_very_long_messages(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    assert kinds(await chat.say("   ")) == ["empty"]
    replies = await chat.say("شو يعني 7.3 " + "كلام " * 3000)
    assert kinds(replies) == ["answer"]


async def test_unknown_command(make_chat, scripted_nlu) -> None:
    replies = await make_chat(scripted_nlu).say("/whatever")
    assert kinds(replies) == ["menu"]


async def test_deadline_ambiguous_date_is_asked_never_guessed(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    await chat.say("احسبلي المهلة")
    await chat.press("d:iab_appeal")
    replies = await chat.press("dv:paper")
    assert kinds(replies) == ["deadline_date"]
    replies = await chat.say("7/5")
    assert kinds(replies) in (["deadline_which"], ["deadline_date"])
    assert "deadline_result" not in kinds(replies)


async def test_deadline_unreadable_date_twice_offers_an_adviser(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    await chat.say("احسبلي المهلة")
    await chat.press("d:iab_appeal")
    await chat.press("dv:digital")
    assert kinds(await chat.say("ما بعرف والله")) == ["deadline_date"]
    replies = await chat.say("مدري")
    assert kinds(replies) == ["deadline_unreadable"]
    assert chat.buttons()[0] == "a:adviser"


async def test_deadline_other_decision_never_counts(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu)
    await chat.say("احسبلي المهلة")
    replies = await chat.press("d:other")
    assert kinds(replies) == ["deadline_other"]
    assert "klagevejledning" in text_of(replies)


async def test_paper_letter_eight_weeks_from_receipt(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await chat.press("l:en")
    await chat.press("a:deadline_calculator")
    replies = await chat.press("d:iab_appeal")
    assert kinds(replies) == ["deadline_date"], "the date printed on the letter is asked first"
    await chat.say("18/11/2026")
    assert chat.buttons() == ["dv:digital", "dv:paper", "dv:in_person"]
    replies = await chat.press("dv:paper")
    text = text_of(replies)
    # letter 18 Nov (Wed) + 6 working days = received Thu 26 Nov; + 8 weeks = Thu 21 Jan 2027; not moved
    assert "26 November 2026" in text and "<b>Your last safe day: Thursday 21 January 2027</b>" in text
    assert "6 ⚠️ working days" in text  # the unconfirmed figure is flagged


async def test_seven_day_decision_dated_3_november_2026_gives_10_november_whatever_the_delivery(
    make_chat, scripted_nlu
) -> None:
    for delivery in (None, "digital", "paper", "in_person"):
        chat = make_chat(scripted_nlu, user=f"test:{delivery}", hint="en")
        await chat.press("l:en")
        await chat.press("a:deadline_calculator")
        replies = await chat.press("d:iab_stay_7_days")
        assert kinds(replies) == ["deadline_date"], "a rule counting from the decision does not ask the delivery"
        if delivery is not None:  # a delivery button from an older message changes nothing
            await chat.press(f"dv:{delivery}")
        replies = await chat.say("3/11/2026")
        text = text_of(replies)
        assert kinds(replies) == ["deadline_result"]
        assert "<b>Your last safe day: Tuesday 10 November 2026</b>" in text, delivery
        assert "from the date of the decision" in text


async def test_a_weekend_move_only_a_law_firm_gives_is_a_note(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await chat.press("l:en")
    await chat.press("a:deadline_calculator")
    await chat.press("d:iab_appeal")
    await chat.press("dv:in_person")
    text = text_of(await chat.say("3/10/2026"))
    # handed over on (or after) Sat 3 Oct + 8 weeks = Sat 28 Nov: the last safe day; Monday 30 Nov only a note
    assert "<b>Your last safe day: Saturday 28 November 2026</b>" in text
    assert "moves to Monday 30 November 2026, but no official source confirms it" in text


async def test_own_refugee_permit_revoked_gets_no_date(make_chat, scripted_nlu) -> None:
    chat = make_chat(scripted_nlu, hint="en")
    await chat.press("l:en")
    await chat.press("a:deadline_calculator")
    assert chat.buttons()[0] == "d:own_permit_ended"  # the most common letter for Syrians comes first
    replies = await chat.press("d:own_permit_ended")
    assert kinds(replies) == ["deadline_no_date"]
    text = text_of(replies)
    assert "Your last" not in text and "2026" not in text  # no invented date
    assert "What is known" in text and "What is not known" in text
    assert "within 7 days" in text and "33 73 50 00" in text and "today" in text
    assert '📄 Source: <a href="https://uim.dk/' in text
    assert chat.buttons()[:3] == ["t:revocation_process", "t:appeal_deadlines", "a:adviser"]
    assert kinds(await chat.say("3/11/2026")) != ["deadline_result"], "the conversation has ended"


async def test_unanswered_questions_are_logged_only_when_switched_on_and_scrubbed(content, store, scripted_nlu) -> None:
    from bot.engine.engine import Engine
    from bot.store.keys import KEYS
    from bot.store.unanswered import UnansweredLog
    from tests.support.engine import THRESHOLDS, TODAY, Chat

    question = "كيف بجدد رخصة السواقة؟ رقمي 22 33 44 55"
    off = Chat(Engine(content, scripted_nlu, store, THRESHOLDS, today=lambda: TODAY), "test:9")
    await off.say(question)
    assert await store.redis.exists(KEYS.unanswered()) == 0

    on = Chat(Engine(content, scripted_nlu, store, THRESHOLDS, today=lambda: TODAY, unanswered_ttl_s=600), "test:9")
    await on.say(question)
    entries = await UnansweredLog(store, ttl_s=600).export()
    assert len(entries) == 1 and entries[0]["language"] == "ar"
    assert "22 33 44 55" not in entries[0]["question"] and "رخصة" in entries[0]["question"]
    assert 0 < await store.redis.ttl(KEYS.unanswered()) <= 600
    await on.say("شو يعني 7.3")  # answered: not logged
    assert len(await UnansweredLog(store, ttl_s=600).export()) == 1


async def test_a_flood_gets_one_polite_notice_then_silence(content, store, scripted_nlu) -> None:
    from bot.engine.engine import Engine
    from tests.support.engine import THRESHOLDS, TODAY, Chat

    chat = Chat(Engine(content, scripted_nlu, store, THRESHOLDS, today=lambda: TODAY, messages_per_minute=5), "t:f")
    chat.engine.budget.clock = lambda: 600.0  # one clock minute for the whole flood
    answered = [kinds(await chat.say("شو يعني 7.3")) for _ in range(8)]
    assert answered[:5] == [["answer"]] * 5
    assert answered[5] == ["rate_limited"]
    assert answered[6:] == [[], []]
    other = Chat(chat.engine, "t:other")
    assert kinds(await other.say("شو يعني 7.3")) == ["answer"]  # the budget is per person


async def test_another_countrys_citizenship_is_not_answered_with_the_danish_page(make_chat) -> None:
    """The NLU reads "citizenship" and ranks the Danish citizenship page first; the catalogue's phrases say the
    question is about the United Kingdom's, so the person gets the menu, not a confident wrong answer."""
    chat = make_chat(ScriptedNlu({"citizenship": [("citizenship", 0.9), ("out_of_scope", 0.05)]}), hint="en")
    await chat.press("l:en")
    assert kinds(await chat.say("can I get British citizenship after five years in the UK?")) == ["fallback"]
    assert kinds(await chat.say("can I get Danish citizenship after nine years here?")) != ["fallback"]


async def test_a_trip_follow_up_the_model_hears_as_a_deadline_stays_with_the_trip(make_chat, scripted_nlu) -> None:
    """After the travel page, "وحلب؟ ثلاث تيام بس" (and Aleppo? only three days) is ranked as the calculator for its
    number of days, but it gives the calculator nothing to count: the travel page again, the calculator one tap away.
    With a decision and a date in it, the calculator starts as always."""
    scripted_nlu.script["بسافر"] = [("travel_abroad", 0.9)]
    scripted_nlu.script["تيام"] = [("deadline_calculator", 0.45), ("out_of_scope", 0.1)]
    chat = make_chat(scripted_nlu)
    assert kinds(await chat.say("بسافر عبيروت جمعة، بتروح الاقامة؟")) == ["answer"]
    replies = await chat.say("وحلب؟ ثلاث تيام بس")
    assert kinds(replies) == ["answer"] and replies[0].topic == "travel_abroad"
    assert "t:deadline_calculator" in chat.buttons()
    started = await chat.say("رفضو لم الشمل لمرتي من ثلاث تيام عالاي بوكس، لايمتى بقدر اطعن؟")
    assert kinds(started) == ["deadline_result"], kinds(started)
