"""Welcome, menus, languages and help: the journeys that need no stored flow."""

from __future__ import annotations

from bot.core.turn import Reply
from bot.engine import replies
from bot.engine.context import Context


async def start(ctx: Context, _value: str = "") -> list[Reply]:
    """``/start``: the welcome, with the language choice on a first visit."""
    return [replies.welcome(ctx.view, first=ctx.session.language is None)]


async def main_menu(ctx: Context, _value: str = "") -> list[Reply]:
    return [replies.menu(ctx.view)]


async def help_(ctx: Context, _value: str = "") -> list[Reply]:
    return [replies.capabilities(ctx.view)]


async def choose_language(ctx: Context, _value: str = "") -> list[Reply]:
    return [replies.language_choice(ctx.view)]


async def contacts(ctx: Context, _value: str = "") -> list[Reply]:
    return [replies.contacts(ctx.view)]


async def submenu(ctx: Context, name: str) -> list[Reply]:
    """A menu button; the stale-button reply for a submenu that no longer exists."""
    found = replies.find_submenu(ctx.view.content, name)
    if found is None:
        return [replies.stale_button(ctx.view)]
    ctx.session.end_flow()
    return [replies.menu(ctx.view, found)]


async def set_language(ctx: Context, language: str) -> list[Reply]:
    """A language button: remembered for the person, then the menu in that language."""
    if language not in ctx.view.content.languages.languages:
        return [replies.stale_button(ctx.view)]
    ctx.session.language = language
    ctx.view = ctx.in_language(language)
    return [replies.language_set(ctx.view), replies.menu(ctx.view)]
