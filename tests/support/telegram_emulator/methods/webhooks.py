"""setWebhook, deleteWebhook, getWebhookInfo. Delivery itself lives in ``webhook.py``."""

from __future__ import annotations

import re
from typing import Any

from .. import errors
from ..params import Params
from ..webhook import WebhookConfig, is_loopback_url
from .registry import CallContext, WithDescription, api_method
from .updates import parse_allowed_updates

_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@api_method("setWebhook")
async def set_webhook(ctx: CallContext, p: Params) -> WithDescription:
    url = (p.text("url") or "").strip()
    drop = p.flag("drop_pending_updates")
    hooks = ctx.emu.webhooks
    if not url:
        had = hooks.config is not None
        hooks.delete(drop_pending_updates=drop)
        return WithDescription(True, "Webhook was deleted" if had else "Webhook is already deleted")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise errors.bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if not is_loopback_url(url):
        raise errors.bad_request(
            "bad webhook: the emulator delivers webhooks to loopback addresses only (127.0.0.0/8, ::1, localhost)"
        )
    secret = p.text("secret_token")
    if secret is not None and secret != "" and not _SECRET_RE.match(secret):
        raise errors.bad_request("secret token contains unallowed characters")
    max_connections = p.integer("max_connections", 40) or 40
    if not 1 <= max_connections <= 100:
        raise errors.bad_request("invalid max_connections specified")
    given, allowed = parse_allowed_updates(p)
    config = WebhookConfig(
        url=url,
        secret_token=secret or None,
        max_connections=max_connections,
        allowed_updates=allowed if given else (hooks.config.allowed_updates if hooks.config else None),
        ip_address=p.text("ip_address"),
        has_custom_certificate="certificate" in p.files,
    )
    same = hooks.config is not None and hooks.config.same_as(config)
    if given:
        ctx.state.updates.allowed_updates = allowed
    hooks.set(config, drop_pending_updates=drop)
    ctx.emu.poller.interrupt(errors.conflict(errors.WEBHOOK_ACTIVE))
    return WithDescription(True, "Webhook is already set" if same else "Webhook was set")


@api_method("deleteWebhook")
async def delete_webhook(ctx: CallContext, p: Params) -> WithDescription:
    hooks = ctx.emu.webhooks
    had = hooks.config is not None
    hooks.delete(drop_pending_updates=p.flag("drop_pending_updates"))
    return WithDescription(True, "Webhook was deleted" if had else "Webhook is already deleted")


@api_method("getWebhookInfo")
async def get_webhook_info(ctx: CallContext, p: Params) -> dict[str, Any]:
    return ctx.emu.webhooks.info()
