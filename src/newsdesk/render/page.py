"""Full pages: Jinja2 templates and CSS from a theme folder in resources/themes/.

This module uses Jinja2's and markupsafe's public APIs only (any Jinja2 3.x): the environment
keeps compiled templates, caches story cards and the modules many pages share as fragments
(``cached``), gives templates a plain dict of globals (``make_globals``) and reads dict keys
directly. Where the running Jinja2 is the one ``render/jinja_speedups.py`` was written for, its
code generator is plugged in through the public ``code_generator_class``/``template_class``
attributes (same bytes, less time per page); anywhere else the stock classes are used.
"""

from __future__ import annotations

import gettext
import hashlib
from collections.abc import MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_eval_context
from jinja2.filters import do_indent
from jinja2.nodes import EvalContext
from markupsafe import Markup

from newsdesk import __version__
from newsdesk.render import jinja_speedups
from newsdesk.render.locale import PageLocale, translations
from newsdesk.render.themes import Theme as Theme  # the one theme loader lives there
from newsdesk.render.themes import load_theme as load_theme

# Names a dict answers as attributes: ``{{ d.items }}`` must still mean the method.
_DICT_ATTRS = frozenset(dir(dict))
MACRO_CACHE_SIZE = 20_000  # rendered snippets kept per theme (a few MB)


def forget_templates() -> None:
    """Drop every compiled template: a theme folder being edited changed on disk."""
    _template.cache_clear()
    _environment.cache_clear()


class _Environment(jinja2.Environment):
    """Stock Jinja2 (its own compiler and runtime) with two overrides of public methods that
    give the same results with less work per page (thousands per site export)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["cached"] = Fragments()
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

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        # Jinja gives each template a ChainMap over the environment's globals, which every
        # render copies into the page's context key by key in Python (~10 us a page). All of
        # ours are set before the first template is loaded (``_environment``) and never
        # after, as Jinja asks: a plain dict of the same names gives the same pages.
        return {**self.globals, **(d or {})}

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Contexts are plain dicts: ``item.url`` would first try getattr() and pay for an
        # AttributeError on every lookup. A key that is not a dict attribute gives the same.
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class Fragments:
    """``cached(macro, item)`` in a theme: ``macro(item)`` rendered once per distinct ``item``,
    for a macro whose output depends on its argument alone: a story card that thousands of
    pages of a site show, the "Most popular" module that nearly every article page shows, a
    section's "More from" module that its articles share. ``item`` is a mapping or a list of
    plain values, mappings and lists. One per environment, that is per theme and language.

    The key is the macro's public identity (its name and parameters) and the item's values,
    so two different macros called through ``cached`` in one theme need different names."""

    def __init__(self) -> None:
        self.fragments: dict[tuple[Any, ...], Markup] = {}

    def __call__(self, macro: Any, item: Any) -> Markup:
        name = (macro.name, tuple(macro.arguments))
        try:
            if type(item) is list:  # a module of cards: each card's values
                values: tuple[Any, ...] = (list, *(tuple(i.items()) for i in item))
            else:
                values = tuple(item.items())
            key = (name, values)
            html = self.fragments.get(key)
        except AttributeError:  # not a mapping: nothing to key on
            return macro(item)  # type: ignore[no-any-return]
        except TypeError:  # a value is a list or a mapping: keyed by its values, nested
            try:
                key = (name, _frozen(item))
                html = self.fragments.get(key)
            except (AttributeError, TypeError):
                return macro(item)  # type: ignore[no-any-return]
        if html is None:
            html = macro(item)
            if len(self.fragments) >= MACRO_CACHE_SIZE:
                self.fragments.clear()
            self.fragments[key] = html
        return html  # type: ignore[no-any-return]


def _frozen(value: Any) -> Any:
    """A mapping's or a list's values as nested tuples, each led by its type (so a list of
    pairs is not a mapping, and neither takes the shape ``Fragments`` gives plain ones)."""
    if type(value) is dict:
        return (dict, *((k, _frozen(v) if type(v) in _NESTED else v) for k, v in value.items()))
    if type(value) is list:
        return (list, *(_frozen(v) if type(v) in _NESTED else v for v in value))
    return value


_NESTED = frozenset((dict, list))


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


@lru_cache(maxsize=16)
def _environment(template_dir: str, locale: PageLocale | None = None) -> jinja2.Environment:
    """The theme's templates with the labels of ``locale`` (``{{ _("Read more") }}``)."""
    env = _Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # themes do not change while newsdesk runs; skip a stat per render
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["indent"] = _indent
    fast = jinja_speedups.hooks()
    if fast is not None:
        env.code_generator_class, env.template_class = fast
    install_labels(env, locale, Path(template_dir).parent)
    labels = Labels(translations(locale, Path(template_dir).parent) if locale else None)
    env.globals["gettext"] = env.globals["_"] = labels.gettext
    return env


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache:
    """Compiled templates kept between runs (Jinja's own cache, in a folder only this user
    may write), so a short command does not parse and compile the theme each time. A cached
    template is used only while its source is unchanged; the name carries newsdesk's version
    and the code generator (which one, and its code), which decide the compiled code beside
    the source."""
    generator = "plain"
    if jinja_speedups.hooks() is not None:
        source = Path(jinja_speedups.__file__).read_bytes()
        generator = hashlib.sha256(source).hexdigest()[:16]
    return jinja2.FileSystemBytecodeCache(pattern=f"__newsdesk_{__version__}_{generator}_%s.cache")


def install_labels(env: jinja2.Environment, locale: PageLocale | None, theme_folder: Path) -> None:
    """The i18n extension's ``_``/``gettext``/``ngettext`` for the page's language."""
    found = translations(locale, theme_folder) if locale else gettext.NullTranslations()
    env.install_gettext_translations(found, newstyle=True)  # type: ignore[attr-defined]


class Labels:
    """The theme's ``_("Read more")``/``gettext(...)`` with each label translated and marked
    safe once per environment (a page has a dozen labels, a site export thousands of pages).

    It gives what Jinja's newstyle gettext gives (``install_gettext_translations(...,
    newstyle=True)``, which stays installed for ``ngettext`` and ``{% trans %}``): the
    translation, as Markup where autoescaping is on, formatted with ``%`` and the keyword
    variables (escaped) even when there are none; it skips Jinja's second call through the
    context and the formatting of a label that has no variables."""

    def __init__(self, found: gettext.NullTranslations | None) -> None:
        self._translate = (found or gettext.NullTranslations()).gettext
        self._plain: dict[str, str] = {}
        self._markup: dict[str, Markup] = {}

    @pass_eval_context
    def gettext(self, eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
        if eval_ctx.autoescape:
            if not variables:
                label = self._markup.get(string)
                if label is None:
                    label = self._markup[string] = Markup(self._translate(string)) % {}
                return label
            return Markup(self._translation(string)) % variables
        return self._translation(string) % variables

    def _translation(self, string: str) -> str:
        text = self._plain.get(string)
        if text is None:
            text = self._plain[string] = self._translate(string)
        return text


def render_template(
    theme: Theme, template: str, context: dict[str, Any], locale: PageLocale | None = None
) -> str:
    """``template`` of ``theme`` rendered, its labels in ``locale``'s language (English if none)."""
    return _template(_templates_dir(theme.folder), template, locale).render(**context)


@lru_cache(maxsize=16)
def _templates_dir(theme_folder: Path) -> str:
    # Joined once per theme, not once per page (a Path join and str() cost ~1.7 us).
    return str(theme_folder / "templates")


@lru_cache(maxsize=128)
def _template(template_dir: str, name: str, locale: PageLocale | None = None) -> jinja2.Template:
    return _environment(template_dir, locale).get_template(name)
