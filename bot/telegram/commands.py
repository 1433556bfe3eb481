"""The command menu Telegram shows in private chats, in Arabic and English (``setMyCommands``).

The commands are the engine's (``bot.engine.flows.COMMANDS``); their descriptions (at most 256 characters) are
translated through the interface catalogues. The default language's list is also the list for every other
language.
"""

from __future__ import annotations

import logging
from functools import partial

from bot.engine.flows import COMMANDS
from bot.i18n import N_, available_languages, translator
from bot.telegram.api import TelegramFailure, Transport, retrying

log = logging.getLogger(__name__)

# English wording; the catalogues (bot/locales) translate it.
DESCRIPTIONS = {
    "start": N_("Start: who I am and what I store"),
    "menu": N_("Menu of subjects"),
    "language": N_("Change the language"),
    "adviser": N_("Talk to an adviser"),
    "delete": N_("Delete everything I store about you"),
    "help": N_("What I can do"),
}


def command_list(language: str) -> list[tuple[str, str]]:
    _ = translator(language)
    return [(command, _(DESCRIPTIONS[command])) for command in COMMANDS]


async def register_commands(transport: Transport, default_language: str) -> bool:
    """Set the menu for each language and, in ``default_language``, for everyone else. A failure is logged,
    not raised: the bot works without the menu."""
    lists: list[tuple[str | None, str]] = [(None, default_language)]
    lists += [(code, code) for code in available_languages()]
    try:
        for code, language in lists:
            commands = command_list(language)
            await retrying(partial(transport.set_commands, commands, code), "setMyCommands")
    except TelegramFailure as exc:
        log.warning("Could not set the command menu: %s", exc.description)
        return False
    return True
