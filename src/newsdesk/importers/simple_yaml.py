"""Front matter of plain ``name: value`` lines, read without a YAML parser.

Reading a folder of Markdown posts spent most of its time in YAML (libyaml parses, but
PyYAML builds every value in Python: ~140 µs a file). The front matter newsdesk writes, and
most that Hugo and Jekyll sites hold, is a column of ``name: value`` lines, the value a
scalar, a ``["flow", "list"]`` of quoted strings, or a block list of scalars (``- item``
lines). :func:`simple_front_matter` reads exactly that and gives what PyYAML's safe loader
gives: a plain scalar's type is decided by PyYAML's own resolver and built by its own safe
constructor (``true``, ``3``, ``2024-01-02`` …), a quoted one is a string. For anything else
(nesting, anchors, escapes, comments after a value, multi-line values, unusual characters)
it gives None and the caller parses the YAML as before; ``tests/importers/test_simple_yaml.py``
checks the two agree.
"""

from __future__ import annotations

import json
import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.reader import Reader
from yaml.resolver import Resolver

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?")
_ITEM = re.compile(r"( *)-(?: (.*))?")
_SINGLE = re.compile(r"'(?:[^']|'')*'")
# Characters that start something other than a plain scalar (an indicator), or that YAML
# reads in a way this reader does not follow (escapes, other line breaks, tabs).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_UNUSUAL = re.compile(r"[\t\r\x85\u2028\u2029\ufeff]")
_ESCAPES = re.compile(r'\\(?:["\\\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})')
# In a flow list of plain scalars: what makes an item more than a plain scalar.
_FLOW_SPECIAL = re.compile(r"[\[\]{}\"':#]")
_STR = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_BUILD = {
    tag: build
    for tag, build in SafeConstructor.yaml_constructors.items()
    if tag in {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "timestamp")}
}


class _NotSimple(Exception):
    pass


def simple_front_matter(text: str) -> dict[str, Any] | None:
    """The mapping ``yaml.safe_load(text)`` gives, for simple front matter; None otherwise
    (and always None where YAML would refuse the text)."""
    text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text) or Reader.NON_PRINTABLE.search(text):
        return None
    out: dict[str, Any] = {}
    lines = text.split("\n")
    try:
        i = 0
        while i < len(lines):
            line = lines[i].rstrip(" ")
            i += 1
            if not line or line.startswith("#"):
                continue
            found = _KEY.fullmatch(line)
            if found is None or _plain_type(found.group(1)) != _STR:
                return None
            value = (found.group(2) or "").strip(" ")
            if value:
                out[found.group(1)] = _value(value)
                continue
            out[found.group(1)], i = _block(lines, i)
    except _NotSimple:
        return None
    return out or None  # no names at all: YAML's None (or error), not an empty mapping


def _block(lines: list[str], i: int) -> tuple[Any, int]:
    """What follows a name with no value, from ``lines[i]`` on: ``- item`` lines (a list),
    indented ``name: value`` lines (a mapping), or nothing (None); and the index after it."""
    items: list[Any] = []
    names: dict[str, Any] = {}
    indent: str | None = None
    while i < len(lines):
        line = lines[i].rstrip(" ")
        if not line:
            if not any(x.strip(" ") for x in lines[i:]):
                break
            raise _NotSimple  # a blank line inside: leave it to YAML
        item = _ITEM.fullmatch(line)
        spaces = line[: len(line) - len(line.lstrip(" "))]
        if item is not None and not names:
            if indent is None:
                indent = item.group(1)
            elif item.group(1) != indent:
                raise _NotSimple
            items.append(_plain((item.group(2) or "").strip(" ")))
        elif spaces and not items:
            if indent is None:
                indent = spaces
            elif spaces != indent:
                raise _NotSimple  # nested deeper, or a continued value
            found = _KEY.fullmatch(line[len(spaces) :])
            if found is None or _plain_type(found.group(1)) != _STR:
                raise _NotSimple
            value = (found.group(2) or "").strip(" ")
            if not value and i + 1 < len(lines) and lines[i + 1].startswith(indent + " "):
                raise _NotSimple  # a mapping or list inside: leave it to YAML
            if not value and i + 1 < len(lines) and lines[i + 1].startswith(indent + "-"):
                raise _NotSimple
            names[found.group(1)] = _value(value) if value else None
        elif spaces:
            raise _NotSimple
        else:
            break
        i += 1
    if indent is None:
        return None, i
    return (names if names else items), i


def _value(value: str) -> Any:
    if value.startswith("["):
        if not value.endswith("]"):
            raise _NotSimple
        if '"' in value:
            _check_escapes(value)
            try:
                items = json.loads(value)
            except ValueError:
                raise _NotSimple from None
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                raise _NotSimple
            return items
        inner = value[1:-1]
        if not inner.strip(" "):
            return []
        if _FLOW_SPECIAL.search(inner):
            raise _NotSimple
        return [_flow_plain(x.strip(" ")) for x in inner.split(",")]
    return _plain(value)


def _flow_plain(value: str) -> Any:
    if not value:
        raise _NotSimple  # ``[a, , b]`` or a trailing comma: leave it to YAML
    return _plain(value)


def _check_escapes(value: str) -> None:
    """Only the escapes JSON and YAML read alike (no ``\\/``, no surrogate halves)."""
    if "\\" in value and "\\" in _ESCAPES.sub("", value):
        raise _NotSimple


def _plain(value: str) -> Any:
    """A scalar: quoted, or plain (typed as PyYAML types it)."""
    if value.startswith('"'):
        _check_escapes(value)
        try:
            got = json.loads(value)
        except ValueError:
            raise _NotSimple from None
        if not isinstance(got, str):
            raise _NotSimple
        return got
    if value.startswith("'"):
        if not _SINGLE.fullmatch(value):
            raise _NotSimple
        return value[1:-1].replace("''", "'")
    if value and value[0] in _INDICATORS:
        raise _NotSimple
    if ": " in value or " #" in value or value.endswith(":"):
        raise _NotSimple
    tag = _plain_type(value)
    if tag == _STR:
        return value
    build = _BUILD.get(tag)
    if build is None:
        raise _NotSimple
    return build(_CONSTRUCTOR, ScalarNode(tag, value))


def _plain_type(value: str) -> str:
    return str(_RESOLVER.resolve(ScalarNode, value, (True, False)))
