"""Chats and members: getChat, getChatMember (creator / administrator / member / left / kicked),
getChatAdministrators, getChatMemberCount, leaveChat."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..params import Params
from ..state import Membership, unix_now
from .common import check_bot_is_member, resolve_chat
from .registry import CallContext, api_method


@api_method("getChat")
async def get_chat(ctx: CallContext, p: Params) -> dict[str, Any]:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    return chat.full_info()


@api_method("getChatMember")
async def get_chat_member(ctx: CallContext, p: Params) -> dict[str, Any]:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    user_id = p.integer("user_id", required=True)
    account = ctx.state.accounts.get(user_id)  # type: ignore[arg-type]
    if account is None:
        raise errors.bad_request(errors.USER_NOT_FOUND)
    member = chat.membership(account.id) or Membership(account, "left")
    if chat.type == "private":
        member = Membership(account, "member" if account.id in (chat.id, ctx.bot.id) else "left")
    return member.to_api(chat)


@api_method("getChatAdministrators")
async def get_chat_administrators(ctx: CallContext, p: Params) -> list[dict[str, Any]]:
    chat = resolve_chat(ctx, p)
    if chat.type == "private":
        raise errors.bad_request("there are no administrators in the private chat")
    check_bot_is_member(ctx, chat)
    return [m.to_api(chat) for m in chat.members.values() if m.is_admin]


@api_method("getChatMemberCount", "getChatMembersCount")
async def get_chat_member_count(ctx: CallContext, p: Params) -> int:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    return sum(1 for m in chat.members.values() if m.present)


@api_method("leaveChat")
async def leave_chat(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    if chat.type == "private":
        raise errors.bad_request(errors.PRIVATE_CHAT_MEMBER_STATUS)
    check_bot_is_member(ctx, chat)
    old = chat.membership(ctx.bot.id)
    assert old is not None
    old_api = old.to_api(chat)
    ctx.state.set_member(chat, ctx.bot, "left")
    ctx.state.emit(
        "my_chat_member",
        {
            "chat": chat.to_api(),
            "from": ctx.bot.to_api(),
            "date": unix_now(),
            "old_chat_member": old_api,
            "new_chat_member": {"status": "left", "user": ctx.bot.to_api()},
        },
        chat,
    )
    return True
