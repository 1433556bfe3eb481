"""sendChatAction: validated against Telegram's list of actions and recorded."""

from __future__ import annotations

import time

from ..errors import WRONG_ACTION, bad_request
from ..params import Params
from ..state import ChatActionRecord
from .common import check_bot_can_write, resolve_chat, resolve_placement
from .registry import CallContext, api_method

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


@api_method("sendChatAction")
async def send_chat_action(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    action = (p.text("action") or "").strip()
    if action not in CHAT_ACTIONS:
        raise bad_request(WRONG_ACTION)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    ctx.state.chat_actions.append(ChatActionRecord(chat.id, action, placement.thread_id, time.time()))
    ctx.state.notifier.notify()
    return True
