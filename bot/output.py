"""What the ``sanad`` sub-commands print: one JSON object (``--json``) or a report for people.

A leaf module: every part's commands may use it, and it imports nothing from the bot.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def print_json(data: object) -> None:
    """``data`` as indented JSON on stdout, non-ASCII (Arabic) written as itself."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def emit(result: T, as_json: bool, formatter: Callable[[T], str]) -> None:
    """Print ``result`` as JSON when ``as_json``, else the report ``formatter`` makes of it."""
    if as_json:
        print_json(result)
    else:
        print(formatter(result))
