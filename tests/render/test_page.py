"""The theme environment: its shortcuts (dict lookups, kept templates, indent, cached cards,
and the code generator of render/jinja_speedups.py where it applies) must give exactly what
stock Jinja2 gives, page for page; Jinja's internals are touched in that one module only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from newsdesk.export.site import export_site
from newsdesk.render import jinja_speedups
from newsdesk.render import page as page_mod
from newsdesk.render.page import load_theme
from tests.newsroom import populate


def _stock_environment(template_dir: str, locale: Any = None) -> jinja2.Environment:
    """Plain Jinja2 with the theme's options; ``cached`` simply calls the macro."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["cached"] = lambda macro, item: macro(item)
    page_mod.install_labels(env, locale, Path(template_dir).parent)
    return env


def _tree(root: Path) -> dict[str, bytes]:
    return {  # the stamps file holds modification times, not pages
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".newsdesk-site-stamps.json"
    }


def test_site_pages_match_stock_jinja(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        populate(s, 12)
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        export_site(s, tmp_path / "fast", theme, base_url="https://news.example.org")
    monkeypatch.setattr(page_mod, "_environment", _stock_environment)
    with ctx.session() as s:
        export_site(s, tmp_path / "stock", theme, base_url="https://news.example.org")
    fast, stock = _tree(tmp_path / "fast"), _tree(tmp_path / "stock")
    assert fast.keys() == stock.keys()
    assert [p for p in fast if fast[p] != stock[p]] == []
    assert any(b'class="card' in data for data in fast.values())


def test_only_the_isolated_module_touches_jinja_or_markupsafe_internals() -> None:
    render = Path(page_mod.__file__).parent
    for path in sorted(render.glob("*.py")):
        if path.name == "jinja_speedups.py":
            continue
        source = path.read_text(encoding="utf-8")
        for private in ("jinja2.compiler", "CodeGenerator", "._func", "markupsafe._"):
            assert private not in source, (path.name, private)
        assert not any(
            name.startswith("_") and not name.startswith("__")
            for name in _attribute_names(source, ("jinja2", "markupsafe"))
        ), path.name


def test_the_private_hooks_are_used_only_where_they_were_tested(monkeypatch) -> None:
    assert jinja_speedups.hooks() is not None  # Jinja2 3.1.x with markupsafe's C escaper
    monkeypatch.setattr(jinja2, "__version__", "3.2.0")
    assert jinja_speedups.hooks() is None  # any other version: stock Jinja2
    monkeypatch.undo()
    monkeypatch.setenv("NEWSDESK_STOCK_JINJA", "1")
    assert jinja_speedups.hooks() is None
    env = page_mod._environment.__wrapped__("/nonexistent")
    assert env.code_generator_class is jinja2.compiler.CodeGenerator


def test_the_hooks_are_refused_when_a_jinja_internal_changed(monkeypatch) -> None:
    """A method the generator overrides with other parameters, or a context that no longer
    keeps ``globals_keys``, leaves stock Jinja2 in charge (checked from the functions' code)."""
    assert jinja_speedups.hooks() is not None

    def visit_filter(self, node, scope):  # "frame" renamed: not the signature relied on
        return None

    monkeypatch.setattr(jinja2.compiler.CodeGenerator, "visit_Filter", visit_filter)
    assert jinja_speedups.hooks() is None
    monkeypatch.undo()
    assert jinja_speedups.hooks() is not None

    def init(self, environment, parent, name, blocks, globals=None):
        self.parent = parent

    monkeypatch.setattr(jinja2.runtime.Context, "__init__", init)
    assert jinja_speedups.hooks() is None
    monkeypatch.undo()
    monkeypatch.delattr(jinja2.Template, "_get_default_module")
    assert jinja_speedups.hooks() is None


def test_stock_path_writes_the_same_site(ctx, tmp_path, monkeypatch) -> None:
    """The fallback (page.py on stock classes) gives the bytes of the fast path."""
    with ctx.session() as s:
        populate(s, 8)
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        export_site(s, tmp_path / "fast", theme, base_url="https://news.example.org")
    page_mod._environment.cache_clear()
    page_mod._template.cache_clear()
    monkeypatch.setenv("NEWSDESK_STOCK_JINJA", "1")
    try:
        with ctx.session() as s:
            export_site(s, tmp_path / "stock", theme, base_url="https://news.example.org")
    finally:
        page_mod._environment.cache_clear()
        page_mod._template.cache_clear()
    fast, stock = _tree(tmp_path / "fast"), _tree(tmp_path / "stock")
    assert fast.keys() == stock.keys()
    assert [p for p in fast if fast[p] != stock[p]] == []


def _attribute_names(source: str, modules: tuple[str, ...]) -> list[str]:
    """Names taken from ``modules`` by ``from m import name`` or ``m.name``."""
    import ast

    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in modules:
            names += [alias.name for alias in node.names]
            names += [part for part in (node.module or "").split(".")[1:]]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            names.append(node.attr)
    return names


@pytest.fixture
def env(tmp_path: Path) -> jinja2.Environment:
    return page_mod._environment(str(tmp_path))


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("{{ d.name }}|{{ d.missing|default('none') }}", {"d": {"name": "<x>"}}),
        ("{{ d.items is callable }}|{{ d['items'] }}", {"d": {"items": 3}}),
        ("{% filter indent(2) %}a\n<b>\n\nc{% endfilter %}", {}),
        ("{{ m|indent(3, first=true, blank=true) }}", {"m": Markup("<p>\n\n</p>")}),
        ("{{ s|indent('> ') }}", {"s": "one\n<two>"}),
        ("{% autoescape false %}{{ s }}{% endautoescape %}{{ s }}", {"s": "<&>"}),
        (
            "{{ a.b.c }}|{{ o.real }}|{{ d.get('k') }}|{{ n }}",
            {"a": {"b": {"c": "<"}}, "o": 2, "d": {"k": 1}, "n": None},
        ),
        (
            "{% macro m(x) %}[{{ x }}{{ caller() if caller is defined else '' }}]{% endmacro %}"
            "{{ m('<a>') }}{% call m(1) %}<i>{% endcall %}{% for i in r %}{{ m(i) }}{% endfor %}",
            {"r": [1, 2]},
        ),
        ("{% for i in r %}{{ f(i) }}{% endfor %}{{ f('x') }}", {"r": [1, 2], "f": repr}),
        (
            "{{ a|default(1) }}{{ n|default(2) }}{{ d.x|default('<') }}{{ d.y|default(none) }}"
            "{{ e|default('e', true) }}{{ (d.x|default([]))|length }}{{ n.z|default(3) }}",
            {"a": 0, "n": None, "d": {"y": ""}, "e": ""},
        ),
        ("{{ ctx_fn() }}{% for i in r %}{% set y = i %}{{ ctx_fn() }}{% endfor %}", {"r": [1]}),
    ],
)
def test_template_features_match_stock_jinja(env, tmp_path, source: str, context: dict) -> None:
    stock = _stock_environment(str(tmp_path))
    context = {"ctx_fn": _names, **context}
    assert env.from_string(source).render(**context) == stock.from_string(source).render(**context)


@jinja2.pass_context
def _names(context: Any) -> str:
    return ",".join(sorted(k for k in context.get_all() if k != "ctx_fn"))


def test_inheritance_and_imports_match_stock_jinja(env, tmp_path) -> None:
    (tmp_path / "base.html").write_text(
        "<h>{% block title %}T{% endblock %}</h>{% set v = 'base' %}"
        "{% block body %}<b>{{ v }}</b>{% endblock %}{{ v }}"
    )
    (tmp_path / "lib.html").write_text("{% macro card(x) %}<c>{{ x }}</c>{% endmacro %}")
    (tmp_path / "page.html").write_text(
        '{% extends "base.html" %}{% from "lib.html" import card %}'
        "{% block title %}{{ super() }}+{{ t }}{% endblock %}"
        "{% block body %}{% set w = 1 %}{% for i in items %}{{ cached(card, i) }}{% endfor %}"
        "{{ self.title() }}{{ w }}{% endblock %}"
    )
    stock = _stock_environment(str(tmp_path))
    context = {"t": "<t>", "items": [{"a": 1}, {"a": "<2>"}, {"a": 1}]}
    for _ in range(2):  # the second time from what the first one kept
        mine = env.get_template("page.html").render(**context)
        assert mine == stock.get_template("page.html").render(**context)


def test_a_cached_module_of_cards_is_made_again_when_its_cards_differ(env, tmp_path) -> None:
    """``cached(macro, item)`` over a list of cards (an article's "Most popular") or a mapping
    holding one (a section's "More from"): the same cards give the kept module, a card that
    differs anywhere (or one more, or another section) gives its own, and the output is stock
    Jinja's for each (an empty list is not an empty mapping)."""
    (tmp_path / "lib.html").write_text(
        "{% macro popular(items) %}{{ items is mapping }}:"
        "{% for i in items %}<b>{{ i.a }}</b>{% endfor %}{% endmacro %}"
        "{% macro more(m) %}{{ m.section }}={{ popular(m.stories) }}{% endmacro %}"
    )
    (tmp_path / "page.html").write_text(
        '{% from "lib.html" import popular, more %}'
        "{% for items in lists %}[{{ cached(popular, items) }}]{% endfor %}"
        "{% for m in modules %}({{ cached(more, m) }}){% endfor %}"
    )
    lists = [
        [{"a": 1}, {"a": "<2>"}],
        [{"a": 1}, {"a": "<2>"}],
        [{"a": 1}, {"a": 3}],
        [{"a": 1}, {"a": 3}, {"a": 4}],
        [],
        {},
    ]
    modules = [
        {"section": "World", "stories": [{"a": 1}, {"a": 5}]},
        {"section": "World", "stories": [{"a": 1}, {"a": 5}]},
        {"section": "World", "stories": [{"a": 1}, {"a": 6}]},
        {"section": "Sport", "stories": [{"a": 1}, {"a": 6}]},
    ]
    page = env.get_template("page.html")
    stock = _stock_environment(str(tmp_path)).get_template("page.html")
    mine = page.render(lists=lists, modules=modules)
    assert mine == stock.render(lists=lists, modules=modules)
    assert mine.count("<b>3</b>") == 2 and "&lt;2&gt;" in mine
    assert "[False:][True:]" in mine
    assert mine.count("<b>5</b>") == 2 and mine.count("<b>6</b>") == 2
    assert "(World=False:<b>1</b><b>6</b>)(Sport=False:<b>1</b><b>6</b>)" in mine


def test_strict_undefined_still_raises(env) -> None:
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ d.missing }}").render(d={})
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nothing }}").render()


@pytest.mark.parametrize("tag", ["de-DE", "en-GB", "ar"])
def test_labels_match_jinjas_newstyle_gettext(tag: str) -> None:
    """The theme's labels (translated once per environment) read as Jinja's own newstyle
    gettext gives them: translated, variables escaped, ``%`` formatting, autoescape off."""
    from newsdesk.paths import resources_dir
    from newsdesk.render.locale import page_locale

    folder = str(load_theme(resources_dir()).folder / "templates")
    locale = page_locale(tag)
    source = (
        '{{ _("Read more") }}|{{ _("Updated %(date)s", date=d) }}|{{ gettext("Topics") }}'
        '|{{ _("Not in any catalogue: 100%% <kept>") }}|{% trans %}Most popular{% endtrans %}'
        "|{% trans n=3 %}Page {{ n }}{% endtrans %}|{{ ngettext('%(num)s story', '%(num)s"
        " stories', 2) }}|{% autoescape false %}{{ _('Updated %(date)s', date=d) }}"
        "{{ _('Read more') }}{% endautoescape %}|{{ _('Read more') }}"
    )
    context = {"d": "<3 May & co>"}
    env = page_mod._environment(folder, locale)
    assert isinstance(env.globals["_"].__self__, page_mod.Labels)  # the fast labels are on
    mine = env.from_string(source).render(**context)
    stock = _stock_environment(folder, locale).from_string(source).render(**context)
    assert mine == stock
    if tag == "de-DE":
        assert "Mehr zum Thema" in mine and "Aktualisiert am" in mine
        assert "&lt;3 May &amp; co&gt;" in mine and "<3 May & co>" in mine
