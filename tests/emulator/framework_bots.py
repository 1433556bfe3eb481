"""Two minimal echo bots, one per framework, wired to the emulator exactly as a production bot would be
wired to a local Bot API server: aiogram through ``TelegramAPIServer.from_base(api_root)``,
python-telegram-bot through ``base_url(api_root + "/bot")`` / ``base_file_url(api_root + "/file/bot")``.

Both understand: /start (welcome with an inline button), /html (broken HTML, reports the error),
/long (5000 characters, reports the error), /bold (valid HTML), any text (echo with a button, retrying
on 429), a button press (answers "pong" and edits the message), a document (downloads it and sends
it back), and in the PTB bot a photo (sent back by file_id).
"""

from __future__ import annotations

import asyncio
import hashlib
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from tests.support.telegram_emulator import TelegramEmulator

T = TypeVar("T")
WELCOME = "Welcome! Send me anything."
BROKEN_HTML = "<b>unclosed bold"
LONG_TEXT = "x" * 5000


# ------------------------------------------------------------------------------------------ aiogram


def build_aiogram_bot(emu: TelegramEmulator) -> tuple[Any, Any]:
    from aiogram import Bot, Dispatcher, F
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
    from aiogram.filters import Command, CommandStart
    from aiogram.types import (
        BufferedInputFile,
        CallbackQuery,
        InlineKeyboardButton,
        InlineKeyboardMarkup,
        Message,
    )

    session = AiohttpSession(api=TelegramAPIServer.from_base(emu.api_root))
    bot = Bot(emu.token, session=session)
    dp = Dispatcher()

    def keyboard() -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Again", callback_data="again")]])

    async def with_retry(call: Callable[[], Awaitable[T]]) -> T:
        for _ in range(3):
            try:
                return await call()
            except TelegramRetryAfter as exc:
                await asyncio.sleep(exc.retry_after)
        return await call()

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(WELCOME, reply_markup=keyboard())

    @dp.message(Command("html"))
    async def broken_html(message: Message) -> None:
        try:
            await message.answer(BROKEN_HTML, parse_mode="HTML")
        except TelegramBadRequest as exc:
            await message.answer(f"error: {exc.message}")

    @dp.message(Command("long"))
    async def too_long(message: Message) -> None:
        try:
            await message.answer(LONG_TEXT)
        except TelegramBadRequest as exc:
            await message.answer(f"error: {exc.message}")

    @dp.message(Command("bold"))
    async def bold(message: Message) -> None:
        await message.answer("<b>bold</b> &amp; plain", parse_mode="HTML")

    @dp.message(F.document)
    async def document(message: Message) -> None:
        assert message.document is not None
        file = await bot.get_file(message.document.file_id)
        assert file.file_path is not None
        downloaded = await bot.download_file(file.file_path)
        assert downloaded is not None
        data = downloaded.read()
        await message.answer_document(
            BufferedInputFile(data, filename=f"echo-{message.document.file_name}"),
            caption=f"sha256:{hashlib.sha256(data).hexdigest()}",
        )

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await with_retry(lambda: message.answer(message.text or "", reply_markup=keyboard()))

    @dp.callback_query(F.data == "again")
    async def again(query: CallbackQuery) -> None:
        await query.answer("pong")
        if isinstance(query.message, Message):
            await query.message.edit_text(f"{query.message.text} (pressed)")

    return bot, dp


@asynccontextmanager
async def aiogram_polling(emu: TelegramEmulator) -> AsyncIterator[Any]:
    """Run the aiogram bot in long-polling mode for the duration of the block; yields the Bot."""
    bot, dp = build_aiogram_bot(emu)
    since = len(emu.calls)
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        await emu.wait_for_call("getUpdates", finished=False, since=since, timeout=10)
        yield bot
    finally:
        if not task.done():
            await dp.stop_polling()
        await task


# ------------------------------------------------------------------------------- python-telegram-bot


def build_ptb_application(emu: TelegramEmulator, *, with_updater: bool = True) -> Any:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
    from telegram.error import BadRequest, RetryAfter
    from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

    builder = (
        Application.builder().token(emu.token).base_url(emu.api_root + "/bot").base_file_url(emu.api_root + "/file/bot")
    )
    if not with_updater:
        builder = builder.updater(None)
    app = builder.build()

    def keyboard() -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])

    async def with_retry(call: Callable[[], Awaitable[T]]) -> T:
        for _ in range(3):
            try:
                return await call()
            except RetryAfter as exc:
                with warnings.catch_warnings():  # PTB 22 warns that retry_after becomes a timedelta
                    warnings.simplefilter("ignore")
                    delay = exc.retry_after
                await asyncio.sleep(delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay))
        return await call()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(WELCOME, reply_markup=keyboard())

    async def broken_html(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        try:
            await update.message.reply_text(BROKEN_HTML, parse_mode="HTML")
        except BadRequest as exc:
            await update.message.reply_text(f"error: {exc.message}")

    async def too_long(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        try:
            await update.message.reply_text(LONG_TEXT)
        except BadRequest as exc:
            await update.message.reply_text(f"error: {exc.message}")

    async def bold(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("<b>bold</b> &amp; plain", parse_mode="HTML")

    async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        assert message is not None and message.document is not None
        file = await context.bot.get_file(message.document.file_id)
        data = bytes(await file.download_as_bytearray())
        await message.reply_document(
            document=data,
            filename=f"echo-{message.document.file_name}",
            caption=f"sha256:{hashlib.sha256(data).hexdigest()}",
        )

    async def photo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        assert message is not None and message.photo
        await message.reply_photo(photo=message.photo[-1].file_id, caption="same photo")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.message
        assert message is not None and message.text is not None
        await with_retry(lambda: message.reply_text(message.text or "", reply_markup=keyboard()))

    async def again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("pong")
        if query.message is not None and hasattr(query.message, "text"):
            await query.edit_message_text(f"{query.message.text} (pressed)")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("html", broken_html))
    app.add_handler(CommandHandler("long", too_long))
    app.add_handler(CommandHandler("bold", bold))
    app.add_handler(MessageHandler(filters.Document.ALL, document))
    app.add_handler(MessageHandler(filters.PHOTO, photo))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(again, pattern="^again$"))
    return app


@asynccontextmanager
async def ptb_polling(emu: TelegramEmulator) -> AsyncIterator[Any]:
    """Run the PTB application in long-polling mode for the duration of the block; yields the Application."""
    app = build_ptb_application(emu)
    since = len(emu.calls)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(timeout=5, poll_interval=0.0)
    try:
        await emu.wait_for_call("getUpdates", finished=False, since=since, timeout=10)
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
