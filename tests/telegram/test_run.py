"""Starting the bot: a wrong token or a bad webhook setting is reported plainly, and the process exits."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from bot.settings import Settings
from bot.telegram.run import run_telegram, webhook_secret
from tests.support.telegram_emulator import TelegramEmulator, make_token

pytestmark = [pytest.mark.telegram, pytest.mark.redis]


def configured(settings: Settings, emu: TelegramEmulator, redis_url: str, **values: object) -> Settings:
    base = {
        "telegram_bot_token": SecretStr(emu.token),
        "telegram_api_url": emu.api_root,
        "redis_url": redis_url,
        "nlu_url": "http://127.0.0.1:9",  # never called: no message reaches the engine
        "telegram_listen_port": 0,
    }
    return settings.model_copy(update={**base, **values})


async def test_a_wrong_token_is_reported(
    settings: Settings, emu: TelegramEmulator, redis_url: str, framework: str, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = SecretStr(make_token(emu.bot.id))  # well formed, but not this bot's
    caplog.set_level(logging.ERROR)
    code = await run_telegram(
        configured(settings, emu, redis_url, telegram_bot_token=wrong, telegram_framework=framework)
    )
    assert code == 1
    assert "Telegram refused to start the bot (is TELEGRAM_BOT_TOKEN right?)" in caplog.text
    assert wrong.get_secret_value() not in caplog.text, "PTB quotes the token in its error: it must not be logged"


@pytest.mark.parametrize(
    ("values", "complaint"),
    [
        ({"telegram_webhook_secret": SecretStr("not allowed!")}, "TELEGRAM_WEBHOOK_SECRET"),
        ({"telegram_webhook_url": "https://bot.example.org/metrics"}, "TELEGRAM_WEBHOOK_URL"),
    ],
)
async def test_bad_webhook_settings_stop_the_start(
    settings: Settings,
    emu: TelegramEmulator,
    redis_url: str,
    caplog: pytest.LogCaptureFixture,
    values: dict[str, object],
    complaint: str,
) -> None:
    values = {"telegram_webhook_url": "https://bot.example.org/hook", **values}
    caplog.set_level(logging.ERROR)
    assert await run_telegram(configured(settings, emu, redis_url, **values)) == 2
    assert complaint in caplog.text
    assert emu.calls == [], "nothing was asked of Telegram"


def test_the_webhook_secret_is_derived_from_the_token_when_not_set(settings: Settings) -> None:
    one = settings.model_copy(update={"telegram_bot_token": SecretStr("1:aaa")})
    same = settings.model_copy(
        update={"telegram_bot_token": SecretStr("1:aaa"), "telegram_webhook_secret": SecretStr("")}
    )
    other = settings.model_copy(update={"telegram_bot_token": SecretStr("1:bbb")})
    assert webhook_secret(one) == webhook_secret(same) != webhook_secret(other)
    assert "aaa" not in webhook_secret(one) and len(webhook_secret(one)) == 64
