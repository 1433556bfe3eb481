"""The command menu Telegram shows in private chats, in Arabic and English (``setMyCommands``).

The commands are the engine's (``bot.engine.engine.COMMANDS``); the descriptions are Telegram-only wording,
at most 256 characters each. The default language's list is also the list for every other language.
"""

from __future__ import annotations

import logging
from functools import partial

from bot.engine.engine import COMMANDS
from bot.telegram.api import TelegramFailure, Transport, retrying

log = logging.getLogger(__name__)

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "ar": {
        "start": "البداية: من أنا وماذا أحفظ عنك",
        "menu": "قائمة المواضيع",
        "language": "تغيير اللغة",
        "adviser": "التحدث مع مستشار",
        "delete": "حذف كل ما أحفظه عنك",
        "help": "ماذا أستطيع أن أفعل",
    },
    "en": {
        "start": "Start: who I am and what I store",
        "menu": "Menu of subjects",
        "language": "Change the language",
        "adviser": "Talk to an adviser",
        "delete": "Delete everything I store about you",
        "help": "What I can do",
    },
}


def command_list(language: str) -> list[tuple[str, str]]:
    descriptions = DESCRIPTIONS[language]
    return [(command, descriptions[command]) for command in COMMANDS]


async def register_commands(transport: Transport, default_language: str) -> bool:
    """Set the menu for each language and, in ``default_language``, for everyone else. A failure is logged,
    not raised: the bot works without the menu."""
    lists: list[tuple[str | None, str]] = [(None, default_language)] + [(code, code) for code in DESCRIPTIONS]
    try:
        for code, language in lists:
            commands = command_list(language if language in DESCRIPTIONS else "ar")
            await retrying(partial(transport.set_commands, commands, code), "setMyCommands")
    except TelegramFailure as exc:
        log.warning("Could not set the command menu: %s", exc.description)
        return False
    return True
