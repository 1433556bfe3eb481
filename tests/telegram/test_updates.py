"""Telegram updates as engine turns: the same Bot API JSON parsed by aiogram and by python-telegram-bot gives
the same turn (or the same reason to skip it)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.turn import Turn, TurnKind
from bot.telegram.updates import Incoming, Skipped, parse_update

ALICE = {"id": 42, "is_bot": False, "first_name": "Alice", "language_code": "ar"}
PRIVATE = {"id": 42, "type": "private", "first_name": "Alice"}
GROUP = {"id": -100, "type": "group", "title": "Family"}
PHOTO = [{"file_id": "p1", "file_unique_id": "u1", "width": 2, "height": 2}]
LOCATION = {"latitude": 55.68, "longitude": 12.57}


def message(chat: dict[str, Any] = PRIVATE, **fields: Any) -> dict[str, Any]:
    return {"message_id": 7, "date": 1795000000, "chat": chat, "from": ALICE, **fields}


def callback(chat: dict[str, Any] = PRIVATE, data: str | None = "m:main") -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": "cq1",
        "from": ALICE,
        "chat_instance": "ci1",
        "message": message(chat, text="menu"),
    }
    if data is not None:
        query["data"] = data
    return query


def aiogram_update(raw: dict[str, Any]) -> Any:
    from aiogram.types import Update

    return Update.model_validate(raw)


def ptb_update(raw: dict[str, Any]) -> Any:
    from telegram import Update

    return Update.de_json(raw, None)


@pytest.fixture(params=[aiogram_update, ptb_update], ids=["aiogram", "ptb"])
def parse(request: pytest.FixtureRequest) -> Any:
    return lambda raw: parse_update(request.param(raw))


CASES: list[tuple[dict[str, Any], Incoming | Skipped]] = [
    (
        {"update_id": 1, "message": message(text="شو يعني 7.3")},
        Incoming(1, 42, Turn("tg:42", TurnKind.TEXT, "شو يعني 7.3", "ar", ref="42:7")),
    ),
    (
        {
            "update_id": 2,
            "message": message(text="/start", entities=[{"type": "bot_command", "offset": 0, "length": 6}]),
        },
        Incoming(2, 42, Turn("tg:42", TurnKind.TEXT, "/start", "ar", ref="42:7")),
    ),
    (
        {"update_id": 3, "callback_query": callback()},
        Incoming(3, 42, Turn("tg:42", TurnKind.BUTTON, "m:main", "ar"), callback_id="cq1"),
    ),
    (
        {"update_id": 4, "callback_query": callback(data=None)},  # a game button: no data, answered as stale
        Incoming(4, 42, Turn("tg:42", TurnKind.BUTTON, "", "ar"), callback_id="cq1"),
    ),
    (
        {"update_id": 5, "message": message(voice={"file_id": "v", "file_unique_id": "v", "duration": 3})},
        Incoming(5, 42, Turn("tg:42", TurnKind.UNSUPPORTED, "", "ar", media="voice", ref="42:7")),
    ),
    (
        {"update_id": 6, "message": message(photo=PHOTO, caption="my letter")},
        Incoming(  # the caption is the question; the largest size of the photo goes to the letter reader
            6,
            42,
            Turn(
                "tg:42",
                TurnKind.TEXT,
                "my letter",
                "ar",
                media="photo",
                ref="42:7",
                file_id="p1",
                file_mime="image/jpeg",
            ),
        ),
    ),
    (
        {"update_id": 7, "message": message(venue={"location": LOCATION, "title": "DRC", "address": "Borgergade"})},
        Incoming(7, 42, Turn("tg:42", TurnKind.UNSUPPORTED, "", "ar", media="venue", ref="42:7")),
    ),
    (
        {"update_id": 8, "message": message(contact={"phone_number": "+45", "first_name": "Bob"})},
        Incoming(8, 42, Turn("tg:42", TurnKind.UNSUPPORTED, "", "ar", media="contact", ref="42:7")),
    ),
    (  # an edit: relayed as a correction during a case, else ignored (the engine decides)
        {"update_id": 9, "edited_message": {**message(text="edited"), "edit_date": 1795000100}},
        Incoming(9, 42, Turn("tg:42", TurnKind.TEXT, "edited", "ar", ref="42:7", edited=True)),
    ),
    (
        {"update_id": 9, "edited_message": {**message(GROUP, text="edited"), "edit_date": 1795000100}},
        Skipped("edited"),
    ),
    ({"update_id": 10, "message": message(GROUP, text="hello")}, Skipped("not_private")),
    ({"update_id": 11, "callback_query": callback(GROUP)}, Skipped("not_private", callback_id="cq1")),
    ({"update_id": 12, "message": message(pinned_message=message(text="x"))}, Skipped("service")),
    (
        {
            "update_id": 13,
            "my_chat_member": {
                "chat": PRIVATE,
                "from": ALICE,
                "date": 1795000000,
                "old_chat_member": {"status": "member", "user": {**ALICE, "id": 1, "is_bot": True}},
                "new_chat_member": {"status": "kicked", "user": {**ALICE, "id": 1, "is_bot": True}, "until_date": 0},
            },
        },
        Skipped("other"),
    ),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[str(raw["update_id"]) for raw, _ in CASES])
def test_update_to_turn(parse: Any, raw: dict[str, Any], expected: Incoming | Skipped) -> None:
    assert parse(raw) == expected


def test_only_typed_questions_need_the_nlu(parse: Any) -> None:
    assert parse(CASES[0][0]).needs_nlu
    assert not parse(CASES[1][0]).needs_nlu  # a command
    assert not parse(CASES[2][0]).needs_nlu  # a button
    assert not parse(CASES[4][0]).needs_nlu  # a voice message
