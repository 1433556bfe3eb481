"""Bot API methods, one module per family; importing this package registers them all."""

from . import (  # noqa: F401  (imported for their @api_method registrations)
    bot_info,
    callbacks,
    chat_actions,
    chats,
    commands,
    files,
    forum_topics,
    media_groups,
    messages,
    updates,
    webhooks,
)
from .registry import REGISTRY, ApiMethod, CallContext, WithDescription, api_method, lookup

__all__ = ["REGISTRY", "ApiMethod", "CallContext", "WithDescription", "api_method", "lookup"]
