"""Bulk import on a shared PostgreSQL library: ids from the server (INSERT … RETURNING, not
SQLite's consecutive rowids), taxonomy created a batch at a time, bodies rendered when read
and stored by ``render_pending`` (the partial index exists there too)."""

from __future__ import annotations

from newsdesk.core.articles import get_article
from newsdesk.core.bodies import render_pending
from newsdesk.services.importing import import_paths
from tests.filesgen import write_jekyll
from tests.importers.test_archive_import import (  # noqa: F401 - run here with the PostgreSQL ctx
    test_importing_the_archive_again_updates_it,
)
from tests.importers.test_bulk_files import (  # noqa: F401
    test_ninjs_and_markdown_files_together_keep_their_order,
)
from tests.newsroom import image_bytes
from tests.wxrgen import expected, write_wxr


def test_an_archive_and_a_folder_arrive_on_postgres(ctx, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "archive.xml", 600)
    site = write_jekyll(tmp_path / "site", 30, image=image_bytes((1, 2, 3), "PNG"))
    with ctx.session() as s:
        results = import_paths(s, [wxr])
        import_paths(s, [site], as_copy=True)
    assert len({r.record.id for r in results}) == 600
    with ctx.session() as s:
        for i in (0, 599):
            e, rec = expected(i), get_article(s, results[i].record.id)
            assert (rec.slug, rec.section, rec.tags) == (e["slug"], e["section"], e["tags"])
            assert f'src="{e["image"]}"' in rec.body_html
        assert render_pending(s) == 630
    with ctx.session() as s:
        assert render_pending(s) == 0
