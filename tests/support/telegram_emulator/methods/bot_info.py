"""getMe, logOut, close."""

from __future__ import annotations

from typing import Any

from ..params import Params
from .registry import CallContext, api_method


@api_method("getMe")
async def get_me(ctx: CallContext, p: Params) -> dict[str, Any]:
    return ctx.bot.get_me()


@api_method("logOut", "close")
async def log_out(ctx: CallContext, p: Params) -> bool:
    return True
