"""The library's records of exported sites do not pile up: a folder that holds no site any
more (deleted, emptied) is forgotten at the next export, and the folders still there keep
their records (their next export is still a quick one)."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsdesk.core.articles import update_article
from newsdesk.export.site import MANIFEST, export_site
from newsdesk.export.site_index import site_key
from newsdesk.render.page import load_theme
from tests.newsroom import populate


def _export(ctx, out: Path):
    with ctx.session() as s:
        result = export_site(s, out, load_theme(ctx.resources))
        s.commit()
    return result


def _recorded(ctx) -> dict[str, tuple[int, int]]:
    """Each recorded folder: how many file rows and article rows the library keeps for it."""
    with ctx.session() as s:
        conn = s.connection()
        folders = [r[0] for r in conn.exec_driver_sql("SELECT out_path FROM site_export")]
        counts = {}
        for folder in folders:
            key = site_key(Path(folder))
            files = conn.exec_driver_sql(
                "SELECT count(*) FROM site_export_file WHERE site = ?", (key,)
            ).scalar()
            deps = conn.exec_driver_sql(
                "SELECT count(*) FROM site_export_dep WHERE site = ?", (key,)
            ).scalar()
            counts[folder] = (files, deps)
        total = conn.exec_driver_sql("SELECT count(*) FROM site_export_file").scalar()
    assert total == sum(f for f, _d in counts.values()), "file rows of no recorded folder"
    return counts


def test_a_deleted_or_emptied_site_folder_is_forgotten_at_the_next_export(ctx, tmp_path) -> None:
    with ctx.session() as s:
        recs = populate(s, 6)
    deleted, emptied, kept, latest = (
        (tmp_path / name).resolve() for name in ("deleted", "emptied", "kept", "latest")
    )
    for folder in (deleted, emptied, kept):
        _export(ctx, folder)
    before = _recorded(ctx)
    assert set(before) == {str(deleted), str(emptied), str(kept)}
    assert all(files > 0 and deps > 0 for files, deps in before.values())

    shutil.rmtree(deleted)
    for child in emptied.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    _export(ctx, latest)

    after = _recorded(ctx)
    assert set(after) == {str(kept), str(latest)}
    assert after[str(kept)] == before[str(kept)]

    # The folder still there kept what a quick re-export needs: after one edit, only the
    # pages that show the article are written again.
    with ctx.session() as s:
        update_article(s, recs[2].id, {"headline": "A headline changed after the cleanup"})
        s.commit()
    again = _export(ctx, kept)
    assert 0 < len(again.written) < again.total / 2, again
    assert "A headline changed after the cleanup" in next(
        p.read_text() for p in kept.rglob("index.html") if recs[2].slug in str(p.parent)
    )
    assert (kept / MANIFEST).exists()
