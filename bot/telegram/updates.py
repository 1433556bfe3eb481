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

# What the bot asks Telegram for (getUpdates / setWebhook). With an advisers' group it also asks for edits (only
# a person's edit inside a case, or an adviser's, is acted on) and ``chat_member`` (someone joined or left the
# group; Telegram sends it to administrator bots).
ALLOWED_UPDATES = ("message", "callback_query")
WITH_CASES = (*ALLOWED_UPDATES, "edited_message", "chat_member")


def allowed_updates(with_cases: bool) -> tuple[str, ...]:
    """The update types to ask Telegram for: edits and membership changes too when there are cases."""
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
# What an album (one ``media_group_id``) is made of, which ``sendMediaGroup`` can send again as one, and which of
# them go together in one album (photos with videos; documents, audio files each among their own kind).
ALBUM_MEDIA = {"photo": "visual", "video": "visual", "document": "document", "audio": "audio"}


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
    sender_name: str = ""  # the adviser's first name (shown to advisers when they claim a case)
    sender_username: str | None = None
    mentioned: tuple[tuple[int, str], ...] = ()  # members named by a text mention: (user id, first name)
    event: str | None = None  # "topic_closed": an adviser closed the topic in Telegram
    edited: bool = False  # a new version of an earlier post (an adviser's correction)
    reply_to: int | None = None  # the message in the topic this post replies to (not the topic's own start)
    album: str | None = None  # the album it belongs to (``media_group_id``): relayed to the person as one
    album_file: str | None = None  # with ``album``: the item's file

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
class AdviserPress:
    """A button pressed under a bot message in a topic of the advisers' group (``/answers``)."""

    update_id: int
    chat_id: int
    thread_id: int
    message_id: int
    sender_id: int
    callback_id: str
    data: str
    sender_name: str = ""

    @property
    def kind(self) -> str:
        return "adviser_button"

    @property
    def lane(self) -> tuple[int, int]:
        return (self.chat_id, self.thread_id)


@dataclass(frozen=True)
class MemberChange:
    """Someone joined, left or was removed from the advisers' group (a ``chat_member`` update)."""

    update_id: int
    chat_id: int
    user_id: int
    username: str | None
    status: str  # creator, administrator, member, restricted, left, kicked

    @property
    def kind(self) -> str:
        return "adviser_member"

    @property
    def lane(self) -> tuple[int, str]:
        return (self.chat_id, "members")


@dataclass(frozen=True)
class Skipped:
    """An update the bot does not answer, and why (a metric label). A skipped button press is still answered,
    so that the person's app stops waiting."""

    reason: str
    callback_id: str | None = None


def parse_update(
    update: Any, adviser_chat_id: int | None = None
) -> Incoming | AdviserPost | AdviserPress | MemberChange | Skipped:
    """The turn in ``update`` (an aiogram or a python-telegram-bot ``Update``), or why there is none."""
    update_id = update.update_id
    member = getattr(update, "chat_member", None)
    if member is not None:
        if adviser_chat_id is None or member.chat.id != adviser_chat_id:
            return Skipped("chat_member")
        user = member.new_chat_member.user
        status = str(getattr(member.new_chat_member.status, "value", member.new_chat_member.status))
        return MemberChange(update_id, member.chat.id, user.id, user.username, status)
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
        chat = getattr(query.message, "chat", None) if query.message is not None else None
        if adviser_chat_id is not None and chat is not None and chat.id == adviser_chat_id:
            return _from_adviser_button(update_id, query)
        return _from_callback(update_id, query)
    return Skipped("other")


def _private(chat: Any) -> bool:
    return chat is not None and chat.type == "private"


def _user(person: Any) -> str:
    return f"tg:{person.id}"


def chat_of(address: str) -> int:
    """The private chat of a person's address (``Turn.user``, ``Case.address``): ``tg:<user id>``, which is also
    the chat's id."""
    return int(address.removeprefix("tg:"))


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
    file_id, file_size, file_mime = _letter_file(message, media)
    album_file = _album_file(message, media) if album else None
    # the words sent with a photo or a file are the person's question; a letter among them is read too
    kind, text = (TurnKind.TEXT, caption) if caption and caption.strip() else (TurnKind.UNSUPPORTED, "")
    turn = Turn(
        _user(person),
        kind,
        text,
        hint,
        media=media,
        ref=ref,
        album=album,
        album_file=album_file,
        file_id=file_id,
        file_size=file_size,
        file_mime=file_mime,
    )
    return Incoming(update_id, message.chat.id, turn)


def _letter_file(message: Any, media: str) -> tuple[str | None, int | None, str | None]:
    """The file the letter reader may read: a photo (its largest size) or a PDF or image sent as a document."""
    if media == "photo":
        largest = message.photo[-1]
        return largest.file_id, largest.file_size, "image/jpeg"
    if media == "document":
        document = message.document
        mime = (document.mime_type or "").lower()
        if mime == "application/pdf" or mime.startswith("image/"):
            return document.file_id, document.file_size, mime
    return None, None, None


def _album_file(message: Any, media: str) -> str | None:
    """The file of an album's item (a photo's largest size), for sending the album again as one."""
    if media not in ALBUM_MEDIA:
        return None
    item = getattr(message, media)
    return str((item[-1] if media == "photo" else item).file_id)


def _reply_target(message: Any) -> int | None:
    """The message a topic message replies to; None for the implicit reply to the topic's first message."""
    replied = getattr(message, "reply_to_message", None)
    if replied is None or replied.message_id == message.message_thread_id:
        return None
    return int(replied.message_id)


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
    event = "topic_closed" if getattr(message, "forum_topic_closed", None) is not None else None
    if text is None and media is None and event is None:
        return Skipped("service")
    entities = getattr(message, "entities", None) or ()
    album = getattr(message, "media_group_id", None)
    mentioned = tuple(
        (e.user.id, e.user.first_name or "")
        for e in entities
        if str(getattr(e.type, "value", e.type)) == "text_mention" and e.user is not None
    )
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
        sender_name=(sender_chat.title if sender_chat is not None and anonymous_admin else sender.first_name) or "",
        sender_username=None if anonymous_admin else sender.username,
        mentioned=mentioned,
        event=event,
        edited=edited,
        reply_to=_reply_target(message),
        album=album,
        album_file=_album_file(message, media) if album and media else None,
    )


def _from_adviser_button(update_id: int, query: Any) -> AdviserPress | Skipped:
    message = query.message
    thread_id = getattr(message, "message_thread_id", None)
    if not thread_id or query.from_user is None:
        return Skipped("adviser_general", callback_id=query.id)
    return AdviserPress(
        update_id,
        message.chat.id,
        thread_id,
        message.message_id,
        query.from_user.id,
        query.id,
        query.data or "",
        query.from_user.first_name or "",
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
