"""The one place newsdesk reaches into Jinja2's and markupsafe's internals, for the speed of
the static-site export (thousands of pages): a code generator that writes ``{{ value }}`` and
``item.key`` inline and yields a block's output once, a template that skips a globals
comparison on every ``{% import %}``, and markupsafe's C escaper without its Markup wrapper.

It is used only where it was written and tested: ``hooks()`` checks the running Jinja2 is 3.1.x,
that every internal it overrides or calls is there with the expected signature, and that
markupsafe has its C escaper; on any other version (or with ``NEWSDESK_STOCK_JINJA=1``)
``render/page.py`` runs on stock Jinja2, which gives the same bytes
(``tests/render/test_page.py`` compares the two, page for page).
"""

from __future__ import annotations

import inspect
import os
from functools import cache
from io import StringIO
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.filters import do_default
from jinja2.nodes import Expr
from jinja2.runtime import Context
from markupsafe import escape

TESTED_JINJA = "3.1."
_DICT_ATTRS = frozenset(dir(dict))
# What the generator overrides or calls, with the parameters it relies on.
_HOOKS = {
    "visit_Template": ["self", "node", "frame"],
    "blockvisit": ["self", "nodes", "frame"],
    "_output_child_pre": ["self", "node", "frame", "finalize"],
    "_output_child_post": ["self", "node", "frame", "finalize"],
    "visit_Call": ["self", "node", "frame", "forward_caller"],
    "visit_Filter": ["self", "node", "frame"],
    "visit_Getattr": ["self", "node", "frame"],
    "signature": ["self", "node", "frame", "extra_kwargs"],
}


def hooks() -> tuple[type[CodeGenerator], type[jinja2.Template]] | None:
    """The code generator and template classes, or None where only stock Jinja2 is safe."""
    if os.environ.get("NEWSDESK_STOCK_JINJA") or not _C_ESCAPER:
        return None
    if not jinja2.__version__.startswith(TESTED_JINJA):
        return None
    methods = tuple(getattr(CodeGenerator, name, None) for name in _HOOKS)
    default_module = getattr(jinja2.Template, "_get_default_module", None)
    if not _internals_as_tested(methods, default_module, Context.__init__):
        return None
    return _CodeGenerator, _Template


@cache
def _internals_as_tested(methods: tuple[Any, ...], default_module: Any, context_init: Any) -> bool:
    """Whether every method the generator overrides or calls (``methods``, in the order of
    ``_HOOKS``) takes the parameters it relies on, read from the functions' code, and the
    template and its context have the parts ``_Template`` uses. Answered once for the same
    functions: ``inspect.signature`` built an object for each and a probe template was
    compiled, ~1.5 ms of a one-edit re-export."""
    for method, params in zip(methods, _HOOKS.values(), strict=True):
        code = getattr(inspect.unwrap(method), "__code__", None) if method is not None else None
        if code is None or list(code.co_varnames[: code.co_argcount])[: len(params)] != params:
            return False
    init = getattr(context_init, "__code__", None)  # where the context sets ``globals_keys``
    return default_module is not None and init is not None and "globals_keys" in init.co_names


try:  # markupsafe's C escaper without the Markup wrapper around its result
    from markupsafe._speedups import _escape_inner as _escape_text

    _C_ESCAPER = True
except ImportError:  # pragma: no cover - pure-Python markupsafe
    _C_ESCAPER = False

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
        self.writeline(
            "from newsdesk.render.jinja_speedups import _escape_text, escape_output\n"
            "from newsdesk.render.page import Fragments as _nd_Fragments"
        )
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
        self.write(") is Macro or type(_nd_f) is _nd_Fragments else context.call(_nd_f")
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
