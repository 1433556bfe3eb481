"""Helpers shared by the method families: finding the chat, the rights to write there, the forum
thread, the replied-to message, text formatting and building the bot's outgoing message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import errors
from ..formatting import (
    MAX_CAPTION_LENGTH,
    MAX_MESSAGE_LENGTH,
    EntityParseError,
    merge_entities,
    parse_text,
    utf16_len,
    validate_entities,
)
from ..markup import ReplyMarkup, parse_reply_markup
from ..params import Params
from ..state import Chat, ForumTopic, Message
from .registry import CallContext

GENERAL_TOPIC_ID = 1


def resolve_chat(ctx: CallContext, p: Params, name: str = "chat_id") -> Chat:
    chat = ctx.state.find_chat(p.chat_id(name))  # type: ignore[arg-type]
    if chat is None:
        raise errors.bad_request(errors.CHAT_NOT_FOUND)
    return chat


def check_bot_can_write(ctx: CallContext, chat: Chat) -> None:
    """403s Telegram answers when the bot may not post to the chat."""
    if chat.type == "private":
        user = chat.private_user
        assert user is not None
        if user.deactivated:
            raise errors.forbidden(errors.USER_DEACTIVATED)
        if user.blocked_bot:
            raise errors.forbidden(errors.BLOCKED_BY_USER)
        if not user.started:
            raise errors.forbidden(errors.CANT_INITIATE)
        return
    check_bot_is_member(ctx, chat)


def check_bot_is_member(ctx: CallContext, chat: Chat) -> None:
    if chat.type == "private":
        return
    member = chat.membership(ctx.bot.id)
    if member is None or member.status == "left":
        raise errors.not_member(chat.type)
    if member.status == "kicked":
        raise errors.kicked_from(chat.type)


def bot_can(ctx: CallContext, chat: Chat, right: str) -> bool:
    member = chat.membership(ctx.bot.id)
    return member is not None and member.can(right)


def format_text(
    ctx: CallContext, text: str | None, parse_mode: str | None, raw_entities: Any, *, caption: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of a message text or caption, with Telegram's checks."""
    text = text or ""
    if raw_entities is not None:
        plain, entities = text, validate_entities(raw_entities, text)
    else:
        try:
            plain, entities = parse_text(text, parse_mode, strict_ampersand=ctx.state.strict_html_ampersand)
        except EntityParseError as exc:
            raise errors.entity_error(str(exc)) from None
        except ValueError:
            raise errors.bad_request("unsupported parse_mode") from None
    if not caption and not plain.strip():
        raise errors.bad_request(errors.MESSAGE_TEXT_EMPTY)
    if utf16_len(plain) > (MAX_CAPTION_LENGTH if caption else MAX_MESSAGE_LENGTH):
        raise errors.bad_request(errors.CAPTION_TOO_LONG if caption else errors.MESSAGE_TOO_LONG)
    return plain, merge_entities(entities, plain)


def find_message(chat: Chat, message_id: int | None) -> Message | None:
    if message_id is None:
        return None
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        return None
    return message


def resolve_reply(ctx: CallContext, chat: Chat, p: Params) -> Message | None:
    params = p.json("reply_parameters", "can't parse reply parameters JSON object")
    if isinstance(params, dict):
        raw_id = params.get("message_id")
        allow = bool(params.get("allow_sending_without_reply", False))
        target_chat = chat
        if params.get("chat_id") not in (None, ""):
            found = ctx.state.find_chat(params["chat_id"])
            if found is None:
                raise errors.bad_request(errors.CHAT_NOT_FOUND)
            target_chat = found
        try:
            message_id = int(raw_id) if raw_id is not None else None
        except (TypeError, ValueError):
            raise errors.bad_request("invalid reply_parameters specified") from None
    else:
        message_id = p.integer("reply_to_message_id")
        allow = p.flag("allow_sending_without_reply")
        target_chat = chat
    if not message_id:
        return None
    target = find_message(target_chat, message_id)
    if target is None:
        if allow:
            return None
        raise errors.bad_request(errors.MESSAGE_TO_REPLY_NOT_FOUND)
    return target if target_chat is chat else None


@dataclass
class Placement:
    """Where an outgoing message goes inside its chat."""

    thread_id: int | None = None
    topic: ForumTopic | None = None
    reply_to: Message | None = None

    @property
    def is_topic_message(self) -> bool:
        return self.topic is not None


def resolve_topic(ctx: CallContext, chat: Chat, thread_id: int) -> ForumTopic:
    topic = chat.topics.get(thread_id)
    if topic is None or topic.deleted:
        raise errors.bad_request(errors.MESSAGE_THREAD_NOT_FOUND)
    return topic


def resolve_placement(ctx: CallContext, chat: Chat, p: Params) -> Placement:
    thread_id = p.integer("message_thread_id")
    reply_to = resolve_reply(ctx, chat, p)
    placement = Placement(reply_to=reply_to)
    if thread_id in (None, 0):
        # a reply inside a topic lands in that topic
        if reply_to is not None and reply_to.is_topic_message and reply_to.message_thread_id:
            topic = chat.topics.get(reply_to.message_thread_id)
            if topic is not None and not topic.deleted:
                placement.thread_id, placement.topic = topic.message_thread_id, topic
        elif reply_to is not None and reply_to.message_thread_id and chat.type == "supergroup":
            placement.thread_id = reply_to.message_thread_id
        return placement
    assert thread_id is not None
    if chat.is_forum:
        if thread_id == GENERAL_TOPIC_ID:
            return placement
        topic = resolve_topic(ctx, chat, thread_id)
        if topic.closed and not bot_can(ctx, chat, "can_manage_topics"):
            raise errors.bad_request(errors.TOPIC_CLOSED)
        placement.thread_id, placement.topic = thread_id, topic
        return placement
    if chat.type == "supergroup" and find_message(chat, thread_id) is not None:
        placement.thread_id = thread_id  # a reply thread of a plain supergroup
        return placement
    raise errors.bad_request(errors.MESSAGE_THREAD_NOT_FOUND)


def link_preview_options(p: Params) -> dict[str, Any] | None:
    options = p.json("link_preview_options")
    if isinstance(options, dict):
        return {k: v for k, v in options.items() if v is not None} or None
    if p.flag("disable_web_page_preview"):
        return {"is_disabled": True}
    return None


def new_bot_message(
    ctx: CallContext,
    chat: Chat,
    p: Params,
    placement: Placement,
    markup: ReplyMarkup | None,
    **content: Any,
) -> Message:
    reply_to = placement.reply_to
    if reply_to is None and placement.topic is not None:
        reply_to = placement.topic.created_message  # Telegram's implicit reply to the topic's first message
    message = ctx.state.new_message(
        chat,
        ctx.bot,
        reply_to=reply_to,
        message_thread_id=placement.thread_id,
        is_topic_message=placement.is_topic_message,
        reply_markup=markup.inline if markup else None,
        sent_reply_markup=markup.data if markup else None,
        has_protected_content=p.flag("protect_content"),
        disable_notification=p.flag("disable_notification"),
        **content,
    )
    apply_reply_keyboard(ctx, chat, markup)
    return message


def apply_reply_keyboard(ctx: CallContext, chat: Chat, markup: ReplyMarkup | None) -> None:
    if markup is None:
        return
    if markup.kind == "keyboard":
        ctx.state.reply_keyboards[chat.id] = markup.data
    elif markup.kind == "remove":
        ctx.state.reply_keyboards.pop(chat.id, None)


def markup_of(p: Params) -> ReplyMarkup | None:
    return parse_reply_markup(p.raw("reply_markup"))
