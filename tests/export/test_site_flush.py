"""The new site reaches the disk before it replaces the old one: the flush runs beside the
library's bookkeeping, and the swap waits for it; a failed flush leaves the old site whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import UserError
from newsdesk.export import site as site_mod
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme
from tests.newsroom import populate


def test_the_new_tree_is_flushed_before_it_is_swapped_in(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        populate(s, 6)
    out = tmp_path / "site"
    events: list[str] = []
    real_sync, real_swap = site_mod.sync_filesystem, site_mod.swap_in

    def sync(folder: Path) -> None:
        assert folder != out and (folder / "index.html").is_file()  # the new tree, written
        real_sync(folder)
        events.append("flushed")

    def swap(scratch: Path, target: Path) -> None:
        events.append("swapped")
        real_swap(scratch, target)

    monkeypatch.setattr(site_mod, "sync_filesystem", sync)
    monkeypatch.setattr(site_mod, "swap_in", swap)
    with ctx.session() as s:
        result = export_site(s, out, load_theme(ctx.resources))
    assert events == ["flushed", "swapped"]
    assert (out / "index.html").is_file() and result.total == len(result.written)


def test_a_failed_flush_leaves_the_old_site_whole(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        populate(s, 6)
    out = tmp_path / "site"
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        export_site(s, out, theme)
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    def failing(folder: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(site_mod, "sync_filesystem", failing)
    failed = pytest.raises(UserError, match="failed and was undone: Input/output error")
    with ctx.session() as s, failed:
        export_site(s, out, theme, verify=True, base_url="https://changed.example.org")
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
    assert not list(tmp_path.glob(".site.*"))  # no scratch folder left
