"""Forum topics: createForumTopic (supergroups with is_forum only), editForumTopic,
closeForumTopic, reopenForumTopic, deleteForumTopic. Each change leaves the service message
Telegram posts (forum_topic_created / _edited / _closed / _reopened); the topic's
message_thread_id is the message_id of its forum_topic_created message."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..params import Params
from ..state import TOPIC_ICON_COLORS, Account, Chat, EmulatorState, ForumTopic
from .common import bot_can, check_bot_is_member, resolve_chat
from .registry import CallContext, api_method

MAX_TOPIC_NAME = 128


def forum_chat(ctx: CallContext, p: Params) -> Chat:
    chat = resolve_chat(ctx, p)
    check_bot_is_member(ctx, chat)
    if not chat.is_forum:
        raise errors.bad_request(errors.CHAT_NOT_FORUM)
    return chat


def topic_name(raw: str | None) -> str:
    name = (raw or "").strip()
    if not name:
        raise errors.bad_request("topic name must be non-empty")
    if len(name) > MAX_TOPIC_NAME:
        raise errors.bad_request("topic name is too long")
    return name


def create_topic(
    state: EmulatorState,
    chat: Chat,
    creator: Account,
    name: str,
    icon_color: int | None = None,
    icon_custom_emoji_id: str | None = None,
) -> ForumTopic:
    """Create a topic and its forum_topic_created service message (used by the API and by users)."""
    color = icon_color if icon_color is not None else TOPIC_ICON_COLORS[0]
    created: dict[str, Any] = {"name": name, "icon_color": color}
    if icon_custom_emoji_id:
        created["icon_custom_emoji_id"] = icon_custom_emoji_id
    message = state.new_message(chat, creator, service={"forum_topic_created": created}, is_topic_message=True)
    message.message_thread_id = message.message_id
    topic = ForumTopic(
        chat=chat,
        message_thread_id=message.message_id,
        name=name,
        icon_color=color,
        creator=creator,
        icon_custom_emoji_id=icon_custom_emoji_id,
        created_message=message,
    )
    chat.topics[topic.message_thread_id] = topic
    return topic


def topic_service(state: EmulatorState, topic: ForumTopic, sender: Account, service: dict[str, Any]) -> None:
    state.new_message(
        topic.chat,
        sender,
        service=service,
        message_thread_id=topic.message_thread_id,
        is_topic_message=True,
        reply_to=topic.created_message,
    )


@api_method("createForumTopic")
async def create_forum_topic(ctx: CallContext, p: Params) -> dict[str, Any]:
    chat = forum_chat(ctx, p)
    if not bot_can(ctx, chat, "can_manage_topics"):
        raise errors.bad_request(errors.NOT_ENOUGH_RIGHTS_TOPIC)
    name = topic_name(p.text("name"))
    color = p.integer("icon_color")
    if color is not None and color not in TOPIC_ICON_COLORS:
        raise errors.bad_request("invalid icon_color specified")
    topic = create_topic(ctx.state, chat, ctx.bot, name, color, p.text("icon_custom_emoji_id") or None)
    return topic.to_api()


def managed_topic(ctx: CallContext, p: Params, right: str = "can_manage_topics") -> tuple[Chat, ForumTopic]:
    chat = forum_chat(ctx, p)
    thread_id = p.integer("message_thread_id", required=True)
    topic = chat.topics.get(thread_id)  # type: ignore[arg-type]
    if topic is None or topic.deleted:
        raise errors.bad_request(errors.TOPIC_ID_INVALID)
    if not bot_can(ctx, chat, right) and not (right == "can_manage_topics" and topic.creator is ctx.bot):
        raise errors.bad_request(errors.NOT_ENOUGH_RIGHTS_MANAGE_TOPIC)
    return chat, topic


@api_method("editForumTopic")
async def edit_forum_topic(ctx: CallContext, p: Params) -> bool:
    _, topic = managed_topic(ctx, p)
    edited: dict[str, Any] = {}
    if p.has("name"):
        name = topic_name(p.text("name"))
        if name != topic.name:
            edited["name"] = name
    if p.raw("icon_custom_emoji_id") is not None:
        emoji = p.text("icon_custom_emoji_id") or ""
        if emoji != (topic.icon_custom_emoji_id or ""):
            edited["icon_custom_emoji_id"] = emoji
    if not edited:
        raise errors.bad_request(errors.TOPIC_NOT_MODIFIED)
    topic.name = edited.get("name", topic.name)
    if "icon_custom_emoji_id" in edited:
        topic.icon_custom_emoji_id = edited["icon_custom_emoji_id"] or None
    topic_service(ctx.state, topic, ctx.bot, {"forum_topic_edited": edited})
    return True


@api_method("closeForumTopic")
async def close_forum_topic(ctx: CallContext, p: Params) -> bool:
    _, topic = managed_topic(ctx, p)
    if topic.closed:
        raise errors.bad_request(errors.TOPIC_NOT_MODIFIED)
    topic.closed = True
    topic_service(ctx.state, topic, ctx.bot, {"forum_topic_closed": {}})
    return True


@api_method("reopenForumTopic")
async def reopen_forum_topic(ctx: CallContext, p: Params) -> bool:
    _, topic = managed_topic(ctx, p)
    if not topic.closed:
        raise errors.bad_request(errors.TOPIC_NOT_MODIFIED)
    topic.closed = False
    topic_service(ctx.state, topic, ctx.bot, {"forum_topic_reopened": {}})
    return True


@api_method("deleteForumTopic")
async def delete_forum_topic(ctx: CallContext, p: Params) -> bool:
    chat, topic = managed_topic(ctx, p, "can_delete_messages")
    topic.deleted = True
    for message in chat.messages.values():
        if message.message_thread_id == topic.message_thread_id:
            message.deleted = True
    ctx.state.notifier.notify()
    return True


@api_method("unpinAllForumTopicMessages")
async def unpin_all_forum_topic_messages(ctx: CallContext, p: Params) -> bool:
    managed_topic(ctx, p, "can_pin_messages")
    return True


@api_method("getForumTopicIconStickers")
async def get_forum_topic_icon_stickers(ctx: CallContext, p: Params) -> list[Any]:
    return []
