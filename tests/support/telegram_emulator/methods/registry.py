"""The table of Bot API methods: name (case-insensitive, like Telegram) -> handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..emulator import TelegramEmulator
    from ..params import Params
    from ..state import BotAccount, EmulatorState


@dataclass
class CallContext:
    """What a method handler gets besides its parameters."""

    emu: TelegramEmulator
    method: str
    source: str = "http"  # "http", or "webhook_response" for a method answered to a webhook delivery

    @property
    def state(self) -> EmulatorState:
        return self.emu.state

    @property
    def bot(self) -> BotAccount:
        return self.emu.state.bot


Handler = Callable[[CallContext, "Params"], Awaitable[Any]]


@dataclass
class ApiMethod:
    name: str
    handler: Handler


@dataclass
class WithDescription:
    """A result plus the "description" Telegram adds to some ok answers ("Webhook was set")."""

    result: Any
    description: str


REGISTRY: dict[str, ApiMethod] = {}


def api_method(*names: str) -> Callable[[Handler], Handler]:
    """Register a handler under one or more method names."""

    def register(handler: Handler) -> Handler:
        for name in names:
            REGISTRY[name.lower()] = ApiMethod(name, handler)
        return handler

    return register


def lookup(name: str) -> ApiMethod | None:
    return REGISTRY.get(name.lower())
