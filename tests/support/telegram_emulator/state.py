"""The emulated Telegram world: accounts, chats with members and messages, forum topics, files,
callback queries, commands and the update queue. ``to_api()`` methods render the objects exactly as
the Bot API serialises them (dates in unix seconds, optional fields left out when empty).
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .formatting import utf16_slice
from .updates import QueuedUpdate, UpdateQueue

T = TypeVar("T")

PRESENT_STATUSES = frozenset({"creator", "administrator", "member"})
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "left", "kicked"})
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
    "can_pin_messages",
    "can_manage_topics",
)
DEFAULT_ADMIN_RIGHTS = {name: name != "can_promote_members" for name in ADMIN_RIGHTS}
TOPIC_ICON_COLORS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)

# file_id prefixes as real file ids of each kind start
_FILE_ID_PREFIX = {
    "document": "BQACAgIAAxkBAAI",
    "photo": "AgACAgIAAxkBAAI",
    "voice": "AwACAgIAAxkBAAI",
    "audio": "CQACAgIAAxkBAAI",
    "video": "BAACAgIAAxkBAAI",
    "animation": "CgACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI",
}
_FILE_DIRS = {
    "document": "documents",
    "photo": "photos",
    "voice": "voice",
    "audio": "music",
    "video": "videos",
    "animation": "animations",
    "sticker": "stickers",
}


def unix_now() -> int:
    return int(time.time())


class EmulatorTimeout(AssertionError):
    """A waiting helper ran out of time; the message says what was expected and what was there."""


class Notifier:
    """Wakes the waiting helpers whenever something in the world changed."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()
        self.version = 0

    def notify(self) -> None:
        self.version += 1
        for fut in list(self._waiters):
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float) -> T:
        """Wait until ``predicate()`` returns something other than None; raise TimeoutError after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result is not None:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError
            fut: asyncio.Future[None] = loop.create_future()
            self._waiters.add(fut)
            try:
                await asyncio.wait({fut}, timeout=remaining)
            finally:
                self._waiters.discard(fut)
                if not fut.done():
                    fut.cancel()


# ------------------------------------------------------------------------------------------ accounts


@dataclass(eq=False)
class Account:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_premium: bool | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        if self.is_premium:
            data["is_premium"] = True
        return data

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(eq=False)
class UserAccount(Account):
    blocked_bot: bool = False
    deactivated: bool = False
    started: bool = True  # has the user ever opened the bot (sent /start)?


@dataclass(eq=False)
class BotAccount(Account):
    is_bot: bool = True
    can_join_groups: bool = True
    can_read_all_group_messages: bool = False
    supports_inline_queries: bool = False
    can_connect_to_business: bool = False
    has_main_web_app: bool = False

    def get_me(self) -> dict[str, Any]:
        data = self.to_api()
        data.update(
            can_join_groups=self.can_join_groups,
            can_read_all_group_messages=self.can_read_all_group_messages,
            supports_inline_queries=self.supports_inline_queries,
            can_connect_to_business=self.can_connect_to_business,
            has_main_web_app=self.has_main_web_app,
        )
        return data


# -------------------------------------------------------------------------------------------- chats


@dataclass(eq=False)
class Membership:
    account: Account
    status: str
    rights: dict[str, bool] = field(default_factory=dict)
    custom_title: str | None = None

    @property
    def present(self) -> bool:
        return self.status in PRESENT_STATUSES

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")

    def can(self, right: str) -> bool:
        if self.status == "creator":
            return True
        return self.status == "administrator" and bool(self.rights.get(right, False))

    def to_api(self, chat: Chat) -> dict[str, Any]:
        user = self.account.to_api()
        if self.status == "creator":
            data: dict[str, Any] = {"status": "creator", "user": user, "is_anonymous": False}
            if self.custom_title:
                data["custom_title"] = self.custom_title
            return data
        if self.status == "administrator":
            data = {"status": "administrator", "user": user, "can_be_edited": False, "is_anonymous": False}
            for right in ADMIN_RIGHTS:
                if right in ("can_pin_messages", "can_manage_topics") and chat.type != "supergroup":
                    continue
                data[right] = bool(self.rights.get(right, False))
            if self.custom_title:
                data["custom_title"] = self.custom_title
            return data
        if self.status == "kicked":
            return {"status": "kicked", "user": user, "until_date": 0}
        return {"status": self.status, "user": user}


@dataclass(eq=False)
class Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    description: str | None = None
    private_user: UserAccount | None = None
    members: dict[int, Membership] = field(default_factory=dict)
    messages: dict[int, Message] = field(default_factory=dict)
    topics: dict[int, ForumTopic] = field(default_factory=dict)
    next_message_id: int = 1
    chat_instance: str = ""
    pinned: list[int] = field(default_factory=list)  # pinned message ids, the newest last

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.type == "private" and self.private_user is not None:
            user = self.private_user
            data["type"] = "private"
            data["first_name"] = user.first_name
            if user.last_name:
                data["last_name"] = user.last_name
            if user.username:
                data["username"] = user.username
            return data
        data["type"] = self.type
        data["title"] = self.title or ""
        if self.username:
            data["username"] = self.username
        if self.is_forum:
            data["is_forum"] = True
        return data

    def full_info(self) -> dict[str, Any]:
        data = self.to_api()
        data.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        if self.type != "private":
            if self.description:
                data["description"] = self.description
            data["permissions"] = {
                "can_send_messages": True,
                "can_send_audios": True,
                "can_send_documents": True,
                "can_send_photos": True,
                "can_send_videos": True,
                "can_send_video_notes": True,
                "can_send_voice_notes": True,
                "can_send_polls": True,
                "can_send_other_messages": True,
                "can_add_web_page_previews": True,
                "can_change_info": False,
                "can_invite_users": True,
                "can_pin_messages": False,
                "can_manage_topics": False,
            }
        return data

    def membership(self, account_id: int) -> Membership | None:
        return self.members.get(account_id)

    def status_of(self, account_id: int) -> str:
        member = self.members.get(account_id)
        return member.status if member else "left"

    def live_messages(self) -> list[Message]:
        return [m for m in self.messages.values() if not m.deleted]


@dataclass(eq=False)
class ForumTopic:
    chat: Chat
    message_thread_id: int
    name: str
    icon_color: int
    creator: Account
    icon_custom_emoji_id: str | None = None
    closed: bool = False
    deleted: bool = False
    created_message: Message | None = None

    @property
    def id(self) -> int:
        return self.message_thread_id

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_thread_id": self.message_thread_id,
            "name": self.name,
            "icon_color": self.icon_color,
        }
        if self.icon_custom_emoji_id:
            data["icon_custom_emoji_id"] = self.icon_custom_emoji_id
        return data


@dataclass(eq=False)
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: int | None = None
    file_path: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.data)

    def to_api(self) -> dict[str, Any]:
        """The media object (Document, Voice, Sticker, ...) of this file."""
        data: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.kind in ("photo", "sticker", "video", "animation"):
            data["width"] = self.width or 0
            data["height"] = self.height or 0
        if self.kind == "sticker":
            data.update(type="regular", is_animated=False, is_video=False)
        if self.kind in ("voice", "audio", "video", "animation"):
            data["duration"] = self.duration or 0
        if self.file_name and self.kind in ("document", "audio", "video", "animation"):
            data["file_name"] = self.file_name
        if self.mime_type and self.kind not in ("photo", "sticker"):
            data["mime_type"] = self.mime_type
        data["file_size"] = self.file_size
        return data


@dataclass(eq=False)
class Message:
    chat: Chat
    message_id: int
    sender: Account
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, Any] = field(default_factory=dict)  # "document": {...}, "photo": [...], "location": {...}
    service: dict[str, Any] = field(default_factory=dict)  # "forum_topic_created": {...}, ...
    reply_markup: dict[str, Any] | None = None  # inline keyboards only, as Telegram echoes them
    reply_to: Message | None = None
    message_thread_id: int | None = None
    is_topic_message: bool = False
    forward_origin: dict[str, Any] | None = None
    edit_date: int | None = None
    deleted: bool = False
    link_preview_options: dict[str, Any] | None = None
    has_protected_content: bool = False
    # what the bot asked for, kept for assertions
    source_text: str | None = None
    parse_mode: str | None = None
    disable_notification: bool = False
    sent_reply_markup: dict[str, Any] | None = None
    file_ids: list[str] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    media_group_id: str | None = None  # the items of one album share it

    @property
    def from_bot(self) -> bool:
        return self.sender.is_bot

    @property
    def kind(self) -> str:
        if self.service:
            return "service"
        for key in ("photo", "document", "voice", "audio", "video", "animation", "sticker", "location", "contact"):
            if key in self.media:
                return key
        return "text"

    def to_api(self, *, with_reply: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"message_id": self.message_id}
        if self.message_thread_id is not None:
            data["message_thread_id"] = self.message_thread_id
        data["from"] = self.sender.to_api()
        data["chat"] = self.chat.to_api()
        data["date"] = self.date
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.forward_origin is not None:
            data["forward_origin"] = self.forward_origin
        if self.is_topic_message:
            data["is_topic_message"] = True
        if self.has_protected_content:
            data["has_protected_content"] = True
        if with_reply and self.reply_to is not None and not self.reply_to.deleted:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.link_preview_options:
            data["link_preview_options"] = self.link_preview_options
        data.update(self.media)
        if self.media_group_id is not None:
            data["media_group_id"] = self.media_group_id
        if self.caption is not None:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = self.caption_entities
        data.update(self.service)
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass(eq=False)
class CallbackQueryRecord:
    id: str
    user: UserAccount
    message: Message
    data: str
    chat_instance: str
    created_at: float
    update_id: int | None = None
    answered: bool = False
    answer: dict[str, Any] | None = None
    forged: bool = False

    def to_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "from": self.user.to_api(),
            "message": self.message.to_api(),
            "chat_instance": self.chat_instance,
            "data": self.data,
        }


@dataclass
class ChatActionRecord:
    chat_id: int
    action: str
    message_thread_id: int | None
    at: float


# -------------------------------------------------------------------------------------------- world


class EmulatorState:
    """Everything one emulated Telegram holds for one bot."""

    def __init__(self, bot: BotAccount, *, first_update_id: int = 600_000_001, strict_html_ampersand: bool = True):
        self.bot = bot
        self.accounts: dict[int, Account] = {bot.id: bot}
        self.users: dict[int, UserAccount] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.updates = UpdateQueue(first_update_id)
        self.notifier = Notifier()
        self.commands: dict[tuple[Any, ...], list[dict[str, str]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.chat_menu_buttons: dict[int, dict[str, Any]] = {}
        self.chat_actions: list[ChatActionRecord] = []
        self.reply_keyboards: dict[int, dict[str, Any]] = {}
        self.strict_html_ampersand = strict_html_ampersand
        self._secret = secrets.token_hex(8)
        self._user_ids = itertools.count(1_000_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._supergroup_ids = itertools.count(1_002_000_000_001)
        self._file_counter = itertools.count(0)
        self._path_counters: dict[str, itertools.count[int]] = {}

    # ---- accounts and chats

    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
        started: bool = True,
        user_id: int | None = None,
    ) -> UserAccount:
        uid = user_id if user_id is not None else next(self._user_ids)
        if uid in self.accounts:
            raise ValueError(f"account {uid} exists")
        user = UserAccount(
            id=uid,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_premium=is_premium,
            started=started,
        )
        self.accounts[uid] = user
        self.users[uid] = user
        chat = Chat(id=uid, type="private", private_user=user, chat_instance=self._chat_instance(uid))
        chat.members[uid] = Membership(user, "member")
        chat.members[self.bot.id] = Membership(self.bot, "member")
        self.chats[uid] = chat
        return user

    def add_group(
        self,
        title: str,
        *,
        supergroup: bool = False,
        forum: bool = False,
        username: str | None = None,
        description: str | None = None,
    ) -> Chat:
        if forum:
            supergroup = True
        chat_id = -next(self._supergroup_ids) if supergroup else -next(self._group_ids)
        chat = Chat(
            id=chat_id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            is_forum=forum,
            description=description,
            chat_instance=self._chat_instance(chat_id),
        )
        if forum:
            chat.next_message_id = 2  # 1 is the General topic's thread id
        self.chats[chat_id] = chat
        return chat

    def set_member(
        self, chat: Chat, account: Account, status: str, rights: dict[str, bool] | None = None
    ) -> Membership:
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown member status {status!r}")
        if status == "administrator":
            merged = dict(DEFAULT_ADMIN_RIGHTS)
            merged.update(rights or {})
            rights = merged
        member = Membership(account, status, dict(rights or {}))
        chat.members[account.id] = member
        self.notifier.notify()
        return member

    def find_chat(self, chat_ref: int | str) -> Chat | None:
        if isinstance(chat_ref, int):
            return self.chats.get(chat_ref)
        name = chat_ref.lstrip("@").lower()
        for chat in self.chats.values():
            if chat.username and chat.username.lower() == name and chat.type != "private":
                return chat
        return None

    def private_chat(self, user: UserAccount) -> Chat:
        return self.chats[user.id]

    def _chat_instance(self, chat_id: int) -> str:
        digest = hashlib.sha256(f"{self._secret}:{chat_id}".encode()).digest()
        return str(int.from_bytes(digest[:8], "big", signed=True))

    # ---- messages

    def new_message(self, chat: Chat, sender: Account, **fields: Any) -> Message:
        message = Message(chat=chat, message_id=chat.next_message_id, sender=sender, date=unix_now(), **fields)
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        self.notifier.notify()
        return message

    def bot_messages(self, chat: Chat) -> list[Message]:
        return [m for m in chat.messages.values() if m.sender is self.bot]

    # ---- files

    def store_file(
        self,
        kind: str,
        data: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        duration: int | None = None,
    ) -> StoredFile:
        serial = next(self._file_counter)
        token = secrets.token_urlsafe(36).replace("-", "A").replace("_", "B")
        stored = StoredFile(
            file_id=f"{_FILE_ID_PREFIX.get(kind, 'BQACAgIAAxkBAAI')}{serial:04d}{token}",
            file_unique_id=f"AgAD{secrets.token_urlsafe(9)}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            width=width,
            height=height,
            duration=duration,
        )
        self.files[stored.file_id] = stored
        return stored

    def assign_file_path(self, stored: StoredFile) -> str:
        if stored.file_path is None:
            directory = _FILE_DIRS.get(stored.kind, "documents")
            counter = self._path_counters.setdefault(directory, itertools.count(0))
            extension = ""
            if stored.file_name and "." in stored.file_name:
                extension = "." + stored.file_name.rsplit(".", 1)[1]
            elif stored.kind == "photo":
                extension = ".jpg"
            elif stored.kind == "voice":
                extension = ".oga"
            elif stored.kind == "sticker":
                extension = ".webp"
            stored.file_path = f"{directory}/file_{next(counter)}{extension}"
            self.files_by_path[stored.file_path] = stored
        return stored.file_path

    # ---- updates

    def emit(self, update_type: str, payload: dict[str, Any], chat: Chat | None = None) -> QueuedUpdate | None:
        update = self.updates.push(update_type, payload, chat.id if chat else None)
        self.notifier.notify()
        return update

    def bot_sees(self, message: Message) -> bool:
        """Would Telegram deliver this chat message to the bot (membership and privacy mode)?"""
        chat = message.chat
        if chat.type == "private":
            return True
        member = chat.membership(self.bot.id)
        if member is None or not member.present:
            return False
        if member.is_admin or self.bot.can_read_all_group_messages or message.service:
            return True
        username = (self.bot.username or "").lower()
        text = message.text if message.text is not None else message.caption or ""
        entities = message.entities if message.text is not None else message.caption_entities
        for entity in entities:
            value = utf16_slice(text, entity["offset"], entity["length"]).lower()
            if entity["type"] == "bot_command" and ("@" not in value or value.endswith("@" + username)):
                return True
            if entity["type"] == "mention" and value == "@" + username:
                return True
        return message.reply_to is not None and message.reply_to.sender is self.bot

    def deliver_message(self, message: Message, update_type: str = "message") -> QueuedUpdate | None:
        if not self.bot_sees(message):
            return None
        return self.emit(update_type, message.to_api(), message.chat)
