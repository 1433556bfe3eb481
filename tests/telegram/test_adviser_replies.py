"""What an adviser writes reaches the person as written (issue 14, items 2 and 3): a word linked to an address,
bold, italic and code keep their formatting, and in an Arabic case addresses and e-mail addresses arrive whole
(no direction mark inside them), so they work when tapped; only the adviser's identity is removed. Both
transports, the real engine, Rasa and Redis, the advisers' forum group in the Bot API emulator."""

from __future__ import annotations

import pytest

from tests.support.telegram import MakeEngine, Start, open_case, relay_to_person, start_case
from tests.support.telegram_emulator import BotMessage, GroupChat, ScriptedUser, TelegramEmulator
from tests.support.telegram_emulator.formatting import utf16_len, utf16_slice

pytestmark = [pytest.mark.telegram, pytest.mark.redis, pytest.mark.rasa]

FORM = "https://example.org/form?case_id=12&lang=ar"
EMAIL = "help_dk@example.org"


def entity_texts(message: BotMessage) -> dict[str, list[str]]:
    """Each kind of entity Telegram shows in ``message``, with the text it covers (and, for links, the address)."""
    text = message.text or ""
    found: dict[str, list[str]] = {}
    for entity in message.entities:
        covered = utf16_slice(text, entity["offset"], entity["length"])
        found.setdefault(entity["type"], []).append(
            f"{covered} -> {entity['url']}" if entity["type"] == "text_link" else covered
        )
    return found


def _entity(kind: str, text: str, piece: str, **extra: str) -> dict[str, object]:
    start = text.index(piece)
    return {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(piece), **extra}


async def test_an_advisers_link_and_formatting_reach_the_person(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    text = "املئي هذا النموذج قبل الموعد، الرقم المرجعي 12-34، مهم جداً"
    entities = [
        _entity("text_link", text, "هذا النموذج", url=FORM),
        _entity("bold", text, "قبل الموعد"),
        _entity("code", text, "12-34"),
        _entity("italic", text, "مهم جداً"),
    ]
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        reply = await relay_to_person(mona, forum, thread, alice, text, entities=entities)
    shown = entity_texts(reply)
    assert shown.get("text_link") == [f"هذا النموذج -> {FORM}"], reply.entities
    assert shown.get("bold", [])[-1:] == ["قبل الموعد"]  # after the bold label "المستشار:"
    assert shown.get("code") == ["12-34"] and shown.get("italic") == ["مهم جداً"]
    assert "Mona" not in (reply.text or "") and "mona_adviser" not in (reply.text or "")


async def test_addresses_in_an_arabic_case_arrive_whole(
    start_bot: Start,
    make_engine: MakeEngine,
    emu: TelegramEmulator,
    framework: str,
    people: tuple[ScriptedUser, ScriptedUser, GroupChat],
) -> None:
    alice, mona, forum = people
    async with start_case(start_bot, make_engine, framework, forum):
        thread = await open_case(alice, emu, forum)
        reply = await relay_to_person(
            mona, forum, thread, alice, f"املئي النموذج {FORM} أو راسلينا على {EMAIL}، والأمر /delete يحذف كل شيء"
        )
    shown = entity_texts(reply)
    assert shown.get("url") == [FORM], reply.entities
    assert shown.get("email") == [EMAIL], reply.entities
    assert shown.get("bot_command") == ["/delete"], reply.entities
