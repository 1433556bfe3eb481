"""All configuration in one validated class. Every field can be set by an environment variable of the
same name in upper case (for example ``NLU_URL``) or in a ``.env`` file; ``.env.example`` lists them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.policy import Thresholds

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Content
    content_dir: Path = REPO_ROOT / "content"

    # NLU: a running Rasa server, or (unset) a child Rasa server started from nlu/.venv
    nlu_url: str | None = None
    nlu_dir: Path = REPO_ROOT / "nlu"
    nlu_port: int = 5005
    nlu_timeout_s: Annotated[float, Field(gt=0)] = 3.0
    nlu_start_timeout_s: Annotated[float, Field(gt=0)] = 180.0

    # Decision policy thresholds, chosen with `sanad nlu evaluate --sweep` on nlu/tests/validation.yml (fewest
    # answered wrongly, then most answered rightly: see its docstring) and, for the safety ones,
    # `sanad nlu safety nlu/tests/crisis_tuning.yml`
    emergency_threshold: Annotated[float, Field(ge=0, le=1)] = 0.4
    emergency_watch_threshold: Annotated[float, Field(ge=0, le=1)] = 0.1
    emergency_sentence_threshold: Annotated[float, Field(ge=0, le=1)] = 0.5
    answer_threshold: Annotated[float, Field(ge=0, le=1)] = 0.6
    candidate_threshold: Annotated[float, Field(ge=0, le=1)] = 0.03
    answer_margin: Annotated[float, Field(ge=0, le=1)] = 0.0
    lead_threshold: Annotated[float, Field(ge=0, le=1)] = 0.3
    lead_ratio: Annotated[float, Field(ge=1)] = 4.0
    related_lead_ratio: Annotated[float, Field(ge=1)] = 2.0
    related_share: Annotated[float, Field(ge=0, le=1)] = 0.9
    out_of_scope_ratio: Annotated[float, Field(ge=1)] = 2.0
    distress_threshold: Annotated[float, Field(ge=0, le=1)] = 0.12
    distress_sentence_threshold: Annotated[float, Field(ge=0, le=1)] = 0.2

    # State: every key expires
    redis_url: str | None = None
    state_dir: Path = REPO_ROOT / ".state"
    hash_key: SecretStr | None = None  # secret for hashing ids; default: created once, kept in Redis
    session_ttl_s: Annotated[int, Field(ge=60)] = 24 * 3600
    language_ttl_s: Annotated[int, Field(ge=60)] = 180 * 24 * 3600
    adviser_request_ttl_s: Annotated[int, Field(ge=60)] = 7 * 24 * 3600
    messages_per_minute: Annotated[int, Field(ge=1)] = 20  # per person, outside an adviser conversation

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_framework: Literal["aiogram", "ptb"] = "aiogram"
    telegram_webhook_url: str | None = None  # the public HTTPS URL Telegram posts updates to; unset: long polling
    telegram_webhook_secret: SecretStr | None = None  # the secret-token header; unset: derived from the token
    telegram_listen_host: str = "127.0.0.1"  # the bot's web server: webhook, /healthz, /metrics
    telegram_listen_port: Annotated[int, Field(ge=0, le=65535)] = 8080

    # The unanswered-questions log for volunteers (scrubbed of personal data); off by default
    unanswered_log: bool = False
    unanswered_ttl_s: Annotated[int, Field(ge=60)] = 30 * 24 * 3600

    # Handoff to human advisers (a Telegram supergroup with topics); unset: requests are recorded and
    # free legal-help contacts are shown
    adviser_chat_id: int | None = None
    case_open_ttl_s: Annotated[int, Field(ge=3600)] = 30 * 24 * 3600
    case_retention_s: Annotated[int, Field(ge=60)] = 7 * 24 * 3600
    adviser_reminder_s: Annotated[int, Field(ge=60)] = 30 * 60

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    def thresholds(self) -> Thresholds:
        """The decision policy's thresholds (``bot/core/policy.py``) from these settings."""
        return Thresholds(
            emergency=self.emergency_threshold,
            answer=self.answer_threshold,
            candidate=self.candidate_threshold,
            margin=self.answer_margin,
            distress=self.distress_threshold,
            emergency_watch=self.emergency_watch_threshold,
            emergency_sentence=self.emergency_sentence_threshold,
            distress_sentence=self.distress_sentence_threshold,
            lead=self.lead_threshold,
            lead_ratio=self.lead_ratio,
            related_ratio=self.related_lead_ratio,
            related_share=self.related_share,
            out_of_scope_ratio=self.out_of_scope_ratio,
        )
