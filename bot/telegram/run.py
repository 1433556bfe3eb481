"""``sanad run`` with ``TELEGRAM_BOT_TOKEN`` set: the bot on Telegram, by long polling or by webhook.

Start: the runtime (content, Redis, NLU, engine), the framework adapter (``getMe``), the command menu, the web
server (``/healthz``, ``/metrics`` and, in webhook mode, the webhook), then ``setWebhook`` or ``deleteWebhook``
and polling; with an advisers' group also the reminder, the board and the sweep of albums held in cases. Stop
(SIGTERM, SIGINT): no new updates, the ones in flight finished, the albums held relayed, then everything closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import re
import signal
from collections.abc import Mapping
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from bot.engine.engine import Engine
from bot.nlu.client import NluClient
from bot.runtime import bot_runtime
from bot.settings import Settings
from bot.store.store import Store
from bot.telegram.adviser_desk import TelegramDesk, telegram_desk
from bot.telegram.adviser_room import AdviserRoom
from bot.telegram.api import TelegramFailure, Transient, Transport, retrying
from bot.telegram.commands import register_commands
from bot.telegram.polling import Poller
from bot.telegram.processor import UpdateProcessor
from bot.telegram.updates import allowed_updates
from bot.telegram.webhook import WebServer

log = logging.getLogger(__name__)

WEBHOOK_MAX_CONNECTIONS = 40
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as secret_token


class ConfigurationError(ValueError):
    pass


def build_transport(settings: Settings) -> Transport:
    if settings.telegram_bot_token is None:
        raise ConfigurationError("TELEGRAM_BOT_TOKEN is not set")
    token = settings.telegram_bot_token.get_secret_value()
    if settings.telegram_framework == "ptb":
        from bot.telegram.ptb_transport import PtbTransport

        return PtbTransport(token, settings.telegram_api_url)
    from aiogram.utils.token import TokenValidationError

    from bot.telegram.aiogram_transport import AiogramTransport

    try:
        return AiogramTransport(token, settings.telegram_api_url)
    except TokenValidationError:
        raise ConfigurationError("TELEGRAM_BOT_TOKEN does not look like a token from BotFather") from None


def bot_id(settings: Settings) -> str:
    """The bot's public numeric id: the part of the token before the colon (never the secret part)."""
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    return token.split(":", 1)[0] or "bot"


def webhook_secret(settings: Settings) -> str:
    """``TELEGRAM_WEBHOOK_SECRET``, or one derived from the token, so that every bot process agrees on it."""
    if settings.telegram_webhook_secret:  # an empty value counts as unset
        secret = settings.telegram_webhook_secret.get_secret_value()
        if not _SECRET.match(secret):
            raise ConfigurationError("TELEGRAM_WEBHOOK_SECRET: 1-256 characters A-Z, a-z, 0-9, _ and - only")
        return secret
    assert settings.telegram_bot_token is not None
    token = settings.telegram_bot_token.get_secret_value().encode()
    return hmac.new(token, b"sanad webhook secret", hashlib.sha256).hexdigest()


def webhook_path(url: str) -> str:
    path = urlsplit(url).path or "/"
    if path in ("/healthz", "/metrics"):
        raise ConfigurationError(f"TELEGRAM_WEBHOOK_URL cannot end in {path}: the bot serves that itself")
    return path


class TelegramBot:
    """Everything between Telegram and the engine, started and stopped in order."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        store: Store,
        transport: Transport,
        nlu: NluClient | None = None,
        default_language: str = "ar",
    ) -> None:
        self.settings = settings
        self.store = store
        self.nlu = nlu
        self.default_language = default_language
        self.webhook_url = settings.telegram_webhook_url
        self.transport = transport
        self.processor = UpdateProcessor(
            engine, store, self.transport, adviser_chat_id=settings.adviser_chat_id, bot_id=bot_id(settings)
        )
        self.web: WebServer | None = None
        self.advisers = self._adviser_room(settings, engine)
        self._reminder: asyncio.Task[None] | None = None
        self._poller: Poller | None = None
        self._polling: asyncio.Task[None] | None = None
        self._stop_polling = asyncio.Event()
        self._board: asyncio.Task[None] | None = None
        self._albums: asyncio.Task[None] | None = None

    def _adviser_room(self, settings: Settings, engine: Engine) -> AdviserRoom | None:
        """With ``ADVISER_CHAT_ID`` and an engine built with this transport's desk (``telegram_desk``): the
        advisers' topics are read and answered."""
        chat_id = settings.adviser_chat_id
        handoff = getattr(engine, "handoff", None)  # stand-in engines of transport tests have none
        if chat_id is None or handoff is None or not isinstance(handoff.desk, TelegramDesk):
            return None
        room = AdviserRoom(
            engine,
            handoff.cases,
            handoff.desk,
            self.transport,
            self.processor.locks,
            chat_id,
            reminder_s=settings.adviser_reminder_s,
        )
        self.processor.advisers = room
        return room

    @property
    def allowed(self) -> tuple[str, ...]:
        """The update types asked for: edits only with an advisers' group (a person's correction in a case)."""
        return allowed_updates(self.advisers is not None)

    @property
    def mode(self) -> str:
        return "webhook" if self.webhook_url else "polling"

    async def health(self) -> dict[str, Any]:
        """What ``/healthz`` reports besides "serving": the bot answers even without Redis or the NLU (from
        content and the menu), so these two are information for people, not a reason to stop sending updates."""
        redis = await self.store.ping()
        nlu = await self.nlu.ready() if self.nlu else False
        return {"redis": redis, "nlu": nlu, "framework": self.transport.name, "mode": self.mode}

    async def _feed(self, update: Mapping[str, Any]) -> bool:
        return await self.processor.feed_and_wait(partial(self.transport.feed, update))

    async def serve(self, stop: asyncio.Event) -> int:
        """Run until ``stop`` is set; 0 after a clean stop, 1 when the bot could not start."""
        settings = self.settings
        try:
            await self.transport.start(self.processor.on_update)
        except Transient as exc:
            log.error("Cannot reach the Bot API at %s: %s", settings.telegram_api_url, exc.description)
            await self.transport.close()
            return 1
        except TelegramFailure as exc:
            log.error("Telegram refused to start the bot (is TELEGRAM_BOT_TOKEN right?): %s", exc.description)
            await self.transport.close()
            return 1
        try:
            await register_commands(self.transport, self.default_language)
            self.web = WebServer(
                settings.telegram_listen_host,
                settings.telegram_listen_port,
                self.health,
                webhook_path=webhook_path(self.webhook_url) if self.webhook_url else None,
                secret=webhook_secret(settings) if self.webhook_url else None,
                feed=self._feed,
            )
            try:
                await self.web.start()
            except OSError as exc:
                port = self.web.port
                self.web = None
                if self.webhook_url:
                    log.error("Cannot listen on port %d for the webhook: %s", port, exc.strerror)
                    return 1
                log.warning("No /healthz and /metrics: cannot listen on port %d (%s)", port, exc.strerror)
            if self.webhook_url:
                url, secret = self.webhook_url, webhook_secret(settings)
                await retrying(
                    partial(self.transport.set_webhook, url, secret, self.allowed, WEBHOOK_MAX_CONNECTIONS),
                    "setWebhook",
                )
            else:
                await retrying(self.transport.delete_webhook, "deleteWebhook")
                self._poller = Poller(self.transport, self.processor, self.allowed)
                self._polling = asyncio.create_task(self._poller.run(self._stop_polling))
            if self.advisers is not None:
                self._reminder = asyncio.create_task(self.advisers.remind_until(stop, settings.adviser_reminder_s))
                self._board = asyncio.create_task(self.advisers.board.keep_until(stop))
                self._albums = asyncio.create_task(self.advisers.desk.albums.sweep_until(stop))
            where = f"; /healthz and /metrics on port {self.web.port}" if self.web else ""
            log.info("The bot is on Telegram (%s, %s%s)", self.transport.name, self.mode, where)
            await stop.wait()
            log.info("Stopping: finishing the updates in flight")
            return 0
        except TelegramFailure as exc:
            log.error("Telegram refused the bot's set-up: %s", exc.description)
            return 1
        finally:
            await self._shutdown()

    async def _shutdown(self) -> None:
        for task in (self._reminder, self._board, self._albums):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._stop_polling.set()
        if self._polling is not None:
            with contextlib.suppress(Exception):
                await self._polling
        if self.web is not None:
            await self.web.stop()
        await self.processor.drain()
        if self.advisers is not None:
            await self.advisers.desk.albums.drain()  # the albums gathered by the last updates
        if self._poller is not None:
            await self._poller.confirm()
        await self.transport.close()


def quiet_framework_logs() -> None:
    """Keep the frameworks' logs free of message texts and Telegram ids: at DEBUG both log whole API calls, and
    aiogram logs every update at INFO."""
    for name, level in (("aiogram", logging.INFO), ("aiogram.event", logging.WARNING), ("telegram", logging.INFO)):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < level:
            logger.setLevel(level)


async def run_telegram(settings: Settings, stop: asyncio.Event | None = None) -> int:
    """``sanad run``: the bot on Telegram until SIGTERM or SIGINT (or until ``stop`` is set)."""
    quiet_framework_logs()
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
    try:
        if settings.telegram_webhook_url:
            webhook_path(settings.telegram_webhook_url)
            webhook_secret(settings)
        transport = build_transport(settings)
        desk_for = telegram_desk(transport, settings.adviser_chat_id) if settings.adviser_chat_id else None
        async with bot_runtime(settings, desk_for) as runtime:
            bot = TelegramBot(
                settings,
                runtime.engine,
                runtime.store,
                transport,
                runtime.nlu,
                runtime.content.current.languages.default_language,
            )
            return await bot.serve(stop)
    except ConfigurationError as exc:
        log.error("%s", exc)
        return 2
