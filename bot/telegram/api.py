"""The contract between the shared Telegram code and a framework adapter.

An adapter (aiogram or python-telegram-bot) makes the few Bot API calls the bot needs and translates its
framework's exceptions into the four failures below, so that retrying, giving up and falling back are decided
once, here and in ``processor``, whatever the framework.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from bot.core.turn import Button
from bot.telegram import metrics

log = logging.getLogger(__name__)

T = TypeVar("T")
Keyboard = tuple[tuple[Button, ...], ...]
UpdateCallback = Callable[[Any], None]


class TelegramFailure(Exception):
    """A Bot API call failed; ``description`` is Telegram's text (it never contains message text)."""

    reason = "failed"

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class RetryLater(TelegramFailure):
    """429 Too Many Requests: try again after ``seconds``."""

    reason = "retry_after"

    def __init__(self, description: str, seconds: float) -> None:
        super().__init__(description)
        self.seconds = seconds


class Transient(TelegramFailure):
    """5xx, a timeout, a connection error or an unreadable answer: worth trying again shortly."""

    reason = "transient"


class Unreachable(TelegramFailure):
    """403: the person blocked the bot or deleted the account. Nothing more can be sent to them."""

    reason = "unreachable"


class Rejected(TelegramFailure):
    """4xx other than 403 and 429: Telegram refuses this request as it is (bad markup, too long, ...)."""

    reason = "rejected"

    @property
    def bad_markup(self) -> bool:
        return "can't parse entities" in self.description.lower()

    @property
    def thread_gone(self) -> bool:
        """The forum topic no longer exists (an adviser deleted it)."""
        text = self.description.lower()
        return "message thread not found" in text or "topic_id_invalid" in text or "topic_deleted" in text

    @property
    def topic_closed(self) -> bool:
        """The forum topic is closed (an adviser closed it in Telegram) and the bot may not post there."""
        return "topic_closed" in self.description.lower()

    @property
    def not_modified(self) -> bool:
        """An edit that would change nothing."""
        return "message is not modified" in self.description.lower()


@dataclass(frozen=True)
class AlbumItem:
    """One item of an album to send (``Transport.send_album``)."""

    media: str  # photo, video, document or audio
    file_id: str  # a file Telegram already has
    caption_html: str | None = None


class Transport(Protocol):
    """What an adapter offers. Every method raises only ``TelegramFailure`` subclasses for Bot API errors."""

    name: str

    async def start(self, on_update: UpdateCallback) -> None:
        """Connect (``getMe``) and route every update the framework receives to ``on_update``."""

    async def feed(self, update: Mapping[str, Any]) -> None:
        """Dispatch one update received by the webhook (Bot API JSON) through the framework."""

    async def get_updates(self, offset: int | None, timeout_s: int, allowed_updates: Sequence[str]) -> list[Any]:
        """``getUpdates``: the framework's ``Update`` objects; confirms every update below ``offset``."""

    async def close(self) -> None: ...

    async def send_message(
        self,
        chat_id: int,
        text: str,
        keyboard: Keyboard,
        *,
        html: bool,
        thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> int:
        """A message; ``thread_id``: inside that forum topic; ``reply_to``: as a reply to that message (sent
        anyway if it is gone). Returns the new message's id."""

    async def edit_message(self, chat_id: int, message_id: int, text_html: str, keyboard: Keyboard) -> None:
        """``editMessageText``: a bot message's new text (HTML) and inline buttons."""

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        """``pinChatMessage``, without a notification."""

    async def reopen_topic(self, chat_id: int, thread_id: int) -> None:
        """``reopenForumTopic``: a closed forum topic open again."""

    async def copy_message(
        self,
        chat_id: int,
        from_chat_id: int,
        message_id: int,
        *,
        thread_id: int | None = None,
        caption_html: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        """``copyMessage``: the message's content without any link to who sent it (unlike a forward).
        ``caption_html`` replaces the caption of a photo, document...; ``None`` keeps it; ``reply_to``: as a reply
        to that message (sent anyway if it is gone). Returns the copy's id."""

    async def send_album(
        self,
        chat_id: int,
        items: Sequence[AlbumItem],
        *,
        thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> list[int]:
        """``sendMediaGroup``: 2-10 photos and videos, or documents, or audio files, as one album (``thread_id``:
        in that forum topic; ``reply_to`` as for ``send_message``). Returns the new messages' ids, in order."""

    async def create_topic(self, chat_id: int, name: str) -> int:
        """``createForumTopic``; the new topic's ``message_thread_id``."""

    async def rename_topic(self, chat_id: int, thread_id: int, name: str) -> None:
        """``editForumTopic``: a new name for the topic (1-128 characters)."""

    async def member_status(self, chat_id: int, user_id: int) -> str:
        """``getChatMember``: creator, administrator, member, restricted, left or kicked."""

    async def send_typing(self, chat_id: int) -> None: ...

    async def download(self, file_id: str) -> bytes:
        """``getFile`` and the file's bytes, in memory (Telegram lets bots download files of up to 20 MB)."""

    async def answer_callback(self, callback_id: str) -> None: ...

    async def set_commands(self, commands: Sequence[tuple[str, str]], language: str | None) -> None:
        """The command menu of private chats, for one language (``None``: everyone else)."""

    async def set_webhook(
        self, url: str, secret: str, allowed_updates: Sequence[str], max_connections: int
    ) -> None: ...

    async def delete_webhook(self) -> None: ...


async def retrying(
    call: Callable[[], Awaitable[T]],
    method: str,
    *,
    attempts: int = 5,
    base_delay_s: float = 0.5,
    max_delay_s: float = 8.0,
    max_retry_after_s: float = 300.0,
) -> T:
    """``call()``, tried again after a 429 (waiting as long as Telegram asks) or a transient failure
    (exponential back-off with jitter), at most ``attempts`` times. Other failures are raised at once."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryLater as exc:
            if attempt == attempts or exc.seconds > max_retry_after_s:
                raise
            delay = exc.seconds
        except Transient:
            if attempt == attempts:
                raise
            delay = min(max_delay_s, base_delay_s * 2 ** (attempt - 1)) * (1 + random.random() / 4)
        metrics.RETRIES.labels(method).inc()
        log.info("%s failed (attempt %d of %d); trying again in %.1f s", method, attempt, attempts, delay)
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def scrub(description: str, token: str) -> str:
    """An HTTP client's error text without the bot token (some of them quote the URL, which holds it)."""
    return description.replace(token, "<token>") if token else description
