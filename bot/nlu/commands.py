"""The ``sanad nlu`` sub-commands: train, serve, evaluate, safety, benchmark."""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from bot.nlu import arbanking77, safety_eval
from bot.nlu import evaluate as evaluation
from bot.nlu.client import NluClient
from bot.nlu.model import ContentBroken, ensure_model, load_checked_content, nlu_endpoint
from bot.nlu.rasa_process import RasaError, RasaServer
from bot.nlu.test_data import read_labelled
from bot.nlu.training_data import pipeline_code
from bot.output import emit
from bot.settings import Settings


def register(parts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    nlu = parts.add_parser("nlu", help="the Rasa NLU").add_subparsers(dest="command", required=True)
    command = nlu.add_parser("train", help="train the model if the data or config changed")
    command.add_argument("--force", action="store_true", help="train even if nothing changed")
    command.add_argument("--swap", action="store_true", help="then load it into the server at NLU_URL")
    command.set_defaults(handler=train)
    command = nlu.add_parser("serve", help="run Rasa's HTTP API, retraining and swapping when the data changes")
    command.add_argument("--port", type=int, help="port (default: NLU_PORT)")
    command.add_argument("--watch-every", type=float, default=5.0, help="seconds between checks for changes")
    command.set_defaults(handler=serve)
    command = nlu.add_parser("evaluate", help="measure NLU and decisions on a labelled test file")
    command.add_argument("file", type=Path)
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--sweep", action="store_true", help="choose thresholds on this (tuning) file")
    command.set_defaults(handler=evaluate)
    command = nlu.add_parser("safety", help="the safety net (phrases, NLU, policy) on a labelled crisis file")
    command.add_argument("file", type=Path, nargs="?", default=Path("nlu/tests/crisis.yml"))
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--phrases-only", action="store_true", help="without the NLU: the safety phrases alone")
    command.set_defaults(handler=safety)
    command = nlu.add_parser("benchmark", help="the pipeline on the ArBanking77 benchmark")
    command.add_argument("--arbanking77", type=Path, required=True, metavar="DIR")
    command.add_argument("--config", type=Path, help="pipeline config (default: nlu/config.yml)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=benchmark)


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
    """Serve the current model; when content or NLU data change, train and swap the new model in. When the
    pipeline's own code changed (its components or text rules), the server is restarted instead: a running one
    would parse with the code it started with."""
    port = args.port or settings.nlu_port
    try:
        model, _ = ensure_model(settings)
        code = pipeline_code(settings.nlu_dir)
        server = RasaServer(settings.nlu_dir, model, port).start(settings.nlu_start_timeout_s)
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
            if latest == model:
                continue
            if (now := pipeline_code(settings.nlu_dir)) != code:
                server.stop()
                try:
                    server = RasaServer(settings.nlu_dir, latest, port).start(settings.nlu_start_timeout_s)
                except RasaError as exc:
                    print(exc)
                    return 1
                print(f"Restarted Rasa with {latest.name} (the pipeline's code changed)")
            else:
                asyncio.run(_swap(server.url, latest))
                print(f"Swapped in {latest.name}{' (newly trained)' if trained else ''}")
            model, code = latest, now
        print(f"The Rasa server stopped by itself; see {server.log_file}")
        return 1
    except KeyboardInterrupt:  # Ctrl-C; SIGTERM ends the command as ``bot.processes.Stopped``, stopping Rasa too
        pass
    finally:
        server.stop()
    return 0


def evaluate(settings: Settings, args: argparse.Namespace) -> int:
    try:
        content = load_checked_content(settings)
        labelled = read_labelled(args.file)  # with a style per message when the file gives one
        examples = [(text, intent) for text, intent, _style in labelled]
        styles = [style for _text, _intent, style in labelled]
        topics = frozenset(content.topics)
        with nlu_endpoint(settings) as url:
            scored = evaluation.run(
                NluClient(url, timeout_s=30),
                examples,
                content.danger_phrases,
                content.distress_phrases,
                styles,
                content.elsewhere_phrases,
            )
    except (ContentBroken, RasaError) as exc:
        print(exc)
        return 1
    thresholds = settings.thresholds()
    if args.sweep:
        thresholds, table = evaluation.sweep(scored, topics, settings.thresholds(), content.neighbours)
        if not args.json:
            print("best threshold settings on this file:")
            for row in table:
                print("  ", {k: v for k, v in row.items() if k != "thresholds"}, row["thresholds"])
            print()
    emit(evaluation.score(scored, thresholds, topics, content.neighbours), args.json, evaluation.format_report)
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
    emit(result, args.json, safety_eval.format_report)
    return 0


def benchmark(settings: Settings, args: argparse.Namespace) -> int:
    config = args.config or settings.nlu_dir / "config.yml"
    try:
        results = arbanking77.run(args.arbanking77, settings.nlu_dir, config.resolve())
    except RasaError as exc:
        print(exc)
        return 1
    emit(results, args.json, arbanking77.format_report)
    return 0
