"""What goes into the engine and what comes out of it, independent of Telegram or the terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TurnKind(StrEnum):
    TEXT = "text"  # a typed message (commands included)
    BUTTON = "button"  # a pressed button, with its payload
    UNSUPPORTED = "unsupported"  # voice, photo, sticker, file, location, contact...


@dataclass(frozen=True)
class Turn:
    user: str  # the transport's id for the person, e.g. "tg:12345"; hashed before it is stored
    kind: TurnKind = TurnKind.TEXT
    text: str = ""  # the message, or the button payload
    language_hint: str | None = None  # e.g. Telegram's language_code
    media: str | None = None  # "voice", "photo", "sticker", "document", ...: UNSUPPORTED, or TEXT from its caption
    ref: str | None = None  # the transport's reference to the message, to copy it to advisers
    album: str | None = None  # the album it belongs to (Telegram's media_group_id): the album gets one reply
    album_file: str | None = None  # with ``album``: the item's file, so that a case relays the album as one
    # A PDF or an image sent as a document, or a photo: the transport's id to download it (never stored), its
    # size in bytes when known, and its MIME type ("application/pdf", "image/jpeg" ...).
    file_id: str | None = None
    file_size: int | None = None
    file_mime: str | None = None
    edited: bool = False  # a new version of an earlier message (``ref`` names it): relayed in a case, else ignored


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback payload, at most 64 bytes


@dataclass(frozen=True)
class Reply:
    text: str  # Telegram HTML (<b>, <i>, <a href>); transports render or strip it
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    kind: str = "text"  # what the reply is, for tests and metrics: answer, menu, emergency, ...
    topic: str | None = None
