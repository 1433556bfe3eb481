"""Webhook delivery: POST each update to the bot's URL (loopback only) with the
X-Telegram-Bot-Api-Secret-Token header, retry with back-off on non-2xx answers and connection
errors (a bounded number of attempts), keep the order of updates within each chat, and run the
method a bot may put in its answer (as aiogram's webhook handler does)."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp

from .params import InputFilePart, Params
from .updates import QueuedUpdate

if TYPE_CHECKING:
    from .emulator import TelegramEmulator

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def is_loopback_url(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    has_custom_certificate: bool = False

    def same_as(self, other: WebhookConfig) -> bool:
        return (self.url, self.secret_token, self.max_connections) == (
            other.url,
            other.secret_token,
            other.max_connections,
        )


@dataclass
class DeliveryAttempt:
    """One POST of one update to the webhook; the test can inspect every attempt."""

    update_id: int
    attempt: int
    url: str
    chat_id: int | None
    secret_token: str | None
    at: float
    status: int | None = None
    error: str | None = None
    duration: float = 0.0
    response_method: str | None = None
    duplicate: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class _Lane:
    updates: deque[QueuedUpdate] = field(default_factory=deque)
    task: asyncio.Task[None] | None = None


class WebhookDispatcher:
    def __init__(
        self,
        emu: TelegramEmulator,
        *,
        max_attempts: int = 5,
        retry_delay: float = 0.05,
        max_retry_delay: float = 1.0,
        timeout: float = 10.0,
    ):
        self.emu = emu
        self.max_attempts = max(1, max_attempts)
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.timeout = timeout
        self.config: WebhookConfig | None = None
        self.attempts: list[DeliveryAttempt] = []
        self.delivered: list[QueuedUpdate] = []
        self.dropped: list[QueuedUpdate] = []
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._lanes: dict[int | None, _Lane] = {}
        self._semaphore = asyncio.Semaphore(40)
        self._session: aiohttp.ClientSession | None = None
        self._generation = 0
        emu.state.updates.listeners.append(self._on_update)

    @property
    def active(self) -> bool:
        return self.config is not None

    # ---- configuration (setWebhook / deleteWebhook)

    def set(self, config: WebhookConfig, *, drop_pending_updates: bool = False) -> None:
        queue = self.emu.state.updates
        if drop_pending_updates:
            queue.drop_pending()
        self._stop_lanes()
        self.config = config
        self._semaphore = asyncio.Semaphore(config.max_connections)
        for update in list(queue.redeliveries) + list(queue.items):
            self._enqueue(update)

    def delete(self, *, drop_pending_updates: bool = False) -> None:
        self._stop_lanes()
        self.config = None
        if drop_pending_updates:
            self.emu.state.updates.drop_pending()

    def info(self) -> dict[str, Any]:
        queue = self.emu.state.updates
        if self.config is None:
            return {"url": "", "has_custom_certificate": False, "pending_update_count": queue.pending_count}
        data: dict[str, Any] = {
            "url": self.config.url,
            "has_custom_certificate": self.config.has_custom_certificate,
            "pending_update_count": queue.pending_count,
            "ip_address": self.config.ip_address or "127.0.0.1",
            "max_connections": self.config.max_connections,
        }
        if self.last_error_date is not None:
            data["last_error_date"] = self.last_error_date
            data["last_error_message"] = self.last_error_message
        if self.config.allowed_updates is not None:
            data["allowed_updates"] = self.config.allowed_updates
        return data

    async def close(self) -> None:
        self._stop_lanes()
        self.config = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ---- delivery

    def _stop_lanes(self) -> None:
        self._generation += 1
        for lane in self._lanes.values():
            if lane.task is not None and not lane.task.done():
                lane.task.cancel()
        self._lanes.clear()

    def _on_update(self, update: QueuedUpdate) -> None:
        if self.config is not None:
            self._enqueue(update)

    def _enqueue(self, update: QueuedUpdate) -> None:
        lane = self._lanes.setdefault(update.chat_key, _Lane())
        lane.updates.append(update)
        if lane.task is None or lane.task.done():
            lane.task = asyncio.get_running_loop().create_task(self._run_lane(update.chat_key, lane, self._generation))

    async def _run_lane(self, key: int | None, lane: _Lane, generation: int) -> None:
        while lane.updates and generation == self._generation:
            update = lane.updates[0]
            await self._deliver(update, generation)
            if lane.updates and lane.updates[0] is update:
                lane.updates.popleft()
        if self._lanes.get(key) is lane and not lane.updates:
            del self._lanes[key]

    def _backoff(self, attempt: int) -> float:
        return min(self.max_retry_delay, self.retry_delay * (2 ** (attempt - 1)))

    async def _deliver(self, update: QueuedUpdate, generation: int) -> None:
        queue = self.emu.state.updates
        for attempt in range(1, self.max_attempts + 1):
            config = self.config
            if config is None or generation != self._generation:
                return  # webhook removed or replaced: the update stays pending
            async with self._semaphore:
                ok = await self._post(update, attempt, config)
            if ok:
                queue.remove(update)
                self.delivered.append(update)
                self.emu.state.notifier.notify()
                return
            if attempt < self.max_attempts:
                await asyncio.sleep(self._backoff(attempt))
        queue.remove(update)  # gave up after max_attempts, as Telegram eventually drops updates
        self.dropped.append(update)
        self.emu.state.notifier.notify()

    async def _post(self, update: QueuedUpdate, attempt: int, config: WebhookConfig) -> bool:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        headers = {"Content-Type": "application/json"}
        if config.secret_token:
            headers[SECRET_HEADER] = config.secret_token
        record = DeliveryAttempt(
            update_id=update.update_id,
            attempt=attempt,
            url=config.url,
            chat_id=update.chat_key,
            secret_token=config.secret_token,
            at=time.time(),
            duplicate=update.duplicate,
        )
        self.attempts.append(record)
        started = time.monotonic()
        try:
            async with self._session.post(
                config.url,
                data=json.dumps(update.to_api(), ensure_ascii=False).encode("utf-8"),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                ssl=False,
                allow_redirects=False,
            ) as response:
                record.status = response.status
                if 200 <= response.status < 300:
                    record.response_method = await self._answer_method(response)
                else:
                    record.error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except TimeoutError:
            record.error = "Read timeout expired"
        except aiohttp.ClientConnectorError:
            record.error = "Connection refused"
        except aiohttp.ClientError as exc:
            record.error = f"{type(exc).__name__}: {exc}"
        record.duration = time.monotonic() - started
        if record.error:
            self.last_error_date = int(time.time())
            self.last_error_message = record.error
        self.emu.state.notifier.notify()
        return record.ok

    async def _answer_method(self, response: aiohttp.ClientResponse) -> str | None:
        """A bot may answer a webhook request with a method call (JSON or multipart with "method")."""
        values: dict[str, Any] = {}
        files: dict[str, InputFilePart] = {}
        try:
            if response.content_type == "application/json":
                body = await response.json(content_type=None)
                if not isinstance(body, dict):
                    return None
                values = dict(body)
            elif response.content_type.startswith("multipart/"):
                reader = aiohttp.MultipartReader.from_response(response)
                while True:
                    part = await reader.next()
                    if part is None:
                        break
                    if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
                        continue
                    if part.filename:
                        data = await part.read(decode=False)
                        files[part.name] = InputFilePart(
                            part.name, part.filename, part.headers.get("Content-Type"), bytes(data)
                        )
                    else:
                        values[part.name] = await part.text()
            else:
                return None
        except (ValueError, aiohttp.ClientError):
            return None
        method = values.pop("method", None)
        if not isinstance(method, str) or not method:
            return None
        with contextlib.suppress(Exception):
            await self.emu.server.dispatch(method, Params(values, files), source="webhook_response")
        return method
