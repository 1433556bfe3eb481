"""Garbage in, a clear and polite answer out: property-based tests through the engine.

Every reply must be Telegram HTML that Telegram would accept (checked with the emulator's parser, which follows
Telegram's rules), carry valid button payloads, and never echo markup the person typed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.provider import ContentProvider
from bot.core.turn import Reply, Turn, TurnKind
from bot.engine import callbacks as cb
from bot.engine.engine import Engine
from bot.settings import REPO_ROOT
from bot.store.store import Store
from tests.support.engine import SCRIPT, THRESHOLDS, ScriptedNlu
from tests.support.telegram_emulator.formatting import parse_html, utf16_len

pytestmark = pytest.mark.redis

ODD_TEXT = st.one_of(
    st.just(""),
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=10_000),
    st.text(alphabet="😀🙏🏽❤️🇸🇾🇩🇰\u200d\ufe0f", min_size=1, max_size=40),  # emoji only
    st.text(alphabet="\u200b\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\u202e\ufeff", max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=20),  # control chars
    st.sampled_from(
        [
            "<b>hi",
            "</i>",
            "<a href='javascript:x'>x</a>",
            "&amp;&lt;",
            "*bold* _x_ [a](b) `c`",
            "\\",
            "<script>alert(1)</script>",
            "شو يعني <b>7.3</b>؟",
            "/start@other_bot",
            "/",
        ]
    ),
    st.builds(lambda a, b: a + b, st.sampled_from(["شو يعني 7.3 ", "احسبلي ", "انتحر "]), st.text(max_size=30)),
)


def assert_sendable(replies: list[Reply]) -> None:
    assert replies, "every message gets an answer"
    for reply in replies:
        visible, _ = parse_html(reply.text, strict_ampersand=True)  # raises on markup Telegram would refuse
        assert 0 < utf16_len(visible) <= 4096 or reply.kind == "answer"
        for row in reply.buttons:
            for button in row:
                assert cb.parse(button.data) is not None and len(button.data.encode()) <= 64
                assert button.label.strip()


@pytest.fixture(scope="module")
def engine_factory(redis_url: str):  # type: ignore[no-untyped-def]
    content = ContentProvider(REPO_ROOT / "content", today=lambda: dt.date(2026, 11, 22))

    def make(store: Store) -> Engine:
        return Engine(
            content,
            ScriptedNlu(SCRIPT),
            store,
            THRESHOLDS,
            today=lambda: dt.date(2026, 11, 22),
            messages_per_minute=10_000,
        )

    return make


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ODD_TEXT)
async def test_any_text_gets_a_sendable_answer(engine_factory, redis_url: str, text: str) -> None:
    store = Store.from_url(redis_url)
    try:
        replies = await engine_factory(store).handle(Turn("tg:77", TurnKind.TEXT, text, "ar"))
        assert_sendable(replies)
        if text.strip() and not text.strip().startswith("/"):
            for reply in replies:
                assert "<script>" not in reply.text and "javascript:" not in reply.text
    finally:
        await store.aclose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.text(max_size=100),
        st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
        st.sampled_from(
            [
                "t:",
                "t:protection_status;drop",
                "m:main\x00",
                "x:delete",
                "dd:2026-02-30",
                "d:iab_appeal",
                "dv:paper",
                "a:adviser" + "x" * 70,
                "l:fr",
                "l:ar",
            ]
        ),
    )
)
async def test_forged_or_replayed_buttons_never_break_anything(engine_factory, redis_url: str, data: str) -> None:
    store = Store.from_url(redis_url)
    try:
        replies = await engine_factory(store).handle(Turn("tg:78", TurnKind.BUTTON, data, "ar"))
        assert_sendable(replies)
    finally:
        await store.aclose()
