"""YAML loading that remembers the line of every key and list item, so problems can name the line."""

from __future__ import annotations

from typing import Any

import yaml

Location = tuple[str | int, ...]
# libyaml's parser when PyYAML was built with it (the wheels are): the same documents, about ten times faster
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def load_with_lines(text: str, first_line: int = 1) -> tuple[Any, dict[Location, int]]:
    """Parse ``text``; return the data and a map from each key path to its 1-based line number."""
    loader = _LOADER(text)  # a safe loader: CSafeLoader or SafeLoader
    try:
        node = loader.get_single_node()  # parsed once: the nodes give the lines, and the data is built from them
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line if mark else 0) + first_line
        raise YamlError(line, f"{exc.problem or exc.context}") from exc
    finally:
        loader.dispose()
    lines: dict[Location, int] = {(): first_line}
    if node is not None:
        _walk(node, (), lines, first_line)
    return data, lines


def _walk(node: yaml.Node, path: Location, lines: dict[Location, int], offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*path, str(key_node.value))
            lines[key] = key_node.start_mark.line + offset
            _walk(value_node, key, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*path, index)
            lines[key] = item.start_mark.line + offset
            _walk(item, key, lines, offset)


def line_of(lines: dict[Location, int], location: Location) -> int:
    """The line of ``location``, or of its nearest parent that has one."""
    while location not in lines and location:
        location = location[:-1]
    return lines.get(location, 0)
