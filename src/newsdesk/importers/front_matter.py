"""Front matter YAML read with limits: no aliases (an alias bomb expands to billions of
nodes), no runaway nesting, only names with values; plain ``name: value`` lines without a
YAML parser (``simple_yaml``)."""

from __future__ import annotations

from typing import Any

import frontmatter
import yaml

from newsdesk.importers.simple_yaml import simple_front_matter


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


# PyYAML's words for what it was reading when it failed, as a person would say them.
_OPEN = {
    "while scanning a quoted scalar": "a quoted value",
    "while parsing a flow sequence": "a [list]",
    "while parsing a flow mapping": "a {mapping}",
    "while scanning a flow sequence": "a [list]",
}


def yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong with front matter, in a person's words, by the line of the file (the
    front matter starts on the file's second line, after ``---``)."""
    context = getattr(exc, "context", None) or ""
    problem = getattr(exc, "problem", None) or ""
    opened = getattr(exc, "context_mark", None)
    at = getattr(exc, "problem_mark", None)
    if not problem or at is None:
        return str(exc).replace("\n", " ")  # ours (nested too deeply, not name: value)
    line = at.line + 1  # the marks count from the front matter's first, empty line
    if context in _OPEN and opened is not None:
        return f"{_OPEN[context]} that starts on line {opened.line + 1} is not closed"
    if problem.startswith("mapping values are not allowed"):
        return f'line {line}: a value holding ": " must be in quotes'
    if "tab" in problem:
        return f"line {line} is indented with a tab: use spaces"
    return f"line {line}: {problem}"
