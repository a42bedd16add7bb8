"""Exported files follow the umask like any other program's output (issue 13: the site folder
came out 0700 and the bundle 0600 whatever the umask, so a web server could not read them)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.export.bundle import export_bundle
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_site_and_bundle_follow_the_umask(ctx, tmp_path, umask_022) -> None:
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        rec = create_article(
            s, ArticleRecord(headline="Sea wall", body="Text.", status="published")
        )
        export_site(s, tmp_path / "site", theme)
        export_bundle(s, [rec.id], tmp_path / "b.zip", theme)
    site = tmp_path / "site"
    assert _mode(site) == 0o755
    for path in site.rglob("*"):
        assert _mode(path) == (0o755 if path.is_dir() else 0o644), path
    assert _mode(tmp_path / "b.zip") == 0o644
