"""All configuration in one validated class. Every field can be set by an environment variable of the
same name in upper case (for example ``NLU_URL``) or in a ``.env`` file; ``.env.example`` lists them."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Content
    content_dir: Path = REPO_ROOT / "content"

    # NLU: a running Rasa server, or (unset) a child Rasa server started from nlu/.venv
    nlu_url: str | None = None
    nlu_dir: Path = REPO_ROOT / "nlu"
    nlu_port: int = 5005
    nlu_timeout_s: float = Field(3.0, gt=0)
    nlu_start_timeout_s: float = Field(180.0, gt=0)

    # Decision policy thresholds, chosen with `sanad nlu evaluate --sweep` on nlu/tests/validation.yml
    emergency_threshold: float = Field(0.10, ge=0, le=1)
    answer_threshold: float = Field(0.60, ge=0, le=1)
    candidate_threshold: float = Field(0.10, ge=0, le=1)
    answer_margin: float = Field(0.0, ge=0, le=1)

    # State
    redis_url: str | None = None
    state_dir: Path = REPO_ROOT / ".state"

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_framework: Literal["aiogram", "ptb"] = "aiogram"

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
