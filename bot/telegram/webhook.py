"""The bot's web server: the Telegram webhook (webhook mode only), ``/healthz`` and Prometheus ``/metrics``.

A webhook request is answered only after its update has been handled: 200 when it was (or was a duplicate),
500 when handling failed so that Telegram delivers it again, 401 without the right
``X-Telegram-Bot-Api-Secret-Token`` header, 503 while the bot is shutting down. At shutdown the server stops
accepting connections and waits for the requests in flight.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.telegram import metrics

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SHUTDOWN_TIMEOUT_S = 30.0

Feed = Callable[[Mapping[str, Any]], Awaitable[bool]]  # handles one update; False when it failed
Health = Callable[[], Awaitable[dict[str, Any]]]  # how the bot's parts are, e.g. {"redis": True, ...}


class WebServer:
    def __init__(
        self,
        host: str,
        port: int,
        health: Health,
        *,
        webhook_path: str | None = None,
        secret: str | None = None,
        feed: Feed | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.health = health
        self.webhook_path = webhook_path
        self.secret = secret or ""
        self.feed = feed
        self.stopping = False
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        if self.webhook_path is not None:
            app.router.add_post(self.webhook_path, self._webhook)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT_S)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await self._runner.cleanup()
            self._runner = None
            raise
        if self._runner.addresses:  # the real port when 0 was asked for
            self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Refuse new updates, finish the requests in flight, close."""
        self.stopping = True
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        """200 while the bot takes updates, 503 once it is shutting down; the report says how its parts are."""
        ok = not self.stopping
        return web.json_response({"ok": ok, **await self.health()}, status=200 if ok else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        body = generate_latest(metrics.REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("Webhook request without the right secret token refused")
            return web.Response(status=401, text="Unauthorized")
        if self.stopping or self.feed is None:
            return web.Response(status=503, text="Shutting down")
        try:
            update = await request.json()
        except ValueError:
            return web.Response(status=400, text="Not JSON")
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return web.Response(status=400, text="Not an update")
        try:
            handled = await self.feed(update)
        except Exception:  # the framework could not read it, say: Telegram tries again, a few times
            log.exception("A webhook update could not be dispatched")
            handled = False
        return web.Response(status=200) if handled else web.Response(status=500, text="Not handled; try again")
