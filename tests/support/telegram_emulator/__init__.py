"""A Telegram Bot API emulator for end-to-end tests of Telegram bots (aiogram 3, python-telegram-bot 22,
or anything speaking the Bot API over HTTP). See tests/emulator/README.md."""

from .client import BotMessage, CallbackPress, EmulatorUsageError, GroupChat, ScriptedUser, UserMessage
from .emulator import TelegramEmulator, make_token
from .errors import ApiError
from .formatting import EntityParseError, parse_html, parse_markdown_v2, utf16_len
from .server import ApiCall
from .state import EmulatorTimeout, ForumTopic
from .webhook import DeliveryAttempt

__all__ = [
    "ApiCall",
    "ApiError",
    "BotMessage",
    "CallbackPress",
    "DeliveryAttempt",
    "EmulatorTimeout",
    "EmulatorUsageError",
    "EntityParseError",
    "ForumTopic",
    "GroupChat",
    "ScriptedUser",
    "TelegramEmulator",
    "UserMessage",
    "make_token",
    "parse_html",
    "parse_markdown_v2",
    "utf16_len",
]
