"""Files: sendDocument, sendPhoto (and voice / audio / video / animation / sticker) by multipart
upload, ``attach://`` reference or file_id reuse; getFile. The bytes are kept in memory and served
at ``/file/bot<token>/<file_path>``."""

from __future__ import annotations

import mimetypes
import struct
from typing import Any

from .. import errors
from ..params import InputFilePart, Params
from ..state import StoredFile
from .common import check_bot_can_write, format_text, markup_of, new_bot_message, resolve_chat, resolve_placement
from .registry import CallContext, Handler, api_method

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
_KIND_TITLES = {
    "document": "Document",
    "photo": "Photo",
    "voice": "Voice",
    "audio": "Audio",
    "video": "Video",
    "animation": "Animation",
    "sticker": "Sticker",
}
# which stored kinds may be re-sent as which kind
_COMPATIBLE = {
    "document": {"document", "audio", "video", "animation", "voice"},
    "photo": {"photo"},
    "voice": {"voice"},
    "audio": {"audio"},
    "video": {"video"},
    "animation": {"animation"},
    "sticker": {"sticker"},
}


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image; None when the bytes are no image."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        if data[12:16] == b"VP8X":
            return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
        if data[12:16] == b"VP8 " and len(data) >= 30:
            width, height = struct.unpack("<HH", data[26:30])
            return width & 0x3FFF, height & 0x3FFF
        return 512, 512
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return width, height
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            (length,) = struct.unpack(">H", data[i + 2 : i + 4])
            i += 2 + length
    return None


def guess_mime(file_name: str | None, content_type: str | None) -> str:
    guessed = mimetypes.guess_type(file_name)[0] if file_name else None
    if guessed:
        return guessed
    if content_type and content_type != "application/octet-stream":
        return content_type
    return "application/octet-stream"


def photo_sizes(state_file: StoredFile, thumb: StoredFile | None) -> list[dict[str, Any]]:
    sizes = []
    if thumb is not None:
        sizes.append(thumb.to_api())
    sizes.append(state_file.to_api())
    return sizes


def store_upload(ctx: CallContext, kind: str, part: InputFilePart, p: Params) -> StoredFile:
    data = part.data
    if not data:
        raise errors.bad_request(errors.FILE_EMPTY)
    if len(data) > (MAX_PHOTO_BYTES if kind == "photo" else MAX_UPLOAD_BYTES):
        raise errors.ApiError(413, "Request Entity Too Large")
    width = height = None
    if kind in ("photo", "sticker"):
        size = image_size(data)
        if size is None:
            raise errors.bad_request(errors.IMAGE_PROCESS_FAILED)
        width, height = size
    elif kind in ("video", "animation"):
        width, height = p.integer("width", 0), p.integer("height", 0)
    mime = None if kind in ("photo", "sticker") else guess_mime(part.filename, part.content_type)
    if kind == "voice" and mime == "application/octet-stream":
        mime = "audio/ogg"
    return ctx.state.store_file(
        kind,
        data,
        file_name=part.filename if kind in ("document", "audio", "video", "animation") else None,
        mime_type=mime,
        width=width,
        height=height,
        duration=p.integer("duration", 0) if kind in ("voice", "audio", "video", "animation") else None,
    )


def resolve_input_file(ctx: CallContext, kind: str, p: Params) -> StoredFile:
    value = p.file(kind)
    if value is None:
        raise errors.bad_request(f"there is no {kind} in the request")
    if isinstance(value, InputFilePart):
        return store_upload(ctx, kind, value, p)
    text = value.strip()
    if text.startswith(("http://", "https://")):
        raise errors.bad_request(errors.HTTP_URL_CONTENT)  # the emulator cannot fetch URLs
    stored = ctx.state.files.get(text)
    if stored is None:
        raise errors.bad_request(errors.WRONG_FILE_ID)
    if stored.kind not in _COMPATIBLE[kind]:
        raise errors.bad_request(
            f"can't use file of type {_KIND_TITLES.get(stored.kind, stored.kind)} as {_KIND_TITLES[kind]}"
        )
    return stored


def media_fields(ctx: CallContext, kind: str, stored: StoredFile) -> tuple[dict[str, Any], list[str]]:
    if kind == "photo":
        thumb = None
        if (stored.width or 0) > 90 or (stored.height or 0) > 90:
            scale = 90 / max(stored.width or 1, stored.height or 1)
            thumb = _thumbnail_of(ctx, stored, scale)
        ids = [stored.file_id] + ([thumb.file_id] if thumb else [])
        return {"photo": photo_sizes(stored, thumb)}, ids
    return {kind: stored.to_api()}, [stored.file_id]


def _thumbnail_of(ctx: CallContext, stored: StoredFile, scale: float) -> StoredFile:
    cache = ctx.emu.thumbnails
    if stored.file_id not in cache:
        cache[stored.file_id] = ctx.state.store_file(
            "photo",
            stored.data,
            width=max(1, round((stored.width or 1) * scale)),
            height=max(1, round((stored.height or 1) * scale)),
        )
    return cache[stored.file_id]


async def send_media(ctx: CallContext, p: Params, kind: str) -> dict[str, Any]:
    chat = resolve_chat(ctx, p)
    check_bot_can_write(ctx, chat)
    placement = resolve_placement(ctx, chat, p)
    stored = resolve_input_file(ctx, kind, p)
    caption = caption_entities = None
    source = p.text("caption")
    if kind != "sticker" and source:
        caption, caption_entities = format_text(
            ctx,
            source,
            p.text("parse_mode"),
            p.json("caption_entities", "can't parse entities JSON object"),
            caption=True,
        )
    markup = markup_of(p)
    media, file_ids = media_fields(ctx, kind, stored)
    if kind == "sticker" and p.text("emoji"):
        media["sticker"]["emoji"] = p.text("emoji")
    message = new_bot_message(
        ctx,
        chat,
        p,
        placement,
        markup,
        media=media,
        caption=caption or None,
        caption_entities=caption_entities or [],
        source_text=source,
        parse_mode=p.text("parse_mode"),
        file_ids=file_ids,
    )
    return message.to_api()


def _sender(kind: str) -> Handler:
    async def handler(ctx: CallContext, p: Params) -> dict[str, Any]:
        return await send_media(ctx, p, kind)

    handler.__name__ = f"send_{kind}"
    return handler


for _kind in ("document", "photo", "voice", "audio", "video", "animation", "sticker"):
    api_method(f"send{_KIND_TITLES[_kind]}")(_sender(_kind))


@api_method("getFile")
async def get_file(ctx: CallContext, p: Params) -> dict[str, Any]:
    stored = ctx.state.files.get((p.text("file_id") or "").strip())
    if stored is None:
        raise errors.bad_request(errors.INVALID_FILE_ID)
    if stored.file_size > MAX_DOWNLOAD_BYTES:
        raise errors.bad_request(errors.FILE_TOO_BIG)
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.file_size,
        "file_path": ctx.state.assign_file_path(stored),
    }
