"""sendMediaGroup: 2-10 photos and videos, or documents, or audio files, sent as one album. Each item (an
InputMedia of the ``media`` JSON array) names its file by file_id or ``attach://`` upload and may carry a caption;
the messages share a new ``media_group_id`` and land in one chat, topic and reply, like Telegram's."""

from __future__ import annotations

import secrets
from typing import Any

from .. import errors
from ..params import Params
from .common import check_bot_can_write, format_text, new_bot_message, resolve_chat, resolve_placement
from .files import media_fields, resolve_input_file
from .registry import CallContext, api_method

KINDS = {"photo": "visual", "video": "visual", "document": "document", "audio": "audio"}


def _items(p: Params) -> list[dict[str, Any]]:
    media = p.json("media", "can't parse media JSON object")
    if media is None:
        raise errors.bad_request('parameter "media" is required')
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise errors.bad_request("expected an Array of InputMedia")
    if not 2 <= len(media) <= 10:
        raise errors.bad_request("wrong number of media items specified: 2-10 are needed")
    kinds = [item.get("type") for item in media]
    if any(kind not in KINDS for kind in kinds):
        raise errors.bad_request("can't parse InputMedia: unsupported type")
    if len({KINDS[str(kind)] for kind in kinds}) > 1:
        raise errors.bad_request("documents and audio files can't be mixed with other media types")
    return media


@api_method("sendMediaGroup")
async def send_media_group(ctx: CallContext, p: Params) -> list[dict[str, Any]]:
    chat = resolve_chat(ctx, p)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    prepared = []
    for number, item in enumerate(_items(p), start=1):
        kind = str(item["type"])
        one = Params({kind: item.get("media")}, p.files)
        try:
            stored = resolve_input_file(ctx, kind, one)
            caption, entities = format_text(
                ctx, item.get("caption"), item.get("parse_mode"), item.get("caption_entities"), caption=True
            )
        except errors.ApiError as exc:
            description = exc.description.removeprefix("Bad Request: ")
            raise errors.bad_request(
                f'failed to send message #{number} with the error message "{description}"'
            ) from None
        prepared.append((kind, stored, caption, entities, item))
    group = str(secrets.randbits(62))
    sent = []
    for kind, stored, caption, entities, item in prepared:
        media, file_ids = media_fields(ctx, kind, stored)
        message = new_bot_message(
            ctx,
            chat,
            p,
            placement,
            None,
            media=media,
            caption=caption or None,
            caption_entities=entities or [],
            source_text=item.get("caption"),
            parse_mode=item.get("parse_mode"),
            file_ids=file_ids,
            media_group_id=group,
        )
        sent.append(message.to_api())
    return sent
