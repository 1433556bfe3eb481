"""The aiogram 3 adapter (the default): Bot API calls and update routing, translated to ``bot.telegram.api``.

One handler on the dispatcher's message and callback-query observers hands every update to the shared
processor; the webhook feeds the dispatcher. Polling is the shared ``bot.telegram.polling`` (which confirms an
update only once it is handled) over ``get_updates``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)

from bot.telegram.api import (
    AlbumItem,
    Keyboard,
    Rejected,
    RetryLater,
    Transient,
    Unreachable,
    UpdateCallback,
    scrub,
)
from bot.telegram.updates import WITH_CASES

T = TypeVar("T")
REQUEST_TIMEOUT_S = 30
_INPUT_MEDIA: dict[str, Any] = {
    "photo": InputMediaPhoto,
    "video": InputMediaVideo,
    "document": InputMediaDocument,
    "audio": InputMediaAudio,
}


class AiogramTransport:
    name = "aiogram"

    def __init__(self, token: str, api_url: str) -> None:
        self._token = token
        session = AiohttpSession(api=TelegramAPIServer.from_base(api_url), timeout=REQUEST_TIMEOUT_S)
        self.bot = Bot(token, session=session)
        self.dispatcher = Dispatcher()

    # ---- updates

    async def start(self, on_update: UpdateCallback) -> None:
        async def handler(event: Any, event_update: Update) -> None:
            on_update(event_update)

        for update_type in WITH_CASES:  # every type the bot may ask for
            self.dispatcher.observers[update_type].register(handler)
        await self._call(self.bot.me())

    async def feed(self, update: Mapping[str, Any]) -> None:
        parsed = Update.model_validate(dict(update), context={"bot": self.bot})
        await self.dispatcher.feed_update(self.bot, parsed)

    async def get_updates(self, offset: int | None, timeout_s: int, allowed_updates: Sequence[str]) -> list[Any]:
        updates = await self._call(
            self.bot.get_updates(
                offset=offset,
                timeout=timeout_s,
                allowed_updates=list(allowed_updates),
                request_timeout=timeout_s + REQUEST_TIMEOUT_S,
            )
        )
        return list(updates)

    async def close(self) -> None:
        await self.bot.session.close()

    # ---- Bot API

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
        markup = _markup(keyboard)
        sent = await self._call(
            self.bot.send_message(
                chat_id,
                text,
                parse_mode="HTML" if html else None,
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                message_thread_id=thread_id,
                reply_parameters=_reply(reply_to),
            )
        )
        return int(sent.message_id)

    async def edit_message(self, chat_id: int, message_id: int, text_html: str, keyboard: Keyboard) -> None:
        await self._call(
            self.bot.edit_message_text(
                text_html,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode="HTML",
                reply_markup=_markup(keyboard),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        await self._call(self.bot.pin_chat_message(chat_id, message_id, disable_notification=True))

    async def reopen_topic(self, chat_id: int, thread_id: int) -> None:
        await self._call(self.bot.reopen_forum_topic(chat_id, thread_id))

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
        copied = await self._call(
            self.bot.copy_message(
                chat_id,
                from_chat_id,
                message_id,
                message_thread_id=thread_id,
                caption=caption_html,
                parse_mode="HTML" if caption_html is not None else None,
                reply_parameters=_reply(reply_to),
            )
        )
        return int(copied.message_id)

    async def send_album(
        self,
        chat_id: int,
        items: Sequence[AlbumItem],
        *,
        thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> list[int]:
        media = [
            _INPUT_MEDIA[item.media](
                media=item.file_id,
                caption=item.caption_html,
                parse_mode="HTML" if item.caption_html is not None else None,
            )
            for item in items
        ]
        sent = await self._call(
            self.bot.send_media_group(chat_id, media, message_thread_id=thread_id, reply_parameters=_reply(reply_to))
        )
        return [int(message.message_id) for message in sent]

    async def create_topic(self, chat_id: int, name: str) -> int:
        topic = await self._call(self.bot.create_forum_topic(chat_id, name))
        return int(topic.message_thread_id)

    async def rename_topic(self, chat_id: int, thread_id: int, name: str) -> None:
        await self._call(self.bot.edit_forum_topic(chat_id, thread_id, name=name))

    async def member_status(self, chat_id: int, user_id: int) -> str:
        member = await self._call(self.bot.get_chat_member(chat_id, user_id))
        return str(getattr(member.status, "value", member.status))

    async def send_typing(self, chat_id: int) -> None:
        await self._call(self.bot.send_chat_action(chat_id, "typing"))

    async def answer_callback(self, callback_id: str) -> None:
        await self._call(self.bot.answer_callback_query(callback_id))

    async def download(self, file_id: str) -> bytes:
        file = await self._call(self.bot.get_file(file_id))
        if not file.file_path:
            raise Rejected("Bad Request: the file has no path to download")
        buffer = io.BytesIO()
        await self._call(self.bot.download_file(file.file_path, destination=buffer))
        return buffer.getvalue()

    async def set_commands(self, commands: Sequence[tuple[str, str]], language: str | None) -> None:
        await self._call(
            self.bot.set_my_commands(
                [BotCommand(command=c, description=d) for c, d in commands],
                scope=BotCommandScopeAllPrivateChats(),
                language_code=language,
            )
        )

    async def set_webhook(self, url: str, secret: str, allowed_updates: Sequence[str], max_connections: int) -> None:
        await self._call(
            self.bot.set_webhook(
                url, secret_token=secret, allowed_updates=list(allowed_updates), max_connections=max_connections
            )
        )

    async def delete_webhook(self) -> None:
        await self._call(self.bot.delete_webhook())

    async def _call(self, request: Awaitable[T]) -> T:
        with self._translated():
            return await request

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """aiogram's exceptions as ``bot.telegram.api`` failures (aiogram's own texts may quote a chat id)."""
        try:
            yield
        except TelegramRetryAfter as exc:
            raise RetryLater(f"Too Many Requests: retry after {exc.retry_after}", exc.retry_after) from None
        except TelegramForbiddenError as exc:
            raise Unreachable(exc.message) from None
        except (TelegramServerError, TelegramNetworkError) as exc:
            raise Transient(scrub(exc.message, self._token)) from None
        except ClientDecodeError as exc:
            raise Transient(f"unreadable answer: {exc.message}") from None
        except TelegramMigrateToChat:
            raise Rejected("Bad Request: group chat was upgraded to a supergroup chat") from None
        except TelegramAPIError as exc:  # bad request, not found, unauthorized, conflict
            raise Rejected(exc.message) from None


def _reply(message_id: int | None) -> ReplyParameters | None:
    """As a reply to ``message_id``, sent anyway if that message is gone."""
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True) if message_id else None


def _markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=b.label, callback_data=b.data) for b in row] for row in keyboard]
    )
