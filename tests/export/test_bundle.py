"""Article bundles: layout, manifest checksums, and byte-identical zips for the same articles."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import frontmatter

from newsdesk.export.bundle import build_bundle, export_bundle
from newsdesk.render.page import load_theme
from tests.newsroom import populate


def test_bundle_layout_and_manifest(ctx, tmp_path) -> None:
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        recs = populate(s)
        result = export_bundle(s, [recs[0].id, recs[3].uuid], tmp_path / "out.zip", theme)
    with zipfile.ZipFile(result.path) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        for slug in (recs[0].slug, recs[3].slug):
            for part in ("index.html", "article.md", "article.json", "assets/style.css"):
                assert f"{slug}/{part}" in names
            page = zf.read(f"{slug}/index.html").decode()
            assert 'href="assets/style.css"' in page
            # Every image the page shows is inside the bundle.
            for src in __import__("re").findall(r'src="(assets/[^"]+)"', page):
                assert f"{slug}/{src}" in names
            post = frontmatter.loads(zf.read(f"{slug}/article.md").decode())
            assert post["featured_image"]["src"].startswith("assets/")
            assert f"{slug}/{post['featured_image']['src']}" in names
        listed = {f["path"]: f for f in manifest["files"]}
        assert set(listed) == names - {"manifest.json"}
        for name, entry in listed.items():
            data = zf.read(name)
            assert entry["size"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["format"] == "newsdesk-bundle" and manifest["format_version"] == 1
    assert manifest["generator"].startswith("newsdesk ")
    assert [a["uuid"] for a in manifest["articles"]] == [recs[0].uuid, recs[3].uuid]


def test_same_articles_give_identical_bytes(ctx, tmp_path) -> None:
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        recs = populate(s)
        ids = [r.id for r in recs[:3]]
        first = export_bundle(s, ids, tmp_path / "a.zip", theme).path.read_bytes()
    with ctx.session() as s:
        second = build_bundle(s, ids, theme)[0]
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
