"""A Telegram update as an engine turn, written once for both frameworks.

aiogram and python-telegram-bot parse updates into their own classes, but both keep the Bot API's field names
(``update.message.from_user.language_code``, ``update.callback_query.data``, ``message.voice`` ...), so this
module reads those attributes and imports neither framework.

Only private chats are served. Edited messages are skipped (the first version was answered already), and so
are service messages and updates of any other type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.engine.turn import Turn, TurnKind

# What the bot asks Telegram for (getUpdates / setWebhook). Edits never come, and are skipped if they do.
ALLOWED_UPDATES = ("message", "callback_query")

# What a person can send instead of text, checked in this order (a venue also carries a location, a video note
# is not a video). The engine answers each of them politely with what the bot can read.
MEDIA = (
    "voice",
    "video_note",
    "audio",
    "video",
    "animation",
    "sticker",
    "photo",
    "document",
    "venue",
    "location",
    "contact",
    "poll",
    "dice",
    "game",
    "story",
    "paid_media",
)


@dataclass(frozen=True)
class Incoming:
    """One update the engine must answer."""

    update_id: int
    chat_id: int
    turn: Turn
    callback_id: str | None = None  # set for a pressed button: the query must be answered

    @property
    def kind(self) -> str:
        return self.turn.kind.value

    @property
    def needs_nlu(self) -> bool:
        """A typed question (not a command): the engine will ask the NLU, so show "typing" meanwhile."""
        return self.turn.kind is TurnKind.TEXT and not self.turn.text.lstrip().startswith("/")


@dataclass(frozen=True)
class Skipped:
    """An update the bot does not answer, and why (a metric label). A skipped button press is still answered,
    so that the person's app stops waiting."""

    reason: str
    callback_id: str | None = None


def parse_update(update: Any) -> Incoming | Skipped:
    """The turn in ``update`` (an aiogram or a python-telegram-bot ``Update``), or why there is none."""
    update_id = update.update_id
    if getattr(update, "edited_message", None) is not None:
        return Skipped("edited")
    message = getattr(update, "message", None)
    if message is not None:
        return _from_message(update_id, message)
    query = getattr(update, "callback_query", None)
    if query is not None:
        return _from_callback(update_id, query)
    return Skipped("other")


def _private(chat: Any) -> bool:
    return chat is not None and chat.type == "private"


def _user(person: Any) -> str:
    return f"tg:{person.id}"


def _from_message(update_id: int, message: Any) -> Incoming | Skipped:
    person = message.from_user
    if not _private(message.chat):
        return Skipped("not_private")
    if person is None or person.is_bot:
        return Skipped("not_a_person")
    hint = person.language_code
    ref = f"{message.chat.id}:{message.message_id}"  # what copyMessage needs to show it to an adviser
    if message.text is not None:
        turn = Turn(_user(person), TurnKind.TEXT, message.text, hint, ref=ref)
        return Incoming(update_id, message.chat.id, turn)
    media = next((name for name in MEDIA if getattr(message, name, None)), None)
    if media is None:
        return Skipped("service")
    turn = Turn(_user(person), TurnKind.UNSUPPORTED, "", hint, media=media, ref=ref)
    return Incoming(update_id, message.chat.id, turn)


def _from_callback(update_id: int, query: Any) -> Incoming | Skipped:
    # The message is missing for buttons under inline-mode messages, and may be an InaccessibleMessage
    # (older than 48 hours): that still names its chat.
    message = query.message
    if message is None or not _private(message.chat):
        return Skipped("not_private", callback_id=query.id)
    person = query.from_user
    turn = Turn(_user(person), TurnKind.BUTTON, query.data or "", person.language_code)
    return Incoming(update_id, message.chat.id, turn, callback_id=query.id)
