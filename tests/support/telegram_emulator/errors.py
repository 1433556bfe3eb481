"""Telegram Bot API errors: the exception the method handlers raise and the texts Telegram uses.

Every error reaches the bot as ``{"ok": false, "error_code": N, "description": "..."}`` with the HTTP
status equal to ``error_code``, exactly like api.telegram.org answers.
"""

from __future__ import annotations

from typing import Any

# Texts Telegram answers with (the description after the "Bad Request: " / "Forbidden: " prefix).
CHAT_NOT_FOUND = "chat not found"
USER_NOT_FOUND = "user not found"
MESSAGE_TEXT_EMPTY = "message text is empty"
MESSAGE_TOO_LONG = "message is too long"
CAPTION_TOO_LONG = "message caption is too long"
BUTTON_DATA_INVALID = "BUTTON_DATA_INVALID"
BUTTON_URL_INVALID = "BUTTON_URL_INVALID"
BUTTON_TEXT_INVALID = "BUTTON_TEXT_INVALID"
TEXT_BUTTONS_UNALLOWED = "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
INLINE_KEYBOARD_NOT_ARRAYS = 'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
REPLY_MARKUP_UNPARSABLE = "can't parse reply keyboard markup JSON object"
MESSAGE_THREAD_NOT_FOUND = "message thread not found"
TOPIC_CLOSED = "TOPIC_CLOSED"
TOPIC_ID_INVALID = "TOPIC_ID_INVALID"
TOPIC_NOT_MODIFIED = "TOPIC_NOT_MODIFIED"
CHAT_NOT_FORUM = "the chat is not a forum"
NOT_ENOUGH_RIGHTS_TOPIC = "not enough rights to create a topic"
NOT_ENOUGH_RIGHTS_MANAGE_TOPIC = "not enough rights to manage the topic"
MESSAGE_TO_EDIT_NOT_FOUND = "message to edit not found"
MESSAGE_CANT_BE_EDITED = "message can't be edited"
NO_TEXT_TO_EDIT = "there is no text in the message to edit"
NO_CAPTION_TO_EDIT = "there is no caption in the message to edit"
MESSAGE_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
MESSAGE_TO_DELETE_NOT_FOUND = "message to delete not found"
MESSAGE_CANT_BE_DELETED = "message can't be deleted"
MESSAGE_TO_REPLY_NOT_FOUND = "message to be replied not found"
MESSAGE_TO_COPY_NOT_FOUND = "message to copy not found"
MESSAGE_TO_FORWARD_NOT_FOUND = "message to forward not found"
MESSAGE_CANT_BE_COPIED = "message can't be copied"
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
WRONG_ACTION = "wrong parameter action in request"
INVALID_FILE_ID = "invalid file_id"
WRONG_FILE_ID = "wrong file identifier/HTTP URL specified"
FILE_TOO_BIG = "file is too big"
FILE_EMPTY = "file must be non-empty"
HTTP_URL_CONTENT = "failed to get HTTP URL content"
IMAGE_PROCESS_FAILED = "IMAGE_PROCESS_FAILED"
BOT_COMMAND_INVALID = "BOT_COMMAND_INVALID"
BOT_COMMAND_DESCRIPTION_INVALID = "BOT_COMMAND_DESCRIPTION_INVALID"
INVALID_LANGUAGE_CODE = "invalid language code specified"
PRIVATE_CHAT_MEMBER_STATUS = "chat member status can't be changed in private chats"
BLOCKED_BY_USER = "bot was blocked by the user"
USER_DEACTIVATED = "user is deactivated"
CANT_INITIATE = "bot can't initiate conversation with a user"
WEBHOOK_ACTIVE = "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
TERMINATED_BY_OTHER_GET_UPDATES = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)

SERVER_ERROR_TEXTS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """An error answer of the Bot API; raised by method handlers, turned into the JSON body."""

    def __init__(self, error_code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body

    def __repr__(self) -> str:
        return f"ApiError({self.error_code}, {self.description!r})"


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


def forbidden(text: str) -> ApiError:
    return ApiError(403, f"Forbidden: {text}")


def conflict(text: str) -> ApiError:
    return ApiError(409, f"Conflict: {text}")


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


def server_error(code: int = 500, description: str | None = None) -> ApiError:
    return ApiError(code, description or SERVER_ERROR_TEXTS.get(code, "Internal Server Error"))


def entity_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def not_member(chat_type: str) -> ApiError:
    kind = "supergroup" if chat_type == "supergroup" else "channel" if chat_type == "channel" else "group"
    return forbidden(f"bot is not a member of the {kind} chat")


def kicked_from(chat_type: str) -> ApiError:
    kind = "supergroup" if chat_type == "supergroup" else "channel" if chat_type == "channel" else "group"
    return forbidden(f"bot was kicked from the {kind} chat")
