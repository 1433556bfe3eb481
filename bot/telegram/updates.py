"""A Telegram update as an engine turn, written once for both frameworks.

aiogram and python-telegram-bot parse updates into their own classes, but both keep the Bot API's field names
(``update.message.from_user.language_code``, ``update.callback_query.data``, ``message.voice`` ...), so this
module reads those attributes and imports neither framework.

Private chats are served, and the advisers' forum group (``ADVISER_CHAT_ID``) as ``AdviserPost``: messages in
a topic there, which ``adviser_room`` relays or acts on. Every other group is ignored. A person's edit of a text
message becomes an edited turn (relayed to the advisers as a correction during a case; otherwise ignored, since
the first version was answered already); other edits, service messages and updates of any other type are
skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.core.turn import Turn, TurnKind
from bot.telegram.formatting import message_html

# What the bot asks Telegram for (getUpdates / setWebhook). Edits are asked for only with an advisers' group
# (``allowed_updates``): only a person's edit inside a case is acted on.
ALLOWED_UPDATES = ("message", "callback_query")
WITH_CASES = (*ALLOWED_UPDATES, "edited_message")


def allowed_updates(with_cases: bool) -> tuple[str, ...]:
    """The update types to ask Telegram for: edits too when there are cases (an advisers' group)."""
    return WITH_CASES if with_cases else ALLOWED_UPDATES

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
    def lane(self) -> int:
        return self.chat_id

    @property
    def needs_nlu(self) -> bool:
        """A typed question (not a command): the engine will ask the NLU, so show "typing" meanwhile."""
        turn = self.turn
        return turn.kind is TurnKind.TEXT and not turn.edited and not turn.text.lstrip().startswith("/")


@dataclass(frozen=True)
class AdviserPost:
    """A message inside a topic of the advisers' group: a reply for a person, or a command about a case."""

    update_id: int
    chat_id: int
    thread_id: int
    message_id: int
    sender_id: int  # checked against the group's members before anything is done
    anonymous_admin: bool  # posted "as the group" by one of its administrators
    text: str | None  # the text of a text message, the caption of a media message
    media: str | None  # "photo", "document", ... for a media message
    html: str | None = None  # ``text`` as Telegram HTML with the adviser's formatting (``formatting``)
    edited: bool = False  # a new version of an earlier post (an adviser's correction)

    @property
    def kind(self) -> str:
        return "adviser"

    @property
    def lane(self) -> tuple[int, int]:
        return (self.chat_id, self.thread_id)

    @property
    def command(self) -> str | None:
        """``close``, ``reopen``, ``note`` ... for a text starting with a command (``/close@SanadBot`` too)."""
        if self.media is not None or not self.text or not self.text.startswith("/"):
            return None
        return self.text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(self.text) > 1 else None


@dataclass(frozen=True)
class Skipped:
    """An update the bot does not answer, and why (a metric label). A skipped button press is still answered,
    so that the person's app stops waiting."""

    reason: str
    callback_id: str | None = None


def parse_update(update: Any, adviser_chat_id: int | None = None) -> Incoming | AdviserPost | Skipped:
    """The turn in ``update`` (an aiogram or a python-telegram-bot ``Update``), or why there is none."""
    update_id = update.update_id
    edited = getattr(update, "edited_message", None)
    if edited is not None:
        if adviser_chat_id is not None and edited.chat is not None and edited.chat.id == adviser_chat_id:
            return _from_adviser_group(update_id, edited, edited=True)
        return _from_edit(update_id, edited)
    message = getattr(update, "message", None)
    if message is not None:
        if adviser_chat_id is not None and message.chat is not None and message.chat.id == adviser_chat_id:
            return _from_adviser_group(update_id, message)
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
    album = getattr(message, "media_group_id", None)
    caption = getattr(message, "caption", None)
    if caption and caption.strip():  # the words sent with a photo or a file: the person's question
        turn = Turn(_user(person), TurnKind.TEXT, caption, hint, media=media, ref=ref, album=album)
    else:
        turn = Turn(_user(person), TurnKind.UNSUPPORTED, "", hint, media=media, ref=ref, album=album)
    return Incoming(update_id, message.chat.id, turn)


def _from_edit(update_id: int, message: Any) -> Incoming | Skipped:
    """A person's edit of a text message in their private chat: relayed as a correction while a case is open
    (the engine decides), otherwise ignored. Edits anywhere else are skipped."""
    parsed = _from_message(update_id, message)
    if isinstance(parsed, Skipped) or parsed.turn.kind is not TurnKind.TEXT:
        return Skipped("edited")
    return Incoming(update_id, parsed.chat_id, replace(parsed.turn, edited=True))


def _from_adviser_group(update_id: int, message: Any, edited: bool = False) -> AdviserPost | Skipped:
    thread_id = message.message_thread_id
    if not getattr(message, "is_topic_message", False) or not thread_id:
        return Skipped("adviser_general")  # the group's General topic: not about a case
    sender = message.from_user
    sender_chat = getattr(message, "sender_chat", None)
    anonymous_admin = sender_chat is not None and sender_chat.id == message.chat.id
    if sender is None or (sender.is_bot and not anonymous_admin):
        return Skipped("not_a_person")
    media = next((name for name in MEDIA if getattr(message, name, None)), None)
    text = message.text if message.text is not None else getattr(message, "caption", None)
    if text is None and media is None:
        return Skipped("service")
    return AdviserPost(
        update_id,
        message.chat.id,
        thread_id,
        message.message_id,
        sender.id,
        anonymous_admin,
        text,
        media,
        message_html(message),
        edited,
    )


def _from_callback(update_id: int, query: Any) -> Incoming | Skipped:
    # The message is missing for buttons under inline-mode messages, and may be an InaccessibleMessage
    # (older than 48 hours): that still names its chat.
    message = query.message
    if message is None or not _private(message.chat):
        return Skipped("not_private", callback_id=query.id)
    person = query.from_user
    turn = Turn(_user(person), TurnKind.BUTTON, query.data or "", person.language_code)
    return Incoming(update_id, message.chat.id, turn, callback_id=query.id)
