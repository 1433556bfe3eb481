"""Fault injection: make the next N calls of a method fail (429 with retry_after, 5xx, any error) or
answer late, so tests can check how the bot copes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import errors


@dataclass
class FaultRule:
    method: str  # lower-case method name, or "*" for every method
    remaining: int
    error_code: int | None = None
    description: str | None = None
    retry_after: int | None = None
    delay: float = 0.0
    raw_body: str | None = None  # answer this body instead of JSON (e.g. an nginx HTML 502 page)
    hits: int = 0

    def error(self) -> errors.ApiError | None:
        if self.error_code is None:
            return None
        if self.error_code == 429:
            retry_after = self.retry_after if self.retry_after is not None else 1
            error = errors.too_many_requests(retry_after)
            if self.description:
                error.description = self.description
            return error
        if self.error_code >= 500:
            return errors.server_error(self.error_code, self.description)
        parameters: dict[str, Any] | None = {"retry_after": self.retry_after} if self.retry_after else None
        return errors.ApiError(self.error_code, self.description or "Bad Request: injected fault", parameters)


class FaultInjector:
    def __init__(self) -> None:
        self.rules: list[FaultRule] = []

    def add(self, rule: FaultRule) -> FaultRule:
        self.rules.append(rule)
        return rule

    def take(self, method: str) -> FaultRule | None:
        name = method.lower()
        for rule in self.rules:
            if rule.remaining > 0 and rule.method in (name, "*"):
                rule.remaining -= 1
                rule.hits += 1
                return rule
        return None

    def clear(self) -> None:
        self.rules.clear()
