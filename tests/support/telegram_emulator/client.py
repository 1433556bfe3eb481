"""The user side, used in-process by async tests: scripted users who write to the bot, press its
buttons, post in groups and forum topics, block it; groups and forums; views of the bot's messages
and waiting helpers.

User actions happen at once; they may be awaited or not (``user.send_text("hi")`` and
``await user.send_text("hi")`` do the same). Waiting helpers are coroutines.
"""

from __future__ import annotations

import secrets
import struct
import time
import zlib
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from .formatting import detect_entities, merge_entities, utf16_len, validate_entities
from .methods.forum_topics import create_topic
from .state import (
    CallbackQueryRecord,
    Chat,
    EmulatorTimeout,
    ForumTopic,
    Message,
    UserAccount,
    unix_now,
)
from .updates import QueuedUpdate

if TYPE_CHECKING:
    from .emulator import TelegramEmulator


class EmulatorUsageError(RuntimeError):
    """The test asked a scripted user for something a real user could not do."""


class _AlreadyDone:
    """``await`` on an action that already happened gives the object itself."""

    def __await__(self) -> Generator[Any, None, Any]:
        return self._itself().__await__()

    async def _itself(self) -> Any:
        return self


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG image (grey), for photos sent by scripted users."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


TINY_WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\x01\x00\xff\x01\x00"
TINY_OGG = b"OggS\x00\x02" + b"\x00" * 20 + b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00"


# -------------------------------------------------------------------------------------------- views


class BotMessage:
    """A message the bot sent, as the user sees it (live: edits and deletion show up)."""

    def __init__(self, emu: TelegramEmulator, message: Message):
        self._emu = emu
        self.stored = message

    @property
    def message_id(self) -> int:
        return self.stored.message_id

    @property
    def chat_id(self) -> int:
        return self.stored.chat.id

    @property
    def text(self) -> str | None:
        """The text as displayed: after parse_mode, i.e. without tags or escapes."""
        return self.stored.text

    @property
    def caption(self) -> str | None:
        return self.stored.caption

    @property
    def content(self) -> str:
        """Text or caption, whichever the message has ("" for neither)."""
        return self.stored.text if self.stored.text is not None else self.stored.caption or ""

    @property
    def source_text(self) -> str | None:
        """The text or caption exactly as the bot sent it (with HTML / MarkdownV2 markup)."""
        return self.stored.source_text

    @property
    def parse_mode(self) -> str | None:
        return self.stored.parse_mode

    @property
    def entities(self) -> list[dict[str, Any]]:
        return self.stored.entities if self.stored.text is not None else self.stored.caption_entities

    @property
    def kind(self) -> str:
        return self.stored.kind

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        markup = self.stored.reply_markup or {}
        return [list(row) for row in markup.get("inline_keyboard", [])]

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Inline buttons as rows of (text, callback_data); callback_data is None for URL buttons etc."""
        return [[(b["text"], b.get("callback_data")) for b in row] for row in self.inline_keyboard]

    @property
    def button_texts(self) -> list[str]:
        return [text for row in self.buttons for text, _ in row]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        """Rows of button texts when the message came with a ReplyKeyboardMarkup."""
        markup = self.stored.sent_reply_markup or {}
        if "keyboard" not in markup:
            return None
        return [[b["text"] for b in row] for row in markup["keyboard"]]

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.stored.sent_reply_markup or {}).get("remove_keyboard"))

    @property
    def message_thread_id(self) -> int | None:
        return self.stored.message_thread_id

    @property
    def is_topic_message(self) -> bool:
        return self.stored.is_topic_message

    @property
    def reply_to_message_id(self) -> int | None:
        return self.stored.reply_to.message_id if self.stored.reply_to else None

    @property
    def media_group_id(self) -> str | None:
        """The album the message belongs to (``sendMediaGroup``), if any."""
        return self.stored.media_group_id

    @property
    def edited(self) -> bool:
        return self.stored.edit_date is not None

    @property
    def edit_history(self) -> list[dict[str, Any]]:
        return list(self.stored.edits)

    @property
    def deleted(self) -> bool:
        return self.stored.deleted

    @property
    def disable_notification(self) -> bool:
        return self.stored.disable_notification

    @property
    def service(self) -> dict[str, Any]:
        return dict(self.stored.service)

    @property
    def document(self) -> dict[str, Any] | None:
        return self.stored.media.get("document")

    @property
    def photo(self) -> list[dict[str, Any]] | None:
        return self.stored.media.get("photo")

    @property
    def raw(self) -> dict[str, Any]:
        """The Message object exactly as the Bot API returned it to the bot."""
        return self.stored.to_api()

    def file_bytes(self) -> bytes:
        """The bytes of the message's file (the largest size of a photo)."""
        if not self.stored.file_ids:
            raise EmulatorUsageError(f"message {self.message_id} carries no file")
        return self._emu.state.files[self.stored.file_ids[0]].data

    def button(self, text_or_data: str) -> dict[str, Any]:
        for row in self.inline_keyboard:
            for button in row:
                if text_or_data in (button["text"], button.get("callback_data")):
                    return button
        raise EmulatorUsageError(f"no button {text_or_data!r} on message {self.message_id}; has {self.button_texts}")

    async def wait_edited(self, timeout: float = 10.0, *, times: int = 1) -> BotMessage:
        """Wait until the bot has edited this message ``times`` times in total."""
        try:
            await self._emu.state.notifier.wait_for(lambda: self if len(self.stored.edits) >= times else None, timeout)
        except TimeoutError:
            raise EmulatorTimeout(f"message {self.message_id} was not edited within {timeout}s") from None
        return self

    async def wait_deleted(self, timeout: float = 10.0) -> BotMessage:
        try:
            await self._emu.state.notifier.wait_for(lambda: self if self.stored.deleted else None, timeout)
        except TimeoutError:
            raise EmulatorTimeout(f"message {self.message_id} was not deleted within {timeout}s") from None
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BotMessage) and other.stored is self.stored

    def __hash__(self) -> int:
        return id(self.stored)

    def __repr__(self) -> str:
        flags = "".join(f" {name}" for name in ("edited", "deleted") if getattr(self, name))
        return f"<BotMessage #{self.message_id} {self.kind} {self.content!r} buttons={self.button_texts}{flags}>"


class UserMessage(_AlreadyDone):
    """A message a scripted user sent."""

    def __init__(self, message: Message, update: QueuedUpdate | None):
        self.stored = message
        self.update = update

    @property
    def message_id(self) -> int:
        return self.stored.message_id

    @property
    def chat_id(self) -> int:
        return self.stored.chat.id

    @property
    def text(self) -> str | None:
        return self.stored.text

    @property
    def update_id(self) -> int | None:
        return self.update.update_id if self.update else None

    @property
    def delivered(self) -> bool:
        """Did Telegram hand it to the bot (membership / privacy mode / allowed_updates)?"""
        return self.update is not None

    def __repr__(self) -> str:
        return f"<UserMessage #{self.message_id} {self.stored.kind} {self.text!r} update={self.update_id}>"


class CallbackPress(_AlreadyDone):
    """A press on an inline button: the callback_query the bot received and its answer."""

    def __init__(self, emu: TelegramEmulator, record: CallbackQueryRecord):
        self._emu = emu
        self.record = record

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def data(self) -> str:
        return self.record.data

    @property
    def update_id(self) -> int | None:
        return self.record.update_id

    @property
    def message(self) -> BotMessage:
        return BotMessage(self._emu, self.record.message)

    @property
    def answered(self) -> bool:
        return self.record.answered

    @property
    def answer(self) -> dict[str, Any] | None:
        return self.record.answer

    async def wait_answered(self, timeout: float = 10.0) -> dict[str, Any]:
        """Wait for answerCallbackQuery; returns {"text", "show_alert", "url", "cache_time"}."""
        try:
            await self._emu.state.notifier.wait_for(lambda: True if self.record.answered else None, timeout)
        except TimeoutError:
            raise EmulatorTimeout(
                f"callback query {self.id} (data={self.data!r}) was not answered within {timeout}s"
                f"{self._emu.recent_errors_note()}"
            ) from None
        assert self.record.answer is not None
        return self.record.answer

    def __repr__(self) -> str:
        return f"<CallbackPress {self.data!r} answered={self.answered}>"


# -------------------------------------------------------------------------------------------- users


class _ChatReader:
    """Waiting for and reading the bot's messages in one chat, with a per-reader cursor."""

    def __init__(self, emu: TelegramEmulator):
        self._emu = emu
        self._cursors: dict[tuple[int, int | None, bool], int] = {}

    def _bot_messages(self, chat: Chat, topic: int | None, include_service: bool) -> list[Message]:
        return [
            m
            for m in chat.messages.values()
            if m.sender is self._emu.state.bot
            and (include_service or not m.service)
            and (topic is None or m.message_thread_id == topic)
        ]

    async def _wait(
        self, chat: Chat, count: int, timeout: float, topic: int | None, include_service: bool
    ) -> list[BotMessage]:
        key = (chat.id, topic, include_service)
        cursor = self._cursors.get(key, 0)

        def ready() -> list[Message] | None:
            fresh = self._bot_messages(chat, topic, include_service)[cursor:]
            return fresh[:count] if len(fresh) >= count else None

        try:
            found = await self._emu.state.notifier.wait_for(ready, timeout)
        except TimeoutError:
            fresh = self._bot_messages(chat, topic, include_service)[cursor:]
            where = f"chat {chat.id}" + (f" topic {topic}" if topic else "")
            raise EmulatorTimeout(
                f"expected {count} new bot message(s) in {where} within {timeout}s, got {len(fresh)}: "
                f"{[m.text if m.text is not None else m.kind for m in fresh]}{self._emu.recent_errors_note()}"
            ) from None
        self._cursors[key] = cursor + count
        return [BotMessage(self._emu, m) for m in found]

    def _inbox(self, chat: Chat, topic: int | None = None, include_deleted: bool = False) -> list[BotMessage]:
        return [
            BotMessage(self._emu, m)
            for m in self._bot_messages(chat, topic, include_service=False)
            if include_deleted or not m.deleted
        ]


def _topic_id(topic: Any) -> int | None:
    """A topic given as our ForumTopic, a framework's ForumTopic/Message (anything with
    message_thread_id) or the thread id itself."""
    if topic is None:
        return None
    thread_id = getattr(topic, "message_thread_id", topic)
    return int(thread_id)


class ScriptedUser(_ChatReader):
    """A Telegram user driven by the test."""

    def __init__(self, emu: TelegramEmulator, account: UserAccount):
        super().__init__(emu)
        self.account = account

    # ---- identity

    @property
    def id(self) -> int:
        return self.account.id

    @property
    def first_name(self) -> str:
        return self.account.first_name

    @property
    def username(self) -> str | None:
        return self.account.username

    @property
    def language_code(self) -> str | None:
        return self.account.language_code

    @property
    def chat(self) -> Chat:
        """The private chat with the bot."""
        return self._emu.state.private_chat(self.account)

    @property
    def chat_id(self) -> int:
        return self.account.id

    def to_api(self) -> dict[str, Any]:
        return self.account.to_api()

    def __repr__(self) -> str:
        return f"<ScriptedUser {self.id} {self.first_name!r} lang={self.language_code}>"

    # ---- resolving chats, topics, messages

    def _chat(self, chat: GroupChat | Chat | int | None) -> Chat:
        if chat is None:
            return self.chat
        if isinstance(chat, GroupChat):
            return chat.chat
        if isinstance(chat, Chat):
            return chat
        found = self._emu.state.chats.get(int(chat))
        if found is None:
            raise EmulatorUsageError(f"no chat {chat}")
        return found

    def _topic(self, chat: Chat, topic: Any) -> ForumTopic | None:
        thread_id = _topic_id(topic)
        if thread_id is None:
            return None
        found = chat.topics.get(thread_id)
        if found is None or found.deleted:
            raise EmulatorUsageError(f"no topic {thread_id} in chat {chat.id}")
        return found

    @staticmethod
    def _message(chat: Chat, ref: BotMessage | UserMessage | Message | int | None) -> Message | None:
        if ref is None:
            return None
        if isinstance(ref, BotMessage | UserMessage):
            return ref.stored
        if isinstance(ref, Message):
            return ref
        found = chat.messages.get(int(ref))
        if found is None:
            raise EmulatorUsageError(f"no message {ref} in chat {chat.id}")
        return found

    # ---- posting

    def _post(
        self,
        chat_ref: GroupChat | Chat | int | None,
        *,
        topic: ForumTopic | int | None = None,
        reply_to: BotMessage | UserMessage | Message | int | None = None,
        duplicate: bool = False,
        **fields: Any,
    ) -> UserMessage:
        state = self._emu.state
        chat = self._chat(chat_ref)
        if chat.type == "private":
            if chat.id != self.id:
                raise EmulatorUsageError("a user can only write to the bot in their own private chat")
            if self.account.blocked_bot:
                raise EmulatorUsageError("the user has blocked the bot; call unblock_bot() first")
        else:
            member = chat.membership(self.id)
            if member is None or not member.present:
                raise EmulatorUsageError(f"{self!r} is not a member of chat {chat.id}")
        forum_topic = self._topic(chat, topic)
        if forum_topic is not None and forum_topic.closed:
            member = chat.membership(self.id)
            if member is None or not member.can("can_manage_topics"):
                raise EmulatorUsageError(f"topic {forum_topic.id} is closed (TOPIC_CLOSED)")
        replied = self._message(chat, reply_to)
        if forum_topic is None and replied is not None and replied.is_topic_message and replied.message_thread_id:
            forum_topic = chat.topics.get(replied.message_thread_id)
        if replied is None and forum_topic is not None:
            replied = forum_topic.created_message
        message = state.new_message(
            chat,
            self.account,
            reply_to=replied,
            message_thread_id=forum_topic.message_thread_id if forum_topic else None,
            is_topic_message=forum_topic is not None,
            **fields,
        )
        if chat.type == "private" and (message.text or "").startswith("/start"):
            self.account.started = True
        update = state.deliver_message(message)
        if duplicate and update is not None:
            state.updates.redeliver(update.update_id)
        return UserMessage(message, update)

    def send_text(
        self,
        text: str,
        *,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        reply_to: BotMessage | UserMessage | Message | int | None = None,
        entities: list[dict[str, Any]] | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        """Send a text message; commands, mentions, URLs... get entities as Telegram adds them.
        ``duplicate=True`` delivers the same update (same update_id) a second time."""
        if not text:
            raise EmulatorUsageError("Telegram clients cannot send empty messages")
        if utf16_len(text) > 4096:
            raise EmulatorUsageError("Telegram clients split texts over 4096 characters")
        explicit = validate_entities(entities, text) if entities else []
        return self._post(
            chat,
            topic=topic,
            reply_to=reply_to,
            duplicate=duplicate,
            text=text,
            entities=merge_entities(explicit, text),
        )

    def send_sticker(
        self,
        emoji: str = "👍",
        *,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        stored = self._emu.state.store_file("sticker", TINY_WEBP, width=512, height=512)
        sticker = stored.to_api()
        sticker["emoji"] = emoji
        return self._post(chat, topic=topic, duplicate=duplicate, media={"sticker": sticker}, file_ids=[stored.file_id])

    def send_voice(
        self,
        data: bytes | None = None,
        *,
        duration: int = 1,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        stored = self._emu.state.store_file("voice", data or TINY_OGG, mime_type="audio/ogg", duration=duration)
        return self._post(
            chat, topic=topic, duplicate=duplicate, media={"voice": stored.to_api()}, file_ids=[stored.file_id]
        )

    def send_photo(
        self,
        data: bytes | None = None,
        *,
        caption: str | None = None,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        from .methods.files import image_size

        payload = data or tiny_png()
        size = image_size(payload)
        if size is None:
            raise EmulatorUsageError("send_photo needs PNG, JPEG, GIF or WebP bytes")
        stored = self._emu.state.store_file("photo", payload, width=size[0], height=size[1])
        return self._post(
            chat,
            topic=topic,
            duplicate=duplicate,
            media={"photo": [stored.to_api()]},
            file_ids=[stored.file_id],
            caption=caption,
            caption_entities=detect_entities(caption) if caption else [],
        )

    def send_album(
        self,
        count: int = 2,
        *,
        caption: str | None = None,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
    ) -> list[UserMessage]:
        """An album of ``count`` photos (2-10), sent as Telegram clients send one: one message per photo, all with
        the same ``media_group_id``, the caption on the first."""
        if not 2 <= count <= 10:
            raise EmulatorUsageError("an album holds 2 to 10 items")
        group = str(secrets.randbits(62))
        sent = []
        for index in range(count):
            stored = self._emu.state.store_file("photo", tiny_png(), width=2, height=2)
            sent.append(
                self._post(
                    chat,
                    topic=topic,
                    media={"photo": [stored.to_api()]},
                    file_ids=[stored.file_id],
                    caption=caption if index == 0 else None,
                    caption_entities=detect_entities(caption) if caption and index == 0 else [],
                    media_group_id=group,
                )
            )
        return sent

    def send_document(
        self,
        data: bytes,
        file_name: str = "file.bin",
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        from .methods.files import guess_mime

        stored = self._emu.state.store_file(
            "document", data, file_name=file_name, mime_type=mime_type or guess_mime(file_name, None)
        )
        return self._post(
            chat,
            topic=topic,
            duplicate=duplicate,
            media={"document": stored.to_api()},
            file_ids=[stored.file_id],
            caption=caption,
            caption_entities=detect_entities(caption) if caption else [],
        )

    def send_location(
        self,
        latitude: float,
        longitude: float,
        *,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        location = {"latitude": float(latitude), "longitude": float(longitude)}
        return self._post(chat, topic=topic, duplicate=duplicate, media={"location": location})

    def send_contact(
        self,
        phone_number: str,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        user_id: int | None = None,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        duplicate: bool = False,
    ) -> UserMessage:
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name or self.first_name}
        if last_name:
            contact["last_name"] = last_name
        if user_id is not None:
            contact["user_id"] = user_id
        elif first_name is None:
            contact["user_id"] = self.id  # sharing one's own contact
        return self._post(chat, topic=topic, duplicate=duplicate, media={"contact": contact})

    def edit_text(self, message: UserMessage | Message | int, new_text: str) -> UserMessage:
        """Edit one's own text message: the bot gets an edited_message update."""
        stored = message.stored if isinstance(message, UserMessage) else message
        if isinstance(stored, int):
            found = self.chat.messages.get(stored)
            if found is None:
                raise EmulatorUsageError(f"no message {stored} in the private chat")
            stored = found
        if stored.sender is not self.account or stored.text is None:
            raise EmulatorUsageError("a user can only edit their own text messages")
        if not new_text:
            raise EmulatorUsageError("Telegram clients cannot set an empty text")
        stored.edits.append(stored.to_api(with_reply=False))
        stored.text = new_text
        stored.entities = merge_entities([], new_text)
        stored.edit_date = unix_now()
        self._emu.state.notifier.notify()
        return UserMessage(stored, self._emu.state.deliver_message(stored, "edited_message"))

    # ---- buttons

    def _callback(self, message: Message, data: str, *, forged: bool) -> CallbackPress:
        state = self._emu.state
        record = CallbackQueryRecord(
            id=str(secrets.randbits(63)),
            user=self.account,
            message=message,
            data=data,
            chat_instance=message.chat.chat_instance,
            created_at=time.monotonic(),
            forged=forged,
        )
        state.callback_queries[record.id] = record
        update = state.emit("callback_query", record.to_api(), message.chat)
        record.update_id = update.update_id if update else None
        return CallbackPress(self._emu, record)

    def press(
        self,
        button: str,
        *,
        message: BotMessage | Message | int | None = None,
        chat: GroupChat | Chat | int | None = None,
    ) -> CallbackPress | UserMessage:
        """Press a button by its text or callback_data: an inline button on ``message`` (default: the
        newest bot message that has it) sends a callback_query; a reply-keyboard button sends its text."""
        target_chat = self._chat(chat)
        if message is not None:
            stored = self._message(target_chat, message)
            assert stored is not None
            candidates = [stored]
        else:
            candidates = [m for m in reversed(target_chat.live_messages()) if m.sender is self._emu.state.bot]
        for candidate in candidates:
            for row in (candidate.reply_markup or {}).get("inline_keyboard", []):
                for item in row:
                    if button in (item["text"], item.get("callback_data")):
                        if "callback_data" not in item:
                            raise EmulatorUsageError(f"button {item['text']!r} has no callback_data: {item}")
                        return self._callback(candidate, item["callback_data"], forged=False)
        keyboard = self._emu.state.reply_keyboards.get(target_chat.id)
        if message is None and keyboard is not None:
            texts = [b["text"] for row in keyboard["keyboard"] for b in row]
            if button in texts:
                if keyboard.get("one_time_keyboard"):
                    self._emu.state.reply_keyboards.pop(target_chat.id, None)
                return self.send_text(button, chat=chat)
        available = [
            item["text"]
            for m in candidates
            for row in (m.reply_markup or {}).get("inline_keyboard", [])
            for item in row
        ]
        raise EmulatorUsageError(f"no button {button!r} found; inline buttons: {available}")

    def press_forged(
        self,
        data: str,
        *,
        message: BotMessage | Message | int | None = None,
        chat: GroupChat | Chat | int | None = None,
    ) -> CallbackPress:
        """A callback_query with arbitrary data, as a modified client could send (for validation tests)."""
        target_chat = self._chat(chat)
        stored = self._message(target_chat, message)
        if stored is None:
            bot_messages = [m for m in target_chat.live_messages() if m.sender is self._emu.state.bot]
            if not bot_messages:
                raise EmulatorUsageError("no bot message to attach a forged callback to")
            stored = bot_messages[-1]
        return self._callback(stored, data, forged=True)

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        keyboard = self._emu.state.reply_keyboards.get(self.chat_id)
        return [[b["text"] for b in row] for row in keyboard["keyboard"]] if keyboard else None

    # ---- blocking

    def _my_chat_member(self, old_status: str, new_status: str) -> None:
        bot = self._emu.state.bot.to_api()
        new: dict[str, Any] = {"status": new_status, "user": bot}
        if new_status == "kicked":
            new["until_date"] = 0
        old: dict[str, Any] = {"status": old_status, "user": bot}
        if old_status == "kicked":
            old["until_date"] = 0
        self._emu.state.emit(
            "my_chat_member",
            {
                "chat": self.chat.to_api(),
                "from": self.to_api(),
                "date": unix_now(),
                "old_chat_member": old,
                "new_chat_member": new,
            },
            self.chat,
        )

    def block_bot(self) -> None:
        """Block the bot: its sends answer 403 "Forbidden: bot was blocked by the user"."""
        if not self.account.blocked_bot:
            self.account.blocked_bot = True
            self._my_chat_member("member", "kicked")

    def unblock_bot(self) -> None:
        if self.account.blocked_bot:
            self.account.blocked_bot = False
            self._my_chat_member("kicked", "member")

    def deactivate(self) -> None:
        """Delete the account: the bot's sends answer 403 "Forbidden: user is deactivated"."""
        self.account.deactivated = True

    # ---- reading

    async def wait_for_messages(
        self,
        count: int = 1,
        timeout: float = 10.0,
        *,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
        include_service: bool = False,
    ) -> list[BotMessage]:
        """The next ``count`` messages the bot sent to this chat (since the last wait) — each
        message is returned once; raises EmulatorTimeout (an AssertionError) when they don't come."""
        return await self._wait(self._chat(chat), count, timeout, _topic_id(topic), include_service)

    async def wait_for_message(
        self,
        timeout: float = 10.0,
        *,
        chat: GroupChat | Chat | int | None = None,
        topic: ForumTopic | int | None = None,
    ) -> BotMessage:
        return (await self.wait_for_messages(1, timeout, chat=chat, topic=topic))[0]

    async def expect_no_messages(self, within: float = 0.5, *, chat: GroupChat | Chat | int | None = None) -> None:
        """Assert the bot sends nothing new to this chat for ``within`` seconds."""
        target = self._chat(chat)
        key = (target.id, None, False)
        cursor = self._cursors.get(key, 0)
        try:
            extra = await self._wait(target, 1, within, None, False)
        except EmulatorTimeout:
            return
        self._cursors[key] = cursor
        raise AssertionError(f"expected no bot message in chat {target.id}, got {extra}")

    @property
    def inbox(self) -> list[BotMessage]:
        """Every (not deleted) message the bot sent to this user's private chat, oldest first."""
        return self._inbox(self.chat)

    def inbox_in(
        self,
        chat: GroupChat | Chat | int | None = None,
        *,
        topic: ForumTopic | int | None = None,
        include_deleted: bool = False,
    ) -> list[BotMessage]:
        return self._inbox(self._chat(chat), _topic_id(topic), include_deleted)

    @property
    def last_message(self) -> BotMessage | None:
        inbox = self.inbox
        return inbox[-1] if inbox else None

    def visible_commands(self, chat: GroupChat | Chat | int | None = None) -> list[dict[str, str]]:
        """The command menu this user sees in a chat (scope and language resolution as Telegram)."""
        from .methods.commands import commands_seen_by

        return commands_seen_by(self._emu.state, self._chat(chat), self.id, self.language_code)


# ------------------------------------------------------------------------------------------- groups


class GroupChat(_ChatReader):
    """A group, supergroup or forum supergroup and its members."""

    def __init__(self, emu: TelegramEmulator, chat: Chat):
        super().__init__(emu)
        self.chat = chat

    @property
    def id(self) -> int:
        return self.chat.id

    @property
    def title(self) -> str | None:
        return self.chat.title

    @property
    def type(self) -> str:
        return self.chat.type

    @property
    def is_forum(self) -> bool:
        return self.chat.is_forum

    def __repr__(self) -> str:
        return f"<GroupChat {self.id} {self.type} {self.title!r}{' forum' if self.is_forum else ''}>"

    def add_member(
        self,
        user: ScriptedUser,
        status: str = "member",
        *,
        rights: dict[str, bool] | None = None,
        announce: bool = False,
    ) -> None:
        """Add (or change) a member; ``announce`` posts the new_chat_members service message. An administrator
        bot gets a chat_member update (if its allowed_updates ask for them, as Telegram does)."""
        old = self._member_api(user)
        member = self._emu.state.set_member(self.chat, user.account, status, rights)
        self._chat_member(user, old, member.to_api(self.chat))
        if announce:
            message = self._emu.state.new_message(
                self.chat, user.account, service={"new_chat_members": [user.to_api()]}
            )
            self._emu.state.deliver_message(message)

    def remove_member(self, user: ScriptedUser, *, announce: bool = False, kick: bool = False) -> None:
        """The member leaves (or, with ``kick``, is banned); an administrator bot gets a chat_member update."""
        old = self._member_api(user)
        member = self._emu.state.set_member(self.chat, user.account, "kicked" if kick else "left")
        self._chat_member(user, old, member.to_api(self.chat))
        if announce:
            message = self._emu.state.new_message(self.chat, user.account, service={"left_chat_member": user.to_api()})
            self._emu.state.deliver_message(message)

    def _member_api(self, user: ScriptedUser) -> dict[str, Any]:
        old = self.chat.membership(user.id)
        return old.to_api(self.chat) if old else {"status": "left", "user": user.to_api()}

    def _chat_member(self, user: ScriptedUser, old: dict[str, Any], new: dict[str, Any]) -> None:
        bot = self.chat.membership(self._emu.state.bot.id)
        if bot is None or not bot.is_admin or self.chat.type == "private":
            return  # Telegram sends chat_member updates only to administrator bots
        self._emu.state.emit(
            "chat_member",
            {
                "chat": self.chat.to_api(),
                "from": user.to_api(),
                "date": unix_now(),
                "old_chat_member": old,
                "new_chat_member": new,
            },
            self.chat,
        )

    def status_of(self, user: ScriptedUser) -> str:
        return self.chat.status_of(user.id)

    def set_bot_status(
        self, status: str, *, rights: dict[str, bool] | None = None, by: ScriptedUser | None = None
    ) -> None:
        """Promote, demote, remove or kick the bot; the bot gets a my_chat_member update."""
        state = self._emu.state
        old = self.chat.membership(state.bot.id)
        old_api = old.to_api(self.chat) if old else {"status": "left", "user": state.bot.to_api()}
        member = state.set_member(self.chat, state.bot, status, rights)
        admin = (
            by.account
            if by
            else next((m.account for m in self.chat.members.values() if m.status == "creator"), state.bot)
        )
        state.emit(
            "my_chat_member",
            {
                "chat": self.chat.to_api(),
                "from": admin.to_api(),
                "date": unix_now(),
                "old_chat_member": old_api,
                "new_chat_member": member.to_api(self.chat),
            },
            self.chat,
        )

    def create_topic(self, name: str, *, by: ScriptedUser, icon_color: int | None = None) -> ForumTopic:
        """A member creates a forum topic; the bot gets the forum_topic_created service message."""
        if not self.chat.is_forum:
            raise EmulatorUsageError(f"chat {self.id} is not a forum")
        member = self.chat.membership(by.id)
        if member is None or not member.present:
            raise EmulatorUsageError(f"{by!r} is not a member of chat {self.id}")
        topic = create_topic(self._emu.state, self.chat, by.account, name, icon_color)
        assert topic.created_message is not None
        self._emu.state.deliver_message(topic.created_message)
        return topic

    def close_topic(self, topic: ForumTopic | int, *, by: ScriptedUser) -> None:
        """A member closes a forum topic in the app; the bot gets the forum_topic_closed service message."""
        found = self.topic(_topic_id(topic) or 0)
        found.closed = True
        message = self._emu.state.new_message(
            self.chat,
            by.account,
            service={"forum_topic_closed": {}},
            message_thread_id=found.message_thread_id,
            is_topic_message=True,
            reply_to=found.created_message,
        )
        self._emu.state.deliver_message(message)

    @property
    def topics(self) -> list[ForumTopic]:
        return [t for t in self.chat.topics.values() if not t.deleted]

    def topic(self, name_or_id: str | int) -> ForumTopic:
        for topic in self.chat.topics.values():
            if name_or_id in (topic.name, topic.message_thread_id):
                return topic
        raise EmulatorUsageError(f"no topic {name_or_id!r} in chat {self.id}")

    async def wait_for_messages(
        self,
        count: int = 1,
        timeout: float = 10.0,
        *,
        topic: ForumTopic | int | None = None,
        include_service: bool = False,
    ) -> list[BotMessage]:
        return await self._wait(self.chat, count, timeout, _topic_id(topic), include_service)

    def inbox(self, topic: ForumTopic | int | None = None, *, include_deleted: bool = False) -> list[BotMessage]:
        return self._inbox(self.chat, _topic_id(topic), include_deleted)

    def messages(self) -> list[Message]:
        """Every message of the chat (users', the bot's, service ones), oldest first."""
        return list(self.chat.messages.values())
