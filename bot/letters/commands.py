"""The ``sanad letter`` sub-command: ``read FILE [--json]`` for volunteers and tests.

It reads a letter (PDF or photo) the way the bot does and prints its kind, decision date, deadline rule, the
last day computed for Digital Post (e-Boks) and the topic that explains it; ``--json`` prints exactly the keys
``kind``, ``decision_date``, ``rule``, ``deadline``, ``topic``, ``confidence``. Exit code 0, or 2 when the file
cannot be read as a letter (the reason on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings


def register(parts: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letter = parts.add_parser("letter", help="the letter reader").add_subparsers(dest="command", required=True)
    read = letter.add_parser("read", help="read a letter (PDF or photo): kind, decision date, deadline")
    read.add_argument("file", type=Path)
    read.add_argument("--json", action="store_true", help="print one JSON object")
    read.set_defaults(handler=_read)


def _read(settings: Settings, args: argparse.Namespace) -> int:
    from bot.content.loader import load_content
    from bot.letters.reader import understand
    from bot.letters.reading import Unreadable, read_letter
    from bot.output import emit

    loaded = load_content(settings.content_dir)
    if loaded.content is None:
        print("The content has errors; run `sanad content check`.", file=sys.stderr)
        return 1
    try:
        letter = read_letter(args.file.read_bytes())
    except OSError as exc:
        print(f"Cannot open {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    except Unreadable as exc:
        print(f"Cannot read {args.file} as a letter: {exc.reason}", file=sys.stderr)
        return 2
    result = understand(letter, loaded.content).as_json()
    emit(
        result,
        args.json,
        lambda r: "\n".join(f"{key}: {value if value is not None else '-'}" for key, value in r.items()),
    )
    return 0
