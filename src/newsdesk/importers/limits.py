"""Reading an input file with limits: only regular files (never a FIFO, a device or a link to
one, which would hang or never end), never more than a set size, and front matter YAML
without aliases (an alias bomb expands to billions of nodes) or runaway nesting."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from newsdesk.errors import UserError
from newsdesk.importers.simple_yaml import simple_front_matter

_CHUNK = 1 << 20


def read_limited(path: Path, limit: int, error: type[UserError] = UserError) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or ``error``."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{path} is not a regular file (a device, pipe or socket); not imported")
        if st.st_size > limit:
            raise error(f"{path}: larger than {_size(limit)}; not imported")
        chunks: list[bytes] = []
        total = 0
        while total <= limit and (chunk := os.read(fd, _CHUNK)):
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise error(f"{path}: larger than {_size(limit)}; not imported")
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"Cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n} bytes"


class _FrontMatterLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases: front matter never needs them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def _loader(fm: str) -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """libyaml's safe loader (ten times faster: it decides a Markdown folder's import speed)
    for front matter that cannot hold an alias (no ``*``) or deep flow nesting; the checking
    loader above for anything else."""
    small = len(fm) < 65536 and fm.count("[") + fm.count("{") < 64
    if small and "*" not in fm and getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader
    return _FrontMatterLoader


class _Handler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: Any) -> Any:
        try:
            data = simple_front_matter(fm)  # plain ``name: value`` lines, ten times faster
            if data is None:
                data = yaml.load(fm, Loader=_loader(fm))
        except RecursionError as exc:
            raise yaml.YAMLError("the front matter is nested too deeply") from exc
        except (ValueError, TypeError, OverflowError) as exc:  # date: 2024-02-30, say
            raise yaml.YAMLError(str(exc)) from exc
        if data is None:
            return {}
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            raise yaml.YAMLError("the front matter must be names with values (name: value)")
        return data


def parse_front_matter(text: str) -> frontmatter.Post:
    """Front matter and body, the YAML read with ``_FrontMatterLoader`` (raises YAMLError)."""
    return frontmatter.loads(text, handler=_Handler())
