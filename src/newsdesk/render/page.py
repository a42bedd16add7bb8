"""Full pages: Jinja2 templates and CSS from a theme folder in resources/themes/."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from io import StringIO
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.filters import do_default, do_indent
from jinja2.nodes import Expr
from markupsafe import Markup, escape

from newsdesk.errors import UserError

# Names a dict answers as attributes: ``{{ d.items }}`` must still mean the method.
_DICT_ATTRS = frozenset(dir(dict))
MACRO_CACHE_SIZE = 20_000  # rendered snippets kept per theme (a few MB)


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    stylesheets: list[str] = field(default_factory=list)

    @property
    def static_dir(self) -> Path:
        return self.folder / "static"

    def stylesheet_text(self) -> str:
        return "\n".join(
            (self.static_dir / name).read_text(encoding="utf-8") for name in self.stylesheets
        )


def load_theme(resources: Path, name: str = "default") -> Theme:
    """A built-in theme by name, or a theme folder by its path (a newsroom's own theme,
    ``newsdesk theme use``); ``theme.toml`` describes it (``theme.json`` still read)."""
    folder = resources / "themes" / name  # an absolute ``name`` is the folder itself
    if (folder / "theme.toml").is_file():
        from newsdesk.render.themes import read_theme_info

        info = read_theme_info(folder)
        return Theme(name=info.name, folder=folder, stylesheets=info.stylesheets)
    meta_file = folder / "theme.json"
    if not meta_file.is_file():
        raise UserError(f"No theme called {name!r} in {resources / 'themes'}")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    return Theme(
        name=meta.get("name", name),
        folder=folder,
        stylesheets=list(meta.get("stylesheets", ["style.css"])),
    )


def forget_templates() -> None:
    """Drop every compiled template: a theme folder being edited changed on disk."""
    _template.cache_clear()
    _environment.cache_clear()


try:  # markupsafe's C escaper without the Markup wrapper around its result
    from markupsafe._speedups import _escape_inner as _escape_text
except ImportError:  # pragma: no cover - pure-Python markupsafe

    def _escape_text(s: str, /) -> str:
        return str(escape(s))


def escape_output(value: Any) -> str:
    """What ``{{ value }}`` writes under autoescape, as plain text: markupsafe.escape() gives
    the same characters wrapped in Markup, built in Python, and the wrapper is thrown away
    when the page is joined."""
    if type(value) is str:
        return _escape_text(value)  # type: ignore[no-any-return]
    if hasattr(value, "__html__"):
        return value.__html__()  # type: ignore[no-any-return]
    return _escape_text(str(value))  # type: ignore[no-any-return]


class _CodeGenerator(CodeGenerator):
    """Jinja2's compiler with ``{{ value }}`` escaped by ``escape_output`` (same text)."""

    def visit_Template(self, node: Any, frame: Frame | None = None) -> None:
        self.writeline("from newsdesk.render.page import _cached, _escape_text, escape_output")
        super().visit_Template(node, frame)

    def blockvisit(self, nodes: Any, frame: Frame) -> None:
        # A template's root and its blocks collect their output in a list and yield it once,
        # joined: stock Jinja yields every piece, and each piece of a page then resumes the
        # block's, the child's and the parent's generators (hundreds of times per page).
        if frame.buffer is not None or not (frame.rootlevel or frame.block_frame):
            super().blockvisit(nodes, frame)
            return
        frame.buffer = "_nd_out"
        self.writeline("_nd_out = []")
        super().blockvisit(nodes, frame)
        self.writeline("if _nd_out: yield concat(_nd_out)")
        frame.buffer = None

    # The two below write inline what a Python call did (escape_output, Environment.getattr)
    # for the usual case, a str to escape and a key of a plain dict, with the value kept in a
    # local through ``:=``; anything else goes through the call as before.

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("(_escape_text(_nd_e) if type(_nd_e := ")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            if finalize.src is not None:
                self.write(")")
            self.write(") is str else escape_output(_nd_e))")
            return
        super()._output_child_post(node, frame, finalize)

    @optimizeconst
    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        # ``context.call`` looks for pass_context & co. on every call (a dozen attribute
        # checks); ``cached`` and macros need none of it, so they are called directly.
        if self.environment.is_async or self.environment.sandboxed or forward_caller:
            super().visit_Call(node, frame, forward_caller=forward_caller)
            return
        self.write("(")
        direct = self._signature_text(node, frame, None).removeprefix(", ")
        self.write(f"_nd_f({direct}) if type(_nd_f := ")
        self.visit(node.node, frame)
        self.write(") is Macro or _nd_f is _cached else context.call(_nd_f")
        extra = {"_loop_vars": "_loop_vars"} if frame.loop_frame else {}
        if frame.block_frame:
            extra["_block_vars"] = "_block_vars"
        self.signature(node, frame, extra or None)
        self.write("))")

    def _signature_text(self, node: nodes.Call, frame: Frame, extra: Any) -> str:
        stream, self.stream = self.stream, StringIO()
        try:
            self.signature(node, frame, extra)
            return self.stream.getvalue()
        finally:
            self.stream = stream

    @optimizeconst
    def visit_Filter(self, node: nodes.Filter, frame: Frame) -> None:
        # ``x|default(c)`` with a constant ``c``: written inline (Jinja calls do_default),
        # ``c`` evaluated only when used, which a constant does not notice.
        if (
            node.name == "default"
            and node.node is not None
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and not node.kwargs
            and node.dyn_args is None
            and node.dyn_kwargs is None
            and self.environment.filters.get("default") is do_default
            and not self.environment.is_async
        ):
            self.write("(")
            self.visit(node.args[0], frame)
            self.write(" if isinstance(_nd_d := ")
            self.visit(node.node, frame)
            self.write(", Undefined) else _nd_d)")
            return
        super().visit_Filter(node, frame)

    @optimizeconst
    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if self.environment.is_async or node.attr in _DICT_ATTRS:
            super().visit_Getattr(node, frame)
            return
        key = repr(node.attr)
        self.write(f"(_nd_o[{key}] if type(_nd_o := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {key} in _nd_o else environment.getattr(_nd_o, {key}))")


class _Template(jinja2.Template):
    _nd_globals: frozenset[str] = frozenset()

    def _get_default_module(self, ctx: jinja2.runtime.Context | None = None) -> Any:
        # An ``{% import %}`` on every page: Jinja compares the page's globals with the
        # template's (in Python, through a ChainMap) before handing out the module it keeps.
        module = self._module
        if ctx is not None and module is not None and ctx.globals_keys <= self._nd_globals:
            return module
        self._nd_globals = frozenset(self.globals)
        return super()._get_default_module(ctx)


class _Environment(jinja2.Environment):
    """Jinja2 with the same results, less overhead per page (thousands per site export)."""

    code_generator_class = _CodeGenerator
    template_class = _Template

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.macro_cache: dict[tuple[Any, ...], Markup] = {}
        self.globals["cached"] = _cached
        self._loaded: dict[tuple[str, str | None], jinja2.Template] = {}

    def get_template(
        self, name: Any, parent: str | None = None, globals: Any = None
    ) -> jinja2.Template:
        # Each page asks for its parent and imported templates again; with auto_reload off a
        # loaded template stays as it is, so keep it without Jinja's weakref-keyed cache walk.
        if globals is not None or not isinstance(name, str):
            return super().get_template(name, parent, globals)
        template = self._loaded.get((name, parent))
        if template is None:
            template = self._loaded[(name, parent)] = super().get_template(name, parent)
        return template

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Contexts are plain dicts: ``item.url`` would first try getattr() and pay for an
        # AttributeError on every lookup. A key that is not a dict attribute gives the same.
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _cached(macro: Any, item: Any) -> Markup:
    """``macro(item)``, rendered once per distinct ``item``: for a macro whose output depends
    on its argument alone, such as a story card that thousands of pages of a site show."""
    try:
        # The macro's compiled code names it exactly (its template, its theme), however often
        # the template that defines it is imported; no context needed (Jinja would build one
        # for each call).
        key = (macro._func.__code__, macro.name, tuple(item.items()))
        html = macro._environment.macro_cache.get(key)
    except (AttributeError, TypeError):  # not a mapping of plain values: nothing to key on
        return macro(item)  # type: ignore[no-any-return]
    if html is None:
        html = macro(item)
        cache = macro._environment.macro_cache
        if len(cache) >= MACRO_CACHE_SIZE:
            cache.clear()
        cache[key] = html
    return html  # type: ignore[no-any-return]


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    """Jinja's ``indent`` with the same output; on Markup it works on the plain text (each
    Markup line and concatenation would go through escape() in Python)."""
    if isinstance(s, Markup):
        return _indent_markup(s, width, first, blank)
    return do_indent(s, width, first, blank)


@lru_cache(maxsize=4096)
def _indent_markup(s: Markup, width: int | str, first: bool, blank: bool) -> Markup:
    # Kept: a cached card is the same Markup on every page that shows it (its hash is kept
    # by the string, so a hit costs a lookup).
    return Markup(do_indent(str(s), width, first, blank))


@lru_cache(maxsize=8)
def _environment(template_dir: str) -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # themes do not change while newsdesk runs; skip a stat per render
    )
    env.filters["indent"] = _indent
    return env


def render_template(theme: Theme, template: str, context: dict[str, Any]) -> str:
    return _template(str(theme.folder / "templates"), template).render(**context)


@lru_cache(maxsize=64)
def _template(template_dir: str, name: str) -> jinja2.Template:
    return _environment(template_dir).get_template(name)
