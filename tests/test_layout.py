"""The shape of the code: dependencies between the bot's packages point one way, the ``sanad`` command is only
assembled in ``bot/cli.py``, and tests take their helpers from ``tests/support/``.

Every import counts, also one inside a function or under ``TYPE_CHECKING``: each says that one part knows
another. A node of the graph is a package of ``bot/`` (``bot.engine``) or a top-level module (``bot.cli``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from bot.settings import REPO_ROOT

BOT = REPO_ROOT / "bot"
TESTS = REPO_ROOT / "tests"


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _module(path: Path) -> str:
    return ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts).removesuffix(".__init__")


def _part(module: str) -> str | None:
    """``bot.engine.flows.deadline`` -> ``bot.engine``; ``bot.cli`` -> ``bot.cli``; outside the bot: None."""
    parts = module.split(".")
    if parts[0] != "bot" or len(parts) < 2:
        return None
    if (BOT / parts[1]).is_dir() or (BOT / f"{parts[1]}.py").exists():
        return f"bot.{parts[1]}"
    return None


def package_graph() -> dict[str, dict[str, set[str]]]:
    """part -> part it imports -> the modules that import it."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in BOT.rglob("*.py"):
        source = _part(_module(path))
        for imported in _imports(path):
            target = _part(imported)
            if source and target and target != source:
                graph.setdefault(source, {}).setdefault(target, set()).add(_module(path))
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """Every elementary cycle, once, starting at its smallest part."""
    found: list[list[str]] = []

    def walk(start: str, node: str, path: list[str]) -> None:
        for after in sorted(graph.get(node, {})):
            if after == start:
                found.append(list(path))
            elif after > start and after not in path:
                walk(start, after, [*path, after])

    for start in sorted(graph):
        walk(start, start, [start])
    return found


def test_no_import_cycles_between_packages() -> None:
    graph = package_graph()
    found = cycles(graph)
    shown = [
        " -> ".join(cycle + cycle[:1])
        + "  ("
        + "; ".join(
            f"{a} -> {b}: {', '.join(sorted(graph[a][b]))}" for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True)
        )
        + ")"
        for cycle in sorted(found, key=len)
    ]
    assert not found, "import cycles between packages:\n" + "\n".join(shown)


def test_only_the_assembler_knows_the_command_line() -> None:
    """Each part registers its own sub-commands; no part imports ``bot.cli`` (the ``sanad`` entry point)."""
    importers = {_module(path) for path in BOT.rglob("*.py") for name in _imports(path) if name == "bot.cli"}
    assert importers <= {"bot.__main__"}, importers


def test_tests_take_helpers_from_tests_support() -> None:
    """Fixtures come from ``conftest.py`` through pytest, helpers from ``tests/support/``: a test never imports a
    conftest or another test module."""
    wrong = sorted(
        f"{_module(path)} imports {name}"
        for path in TESTS.rglob("*.py")
        for name in _imports(path)
        if name.startswith("tests.")
        and any(part == "conftest" or part.startswith("test_") for part in name.split(".")[1:])
    )
    assert not wrong, wrong
