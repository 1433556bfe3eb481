"""The bot's only way to Rasa: its HTTP API (``POST /model/parse``, ``GET /status``, ``PUT /model``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx


class NluUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error; the bot falls back to its menu."""


@dataclass(frozen=True)
class Parse:
    ranking: tuple[tuple[str, float], ...]

    @property
    def top(self) -> tuple[str, float] | None:
        return self.ranking[0] if self.ranking else None


class NluClient:
    def __init__(self, base_url: str, timeout_s: float = 3.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=timeout_s,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=64),
        )

    async def parse(self, text: str) -> Parse:
        try:
            response = await self._http.post("/model/parse", json={"text": text})
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise NluUnavailable(type(exc).__name__) from exc
        ranking = body.get("intent_ranking") or ([body["intent"]] if body.get("intent") else [])
        return Parse(tuple((r["name"], float(r["confidence"])) for r in ranking if r.get("name")))

    async def ready(self) -> bool:
        try:
            response = await self._http.get("/status")
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def replace_model(self, model: Path) -> None:
        """Swap in a newly trained model without restarting the server."""
        try:
            response = await self._http.put("/model", json={"model_file": str(model)}, timeout=120.0)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise NluUnavailable(f"model swap failed: {type(exc).__name__}") from exc

    async def aclose(self) -> None:
        await self._http.aclose()
