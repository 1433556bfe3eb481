"""Text messages: sendMessage, editMessageText / Caption / ReplyMarkup, deleteMessage(s),
copyMessage, forwardMessage, plus pinning and reactions (accepted, recorded)."""

from __future__ import annotations

import copy
from typing import Any

from .. import errors
from ..params import Params
from ..state import Chat, Message, unix_now
from .common import (
    bot_can,
    check_bot_can_write,
    check_bot_is_member,
    find_message,
    format_text,
    link_preview_options,
    markup_of,
    new_bot_message,
    resolve_chat,
    resolve_placement,
)
from .registry import CallContext, api_method


@api_method("sendMessage")
async def send_message(ctx: CallContext, p: Params) -> dict[str, Any]:
    chat = resolve_chat(ctx, p)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    source = p.text("text")
    parse_mode = p.text("parse_mode")
    text, entities = format_text(ctx, source, parse_mode, p.json("entities", "can't parse entities JSON object"))
    markup = markup_of(p)
    message = new_bot_message(
        ctx,
        chat,
        p,
        placement,
        markup,
        text=text,
        entities=entities,
        source_text=source,
        parse_mode=parse_mode,
        link_preview_options=link_preview_options(p),
    )
    return message.to_api()


def _message_to_edit(ctx: CallContext, p: Params) -> tuple[Chat, Message]:
    if p.has("inline_message_id"):
        raise errors.bad_request(errors.MESSAGE_TO_EDIT_NOT_FOUND)  # inline messages are not emulated
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    message = find_message(chat, p.integer("message_id", required=True))
    if message is None:
        raise errors.bad_request(errors.MESSAGE_TO_EDIT_NOT_FOUND)
    if message.sender is not ctx.bot or message.service:
        raise errors.bad_request(errors.MESSAGE_CANT_BE_EDITED)
    return chat, message


def _new_inline_markup(p: Params) -> dict[str, Any] | None:
    markup = markup_of(p)
    if markup is not None and markup.kind != "inline":
        raise errors.bad_request("inline keyboard expected")
    return markup.inline if markup else None


def _record_edit(ctx: CallContext, message: Message) -> None:
    message.edits.append(message.to_api(with_reply=False))
    message.edit_date = unix_now()
    ctx.state.notifier.notify()


@api_method("editMessageText")
async def edit_message_text(ctx: CallContext, p: Params) -> dict[str, Any]:
    _, message = _message_to_edit(ctx, p)
    if message.text is None:
        raise errors.bad_request(errors.NO_TEXT_TO_EDIT)
    source = p.text("text")
    parse_mode = p.text("parse_mode")
    text, entities = format_text(ctx, source, parse_mode, p.json("entities", "can't parse entities JSON object"))
    inline = _new_inline_markup(p)
    preview = link_preview_options(p)
    if text == message.text and entities == message.entities and inline == message.reply_markup:
        raise errors.bad_request(errors.MESSAGE_NOT_MODIFIED)
    _record_edit(ctx, message)
    message.text, message.entities, message.reply_markup = text, entities, inline
    message.source_text, message.parse_mode = source, parse_mode
    if preview is not None:
        message.link_preview_options = preview
    return message.to_api()


@api_method("editMessageCaption")
async def edit_message_caption(ctx: CallContext, p: Params) -> dict[str, Any]:
    _, message = _message_to_edit(ctx, p)
    if message.text is not None:
        raise errors.bad_request(errors.NO_CAPTION_TO_EDIT)
    source = p.text("caption")
    parse_mode = p.text("parse_mode")
    caption, entities = format_text(
        ctx, source, parse_mode, p.json("caption_entities", "can't parse entities JSON object"), caption=True
    )
    inline = _new_inline_markup(p)
    if (caption or None) == message.caption and entities == message.caption_entities and inline == message.reply_markup:
        raise errors.bad_request(errors.MESSAGE_NOT_MODIFIED)
    _record_edit(ctx, message)
    message.caption, message.caption_entities, message.reply_markup = caption or None, entities, inline
    message.source_text, message.parse_mode = source, parse_mode
    return message.to_api()


@api_method("editMessageReplyMarkup")
async def edit_message_reply_markup(ctx: CallContext, p: Params) -> dict[str, Any]:
    _, message = _message_to_edit(ctx, p)
    inline = _new_inline_markup(p)
    if inline == message.reply_markup:
        raise errors.bad_request(errors.MESSAGE_NOT_MODIFIED)
    _record_edit(ctx, message)
    message.reply_markup = inline
    return message.to_api()


def _check_deletable(ctx: CallContext, chat: Chat, message: Message) -> None:
    if "forum_topic_created" in message.service:
        raise errors.bad_request(errors.MESSAGE_CANT_BE_DELETED)
    if chat.type != "private" and message.sender is not ctx.bot and not bot_can(ctx, chat, "can_delete_messages"):
        raise errors.bad_request(errors.MESSAGE_CANT_BE_DELETED)


@api_method("deleteMessage")
async def delete_message(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    message = find_message(chat, p.integer("message_id", required=True))
    if message is None:
        raise errors.bad_request(errors.MESSAGE_TO_DELETE_NOT_FOUND)
    _check_deletable(ctx, chat, message)
    message.deleted = True
    ctx.state.notifier.notify()
    return True


@api_method("deleteMessages")
async def delete_messages(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    ids = p.json("message_ids") or []
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise errors.bad_request("message_ids must be a non-empty list of at most 100 identifiers")
    found = [m for m in (find_message(chat, int(i)) for i in ids) if m is not None]
    if not found:
        raise errors.bad_request(errors.MESSAGE_TO_DELETE_NOT_FOUND)
    for message in found:
        _check_deletable(ctx, chat, message)
    for message in found:
        message.deleted = True
    ctx.state.notifier.notify()
    return True


def _source_message(ctx: CallContext, p: Params, not_found: str) -> Message:
    source_chat = resolve_chat(ctx, p, "from_chat_id")
    message = find_message(source_chat, p.integer("message_id", required=True))
    if message is None:
        raise errors.bad_request(not_found)
    return message


def _forward_origin(message: Message) -> dict[str, Any]:
    if message.forward_origin is not None:
        return message.forward_origin
    if message.chat.type == "channel":
        return {
            "type": "channel",
            "chat": message.chat.to_api(),
            "message_id": message.message_id,
            "date": message.date,
        }
    return {"type": "user", "sender_user": message.sender.to_api(), "date": message.date}


@api_method("forwardMessage")
async def forward_message(ctx: CallContext, p: Params) -> dict[str, Any]:
    source = _source_message(ctx, p, errors.MESSAGE_TO_FORWARD_NOT_FOUND)
    if source.service:
        raise errors.bad_request("message can't be forwarded")
    chat = resolve_chat(ctx, p)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    message = new_bot_message(
        ctx,
        chat,
        p,
        placement,
        None,
        text=source.text,
        entities=copy.deepcopy(source.entities),
        caption=source.caption,
        caption_entities=copy.deepcopy(source.caption_entities),
        media=copy.deepcopy(source.media),
        forward_origin=_forward_origin(source),
        file_ids=list(source.file_ids),
    )
    return message.to_api()


@api_method("copyMessage")
async def copy_message(ctx: CallContext, p: Params) -> dict[str, Any]:
    source = _source_message(ctx, p, errors.MESSAGE_TO_COPY_NOT_FOUND)
    if source.service:
        raise errors.bad_request(errors.MESSAGE_CANT_BE_COPIED)
    chat = resolve_chat(ctx, p)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    caption, caption_entities = source.caption, copy.deepcopy(source.caption_entities)
    if p.has("caption") and source.text is None:
        caption, caption_entities = format_text(
            ctx, p.text("caption"), p.text("parse_mode"), p.json("caption_entities"), caption=True
        )
        caption = caption or None
    markup = markup_of(p)
    message = new_bot_message(
        ctx,
        chat,
        p,
        placement,
        markup,
        text=source.text,
        entities=copy.deepcopy(source.entities),
        caption=caption,
        caption_entities=caption_entities,
        media=copy.deepcopy(source.media),
        file_ids=list(source.file_ids),
    )
    return {"message_id": message.message_id}


@api_method("pinChatMessage", "unpinChatMessage")
async def pin_chat_message(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    if p.has("message_id") and find_message(chat, p.integer("message_id")) is None:
        raise errors.bad_request("message to pin not found")
    if chat.type != "private" and not bot_can(ctx, chat, "can_pin_messages") and chat.type == "supergroup":
        raise errors.bad_request("not enough rights to manage pinned messages in the chat")
    message_id = p.integer("message_id")
    if ctx.method.lower() == "pinchatmessage":
        if message_id is None:
            raise errors.bad_request("message to pin not found")
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        chat.pinned.append(message_id)
    elif message_id is not None:
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
    elif chat.pinned:
        chat.pinned.pop()
    ctx.state.notifier.notify()
    return True


@api_method("unpinAllChatMessages", "setMessageReaction")
async def accepted(ctx: CallContext, p: Params) -> bool:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    if p.has("message_id") and find_message(chat, p.integer("message_id")) is None:
        raise errors.bad_request("message to react not found")
    return True
