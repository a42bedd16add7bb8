"""The static site's export state lives in the library: a re-export with nothing changed is
known from one row (no site loaded or planned), and any change, to the library or to the
folder, still goes the full way."""

from __future__ import annotations

from pathlib import Path

from newsdesk.core.articles import update_article
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.export import site_builder
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme
from newsdesk.storage.models import SiteExport
from tests.newsroom import populate


def _export(ctx, out: Path):
    with ctx.session() as s:
        return export_site(s, out, load_theme(ctx.resources), base_url="https://x.example")


def _no_planning(monkeypatch) -> None:
    def refuse(self) -> None:
        raise AssertionError("the site was planned again")

    monkeypatch.setattr(site_builder.SiteBuilder, "build_plan", refuse)


def test_nothing_changed_is_known_from_the_library(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        recs = populate(s, 8)
    out = tmp_path / "site"
    first = _export(ctx, out)
    with ctx.session() as s:
        state = s.get(SiteExport, str(out.resolve()))
        assert state is not None and state.files == first.total
    with monkeypatch.context() as m:
        _no_planning(m)
        again = _export(ctx, out)
    assert again.written == [] and again.total == first.total

    # An edit in the library: planned and written again.
    with ctx.session() as s:
        update_article(s, recs[0].id, {"headline": "A new headline"})
    edited = _export(ctx, out)
    assert f"articles/{recs[0].slug}/index.html" in edited.written
    with monkeypatch.context() as m:
        _no_planning(m)
        assert _export(ctx, out).written == []

    # A page changed in the folder by hand: the full check puts it back.
    page = out / f"articles/{recs[1].slug}/index.html"
    page.write_text("defaced", encoding="utf-8")
    restored = _export(ctx, out)
    assert f"articles/{recs[1].slug}/index.html" in restored.written
    assert "defaced" not in page.read_text(encoding="utf-8")

    # A settings change: planned again.
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(site_name="Another name"))
    renamed = _export(ctx, out)
    assert "index.html" in renamed.written


def test_each_folder_has_its_own_state(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        populate(s, 4)
    a, b = tmp_path / "a", tmp_path / "b"
    _export(ctx, a)
    full = _export(ctx, b)
    assert full.written  # a new folder is written whole, whatever another folder's state
    with monkeypatch.context() as m:
        _no_planning(m)
        assert _export(ctx, a).written == [] and _export(ctx, b).written == []
