"""The python-telegram-bot 22 adapter (``TELEGRAM_FRAMEWORK=ptb``): Bot API calls and update routing,
translated to ``bot.telegram.api``.

One ``TypeHandler`` hands every update to the shared processor; the webhook feeds ``Application.process_update``.
Polling is the shared ``bot.telegram.polling`` (which confirms an update only once it is handled) over
``get_updates``; PTB's own ``Updater`` is not started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import warnings
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from telegram import (
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
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler

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

T = TypeVar("T")
_INPUT_MEDIA: dict[str, Any] = {
    "photo": InputMediaPhoto,
    "video": InputMediaVideo,
    "document": InputMediaDocument,
    "audio": InputMediaAudio,
}


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 warns that retry_after will become a timedelta
        warnings.simplefilter("ignore", DeprecationWarning)
        value: Any = exc.retry_after
    return float(value.total_seconds() if isinstance(value, dt.timedelta) else value)


class PtbTransport:
    name = "ptb"

    def __init__(self, token: str, api_url: str) -> None:
        # PTB's documented opt-in to reading time periods (retry_after) as timedelta, which ends the
        # deprecation warning PTB 22 gives for every 429.
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        self._token = token
        root = api_url.rstrip("/")
        builder = Application.builder().token(token).base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
        self.app = builder.updater(None).build()  # polling is ``bot.telegram.polling``

    # ---- updates

    async def start(self, on_update: UpdateCallback) -> None:
        async def handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            on_update(update)

        self.app.add_handler(TypeHandler(Update, handler))
        await self._call(self.app.initialize())  # getMe
        await self.app.start()

    async def feed(self, update: Mapping[str, Any]) -> None:
        await self.app.process_update(Update.de_json(dict(update), self.app.bot))

    async def get_updates(self, offset: int | None, timeout_s: int, allowed_updates: Sequence[str]) -> list[Any]:
        updates = await self._call(
            self.app.bot.get_updates(
                offset=offset,
                timeout=dt.timedelta(seconds=timeout_s),
                allowed_updates=list(allowed_updates),
                read_timeout=timeout_s + 10,
            )
        )
        return list(updates)

    async def close(self) -> None:
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        # When ``start`` failed (a wrong token: getMe refused), the application never counted as initialised and
        # its shutdown skips the bot, whose HTTP connections are open; a no-op after a normal shutdown.
        await self.app.bot.shutdown()

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
            self.app.bot.send_message(
                chat_id,
                text,
                parse_mode=ParseMode.HTML if html else None,
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                message_thread_id=thread_id,
                reply_parameters=_reply(reply_to),
            )
        )
        return int(sent.message_id)

    async def edit_message(self, chat_id: int, message_id: int, text_html: str, keyboard: Keyboard) -> None:
        await self._call(
            self.app.bot.edit_message_text(
                text_html,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=_markup(keyboard),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        await self._call(self.app.bot.pin_chat_message(chat_id, message_id, disable_notification=True))

    async def reopen_topic(self, chat_id: int, thread_id: int) -> None:
        await self._call(self.app.bot.reopen_forum_topic(chat_id, thread_id))

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
            self.app.bot.copy_message(
                chat_id,
                from_chat_id,
                message_id,
                message_thread_id=thread_id,
                caption=caption_html,
                parse_mode=ParseMode.HTML if caption_html is not None else None,
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
                parse_mode=ParseMode.HTML if item.caption_html is not None else None,
            )
            for item in items
        ]
        sent = await self._call(
            self.app.bot.send_media_group(
                chat_id, media, message_thread_id=thread_id, reply_parameters=_reply(reply_to)
            )
        )
        return [int(message.message_id) for message in sent]

    async def create_topic(self, chat_id: int, name: str) -> int:
        topic = await self._call(self.app.bot.create_forum_topic(chat_id, name))
        return int(topic.message_thread_id)

    async def rename_topic(self, chat_id: int, thread_id: int, name: str) -> None:
        await self._call(self.app.bot.edit_forum_topic(chat_id, thread_id, name=name))

    async def member_status(self, chat_id: int, user_id: int) -> str:
        member = await self._call(self.app.bot.get_chat_member(chat_id, user_id))
        return str(getattr(member.status, "value", member.status))

    async def send_typing(self, chat_id: int) -> None:
        await self._call(self.app.bot.send_chat_action(chat_id, ChatAction.TYPING))

    async def download(self, file_id: str) -> bytes:
        file = await self._call(self.app.bot.get_file(file_id))
        return bytes(await self._call(file.download_as_bytearray()))

    async def answer_callback(self, callback_id: str) -> None:
        await self._call(self.app.bot.answer_callback_query(callback_id))

    async def set_commands(self, commands: Sequence[tuple[str, str]], language: str | None) -> None:
        await self._call(
            self.app.bot.set_my_commands(
                [BotCommand(c, d) for c, d in commands], scope=BotCommandScopeAllPrivateChats(), language_code=language
            )
        )

    async def set_webhook(self, url: str, secret: str, allowed_updates: Sequence[str], max_connections: int) -> None:
        await self._call(
            self.app.bot.set_webhook(
                url, secret_token=secret, allowed_updates=list(allowed_updates), max_connections=max_connections
            )
        )

    async def delete_webhook(self) -> None:
        await self._call(self.app.bot.delete_webhook())

    async def _call(self, request: Awaitable[T]) -> T:
        with self._translated():
            return await request

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """PTB's exceptions as ``bot.telegram.api`` failures (BadRequest is a NetworkError in PTB: order matters)."""
        try:
            yield
        except RetryAfter as exc:
            seconds = _seconds(exc)
            raise RetryLater(f"Too Many Requests: retry after {seconds:g}", seconds) from None
        except Forbidden as exc:
            raise Unreachable(exc.message) from None
        except BadRequest as exc:
            raise Rejected(exc.message) from None
        except NetworkError as exc:  # 5xx, timeouts, connection errors, unreadable answers
            raise Transient(scrub(exc.message, self._token)) from None
        except ChatMigrated:
            raise Rejected("Bad Request: group chat was upgraded to a supergroup chat") from None
        except TelegramError as exc:  # invalid token, conflict
            raise Rejected(scrub(exc.message, self._token)) from None


def _reply(message_id: int | None) -> ReplyParameters | None:
    """As a reply to ``message_id``, sent anyway if that message is gone."""
    return ReplyParameters(message_id=message_id, allow_sending_without_reply=True) if message_id else None


def _markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in keyboard]
    )
