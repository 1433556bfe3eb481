"""``sanad nlu benchmark --arbanking77 DIR``: the pipeline on a public Arabic intent benchmark.

Trains the pipeline configuration on the ArBanking77 train split and reports macro-F1 on the MSA and
Palestinian test splits beside the published figures. It is a measurement for choosing the pipeline;
no test reads the data set.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
from pathlib import Path
from typing import Any

import yaml

from bot.nlu import metrics
from bot.nlu.client import NluClient
from bot.nlu.model import free_port
from bot.nlu.rasa_process import RasaServer, train

PUBLISHED = {"MSA": {"AraBERT": 0.9209, "sparse baseline": 0.862}, "PAL": {"AraBERT": 0.8995, "sparse baseline": 0.838}}
SPLITS = {"MSA": "Banking77_Arabized_MSA_test.csv", "PAL": "Banking77_Arabized_PAL_test.csv"}
TRAIN = "Banking77_Arabized_MSA_PAL_train.csv"


def _read(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle) if row.get("text")]


def run(data_dir: Path, nlu_dir: Path, config: Path, concurrency: int = 8) -> dict[str, Any]:
    train_rows = _read(data_dir / TRAIN)
    labels = sorted({label for _, label in train_rows})
    ident = {label: f"b{index:02d}" for index, label in enumerate(labels)}
    work = nlu_dir / ".build" / "arbanking77"
    work.mkdir(parents=True, exist_ok=True)
    by_intent: dict[str, list[str]] = {}
    for text, label in train_rows:
        by_intent.setdefault(ident[label], []).append(" ".join(text.split()))
    data = {
        "version": "3.1",
        "nlu": [
            {"intent": i, "examples": "".join(f"- {t}\n" for t in sorted(set(ts)))}
            for i, ts in sorted(by_intent.items())
        ],
    }
    train_file = work / "train.yml"
    train_file.write_text(yaml.safe_dump(data, allow_unicode=True, width=1000), encoding="utf-8")
    digest = hashlib.sha256(train_file.read_bytes() + config.read_bytes()).hexdigest()[:16]
    config_copy = nlu_dir / f".arbanking77-{digest}.yml"
    config_copy.write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        model, _ = _train_with(nlu_dir, config_copy, train_file, digest)
    finally:
        config_copy.unlink(missing_ok=True)
    results: dict[str, Any] = {"config": str(config), "train_examples": len(train_rows), "intents": len(labels)}
    with RasaServer(nlu_dir, model, free_port()).start(600) as server:
        for split, name in SPLITS.items():
            rows = [(t, ident.get(label, label)) for t, label in _read(data_dir / name)]
            predicted = asyncio.run(_predict(server.url, [t for t, _ in rows], concurrency))
            gold = [g for _, g in rows]
            results[split] = {
                "n": len(rows),
                "macro_f1": round(metrics.macro_f1(gold, predicted), 4),
                "accuracy": round(metrics.accuracy(gold, predicted), 4),
                **PUBLISHED[split],
            }
    return results


def _train_with(nlu_dir: Path, config: Path, train_file: Path, digest: str) -> tuple[Path, bool]:
    target = nlu_dir / "models" / "benchmarks" / f"arbanking77-{digest}.tar.gz"
    return train(nlu_dir, train_file, digest, config=config.name, target=target)


async def _predict(url: str, texts: list[str], concurrency: int) -> list[str]:
    client = NluClient(url, timeout_s=60)
    gate = asyncio.Semaphore(concurrency)

    async def one(text: str) -> str:
        async with gate:
            parse = await client.parse(text)
            return parse.top[0] if parse.top else ""

    try:
        return list(await asyncio.gather(*(one(t) for t in texts)))
    finally:
        await client.aclose()


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"ArBanking77: {results['train_examples']} training examples, {results['intents']} intents, "
        f"config {results['config']}",
        "",
        f"{'split':<6}{'this pipeline':>15}{'AraBERT (paper)':>18}{'sparse (paper)':>17}",
    ]
    for split in SPLITS:
        r = results[split]
        lines.append(f"{split:<6}{r['macro_f1']:>15.4f}{r['AraBERT']:>18.4f}{r['sparse baseline']:>17.4f}")
    return "\n".join(lines)
