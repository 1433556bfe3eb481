"""getUpdates: long polling with offset / limit / timeout / allowed_updates."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..params import Params
from ..updates import UPDATE_TYPES
from .registry import CallContext, api_method


def parse_allowed_updates(p: Params) -> tuple[bool, list[str] | None]:
    """(given?, list) for allowed_updates; unknown type names are ignored like Telegram does."""
    raw = p.json("allowed_updates", "can't parse allowed updates JSON object")
    if raw is None:
        return False, None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise errors.bad_request("can't parse allowed updates JSON object")
    return True, [name for name in raw if isinstance(name, str) and name in UPDATE_TYPES]


@api_method("getUpdates")
async def get_updates(ctx: CallContext, p: Params) -> list[dict[str, Any]]:
    offset = p.integer("offset")
    limit = min(100, max(1, p.integer("limit", 100) or 100))
    timeout = max(0.0, min(float(p.number("timeout", 0.0) or 0.0), ctx.emu.long_poll_max_timeout))
    given, allowed = parse_allowed_updates(p)
    return await ctx.emu.poller.get_updates(
        offset=offset, limit=limit, timeout=timeout, allowed_updates=allowed, set_allowed=given
    )
