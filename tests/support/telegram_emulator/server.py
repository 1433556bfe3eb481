"""The HTTP side: the aiohttp application, routing and request parsing.

Routes, as api.telegram.org has them:
- ``GET|POST /bot<token>/<method>``: JSON bodies, urlencoded and multipart forms, query strings;
  method names are case-insensitive; unknown methods answer 404 "Not Found";
- ``GET /file/bot<token>/<file_path>``: file downloads;
- ``/_emulator/...``: the optional control API for standalone use (see ``control.py``).

A malformed token answers 404 "Not Found", a well-formed but wrong one 401 "Unauthorized".
Every call is recorded in the emulator's call log.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import errors
from .methods import CallContext, WithDescription, lookup
from .params import InputFilePart, Params

if TYPE_CHECKING:
    from .emulator import TelegramEmulator

log = logging.getLogger("telegram_emulator")

TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{10,}$")
MAX_REQUEST_BYTES = 60 * 1024 * 1024
_dumps = partial(json.dumps, ensure_ascii=False)


@dataclass
class ApiCall:
    """One request the bot made, for assertions: ``emu.calls_to("sendMessage")[-1].params["text"]``."""

    method: str
    params: dict[str, Any]
    http_method: str
    source: str
    started_at: float
    finished_at: float | None = None
    status: int | None = None
    result: Any = None
    error: str | None = None
    fault_injected: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def pending(self) -> bool:
        return self.status is None

    def __repr__(self) -> str:
        outcome = "pending" if self.pending else ("ok" if self.ok else f"{self.status} {self.error}")
        return f"<ApiCall {self.method} {outcome}>"


def json_response(status: int, body: dict[str, Any]) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)


def error_response(error: errors.ApiError) -> web.Response:
    return json_response(error.error_code, error.to_body())


class ApiServer:
    def __init__(self, emu: TelegramEmulator):
        self.emu = emu
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # ---- lifecycle

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self.handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self.handle_file)
        if self.emu.control_api:
            from .control import add_control_routes

            add_control_routes(app, self.emu)
        app.router.add_route("*", "/{tail:.*}", self.handle_unknown)
        return app

    async def start(self, host: str, port: int) -> int:
        self._runner = web.AppRunner(self.build_app(), access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, reuse_address=True)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None)
        assert sockets, "the emulator's server has no listening socket"
        self.port = int(sockets[0].getsockname()[1])
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- handlers

    def _check_token(self, token: str) -> errors.ApiError | None:
        if not TOKEN_RE.match(token):
            return errors.not_found()
        if token != self.emu.token:
            return errors.unauthorized()
        return None

    async def handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        token_error = self._check_token(request.match_info["token"])
        if token_error is not None:
            self._log_rejected(method, request.method, token_error)
            return error_response(token_error)
        try:
            params = await read_params(request)
        except errors.ApiError as exc:
            self._log_rejected(method, request.method, exc)
            return error_response(exc)
        status, body = await self.dispatch(method, params, http_method=request.method)
        if isinstance(body, str):
            return web.Response(status=status, text=body, content_type="text/html")
        return json_response(status, body)

    async def handle_file(self, request: web.Request) -> web.StreamResponse:
        token_error = self._check_token(request.match_info["token"])
        if token_error is not None:
            return error_response(token_error)
        path = request.match_info["path"]
        stored = self.emu.state.files_by_path.get(path)
        self.emu.downloads.append(path)
        if stored is None:
            return error_response(errors.not_found())
        return web.Response(body=stored.data, content_type="application/octet-stream")

    async def handle_unknown(self, request: web.Request) -> web.StreamResponse:
        return error_response(errors.not_found())

    def _log_rejected(self, method: str, http_method: str, error: errors.ApiError) -> None:
        now = time.time()
        self.emu.calls.append(
            ApiCall(method, {}, http_method, "http", now, now, error.error_code, None, error.description)
        )
        self.emu.state.notifier.notify()

    # ---- dispatch

    async def dispatch(
        self, method_name: str, params: Params, *, http_method: str = "POST", source: str = "http"
    ) -> tuple[int, dict[str, Any] | str]:
        api = lookup(method_name)
        call = ApiCall(
            method=api.name if api else method_name,
            params=params.logged(),
            http_method=http_method,
            source=source,
            started_at=time.time(),
        )
        self.emu.calls.append(call)
        self.emu.state.notifier.notify()
        status: int = 500
        body: dict[str, Any] | str
        try:
            if api is None:
                raise errors.not_found()
            fault = self.emu.faults.take(api.name)
            if fault is not None:
                call.fault_injected = True
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.raw_body is not None:
                    status = fault.error_code or 502
                    call.status, call.error = status, fault.raw_body
                    return status, fault.raw_body
                injected = fault.error()
                if injected is not None:
                    raise injected
            result = await api.handler(CallContext(self.emu, api.name, source), params)
            description = None
            if isinstance(result, WithDescription):
                result, description = result.result, result.description
            body = {"ok": True, "result": result}
            if description:
                body["description"] = description
            status = 200
            call.result = result
        except errors.ApiError as exc:
            status, body = exc.error_code, exc.to_body()
            call.error = exc.description
        except asyncio.CancelledError:
            call.status, call.error = 499, "request cancelled: the client went away"
            call.finished_at = time.time()
            self.emu.state.notifier.notify()
            raise
        except Exception as exc:  # an emulator bug: answer 500 and keep it for the test to see
            log.exception("emulator error in %s", method_name)
            self.emu.internal_errors.append(f"{method_name}: {exc!r}\n{traceback.format_exc()}")
            error = errors.server_error(500)
            status, body = 500, error.to_body()
            call.error = error.description
        call.status = status
        call.finished_at = time.time()
        self.emu.state.notifier.notify()
        return status, body


async def read_params(request: web.Request) -> Params:
    values: dict[str, Any] = dict(request.query.items())
    files: dict[str, InputFilePart] = {}
    if request.body_exists:
        content_type = request.content_type
        if content_type == "application/json":
            raw = await request.read()
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError:
                    raise errors.bad_request("can't parse JSON encoded request") from None
                if not isinstance(body, dict):
                    raise errors.bad_request("can't parse JSON encoded request")
                values.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = InputFilePart(key, value.filename, value.content_type, value.file.read())
                else:
                    values[key] = value
    return Params(values, files)
