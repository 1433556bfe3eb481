"""answerCallbackQuery."""

from __future__ import annotations

from ..errors import QUERY_TOO_OLD, bad_request
from ..params import Params
from .registry import CallContext, api_method

MAX_ANSWER_TEXT = 200


@api_method("answerCallbackQuery")
async def answer_callback_query(ctx: CallContext, p: Params) -> bool:
    query_id = p.text("callback_query_id") or ""
    record = ctx.state.callback_queries.get(query_id)
    if record is None or record.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = p.text("text")
    if text is not None and len(text) > MAX_ANSWER_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered = True
    record.answer = {
        "text": text,
        "show_alert": p.flag("show_alert"),
        "url": p.text("url"),
        "cache_time": p.integer("cache_time", 0),
    }
    ctx.state.notifier.notify()
    return True
