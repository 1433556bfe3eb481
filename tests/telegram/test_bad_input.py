"""Garbage through the real Bot API path: every message gets a reply and Telegram never refuses what the bot
sends (no markup error, no empty or too-long message), with a property-based set of hostile texts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.telegram import Start
from tests.support.telegram_emulator import TelegramEmulator

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != ""),
    # as long as a client sends: Telegram counts UTF-16 units, at most 4096
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1500, max_size=4096).filter(
        lambda t: t.strip() != "" and len(t.encode("utf-16-le")) // 2 <= 4096
    ),
    st.sampled_from(["<b>unclosed", "</i>&", "*_[`\\", '<a href="javascript:alert(1)">x</a>', "&#0;", "\u202e"]),
    st.text(alphabet="😀\u200d\u200f\u2066\u2069\ufeff", min_size=1, max_size=10),
)


def hostile_texts(count: int) -> list[str]:
    """Inputs drawn by Hypothesis (which favours edge cases); the bot is too slow to start for each one."""
    drawn: list[str] = []

    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(text=HOSTILE)
    def draw(text: str) -> None:
        drawn.append(text)

    draw()
    return drawn


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_hostile_text_through_the_bot_api(start_bot: Start, emu: TelegramEmulator, framework: str) -> None:
    person = emu.create_user("Fuzz", language_code="ar")
    async with start_bot(framework, messages_per_minute=10_000):
        for text in hostile_texts(20):
            before = len(emu.calls_to("sendMessage"))
            person.send_text(text)
            replies = await person.wait_for_messages(timeout=20)
            assert replies and all((r.text or "").strip() for r in replies), repr(text)
            for call in emu.calls_to("sendMessage")[before:]:
                assert call.status == 200, (repr(text), call.status, call.error)
