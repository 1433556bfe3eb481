"""The ``sanad nlu`` sub-commands."""

from __future__ import annotations

import argparse
import asyncio
import time

from bot.cli import print_json
from bot.nlu import arbanking77, safety_eval
from bot.nlu import evaluate as evaluation
from bot.nlu.client import NluClient
from bot.nlu.model import ContentBroken, ensure_model, load_checked_content, nlu_endpoint
from bot.nlu.rasa_process import RasaError, RasaServer
from bot.nlu.test_data import read_examples
from bot.settings import Settings


def train(settings: Settings, args: argparse.Namespace) -> int:
    try:
        model, trained = ensure_model(settings, force=args.force)
    except (ContentBroken, RasaError) as exc:
        print(exc)
        return 1
    print(f"{'Trained' if trained else 'Unchanged, kept'} {model}")
    if args.swap:
        if not settings.nlu_url:
            print("--swap needs NLU_URL, the address of the running Rasa server.")
            return 1
        asyncio.run(_swap(settings.nlu_url, model))
        print(f"Loaded into {settings.nlu_url}")
    return 0


async def _swap(url: str, model: object) -> None:
    client = NluClient(url)
    try:
        await client.replace_model(model)  # type: ignore[arg-type]
    finally:
        await client.aclose()


def serve(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the current model; when content or NLU data change, train and swap the new model in."""
    try:
        model, _ = ensure_model(settings)
        server = RasaServer(settings.nlu_dir, model, args.port or settings.nlu_port).start(settings.nlu_start_timeout_s)
    except (ContentBroken, RasaError) as exc:
        print(exc)
        return 1
    print(f"Rasa serves {model.name} at {server.url} (Ctrl-C to stop)")
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(args.watch_every)
            try:
                latest, trained = ensure_model(settings)
            except (ContentBroken, RasaError) as exc:
                print(f"Not retrained: {str(exc).splitlines()[0]}")
                continue
            if latest != model:
                asyncio.run(_swap(server.url, latest))
                model = latest
                print(f"Swapped in {model.name}{' (newly trained)' if trained else ''}")
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def evaluate(settings: Settings, args: argparse.Namespace) -> int:
    try:
        content = load_checked_content(settings)
        examples = read_examples(args.file)
        topics = frozenset(content.topics)
        with nlu_endpoint(settings) as url:
            scored = evaluation.run(
                NluClient(url, timeout_s=30), examples, content.danger_phrases, content.distress_phrases
            )
    except (ContentBroken, RasaError) as exc:
        print(exc)
        return 1
    thresholds = settings.thresholds()
    if args.sweep:
        thresholds, table = evaluation.sweep(scored, topics)
        if not args.json:
            print("best threshold settings on this file:")
            for row in table:
                print("  ", {k: v for k, v in row.items() if k != "thresholds"}, row["thresholds"])
            print()
    result = evaluation.score(scored, thresholds, topics)
    if args.json:
        print_json(result)
    else:
        print(evaluation.format_report(result))
    return 0


def safety(settings: Settings, args: argparse.Namespace) -> int:
    """Crisis recall, care for distress and false alarms of the safety net on a labelled crisis file."""
    try:
        content = load_checked_content(settings)
        if args.phrases_only:
            result = safety_eval.run(args.file, content, None, settings.thresholds())
        else:
            with nlu_endpoint(settings) as url:
                result = safety_eval.run(args.file, content, NluClient(url, timeout_s=30), settings.thresholds())
    except (ContentBroken, RasaError, ValueError, OSError) as exc:
        print(exc)
        return 1
    if args.json:
        print_json(result)
    else:
        print(safety_eval.format_report(result))
    return 0


def benchmark(settings: Settings, args: argparse.Namespace) -> int:
    config = args.config or settings.nlu_dir / "config.yml"
    try:
        results = arbanking77.run(args.arbanking77, settings.nlu_dir, config.resolve())
    except RasaError as exc:
        print(exc)
        return 1
    if args.json:
        print_json(results)
    else:
        print(arbanking77.format_report(results))
    return 0
