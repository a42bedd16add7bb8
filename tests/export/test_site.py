"""The static site: every page, feeds that parse, a complete sitemap, the same page as the one
renderer, incremental re-exports, and an old site that survives an interrupted export."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.core.pages import render_article_page, site_linker
from newsdesk.core.settings import load_settings
from newsdesk.export import site as site_mod
from newsdesk.export import site_builder
from newsdesk.export.site import MANIFEST, export_site
from newsdesk.export.site_files import STAMPS
from newsdesk.render.page import load_theme
from tests.conftest import REPO
from tests.newsroom import populate

BASE = "https://news.example.org"


def _export(ctx, out: Path, **kw):
    with ctx.session() as s:
        return export_site(s, out, load_theme(ctx.resources), **kw)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file of the site (not the stamps file: it holds modification times)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != STAMPS
    }


@pytest.fixture
def newsroom(ctx):
    with ctx.session() as s:
        recs = populate(s, 9)
    return recs


def test_site_has_every_page(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    result = _export(ctx, out, base_url=BASE)
    published = [r for r in newsroom if r.status == "published"]
    for rec in published:
        page = (out / "articles" / rec.slug / "index.html").read_text()
        assert rec.headline.replace("&", "&amp;").replace("“", "“") in page
    draft = newsroom[-1]
    assert not (out / "articles" / draft.slug).exists()
    for name in (
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "feed.json",
        "static/style.css",
    ):
        assert (out / name).is_file(), name
    for section in ("world", "business", "science"):
        assert (out / "sections" / section / "index.html").is_file()
        assert (out / "sections" / section / "feed.xml").is_file()
        assert (out / "sections" / section / "feed.json").is_file()
    assert (out / "tags" / "energy" / "index.html").is_file()
    home = (out / "index.html").read_text()
    pinned = newsroom[1]
    assert 'class="lead-story"' in home and pinned.headline.split(":")[0] in home.split("Latest")[0]
    assert "Disallow" not in (out / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in (out / "robots.txt").read_text()
    assert result.total == len(_tree(out)) - 1  # all but the manifest


def test_article_pages_are_exactly_the_one_renderers(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    _export(ctx, out)
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        settings = load_settings(s)
        for rec in newsroom[:-1]:
            expected = render_article_page(s, rec.id, site_linker(2), theme, settings)
            assert (out / "articles" / rec.slug / "index.html").read_text() == expected


def test_images_and_links_resolve(ctx, newsroom, tmp_path) -> None:
    import re

    out = tmp_path / "site"
    _export(ctx, out)
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        for ref in re.findall(r'(?:src|href)="([^"#:]+)"', page.read_text()):
            assert (page.parent / ref).resolve().exists(), f"{page.relative_to(out)} -> {ref}"


def test_sitemap_lists_every_page(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    _export(ctx, out, base_url=BASE)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    pages = {
        f"{BASE}/{p.relative_to(out).as_posix().removesuffix('index.html')}"
        for p in out.rglob("index.html")
    }
    assert locs == pages


def test_feeds_parse_with_their_required_elements(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    _export(ctx, out, base_url=BASE)
    published = {r.uuid for r in newsroom if r.status == "published"}
    for atom in [out / "feed.xml", *out.glob("sections/*/feed.xml")]:
        feed = feedparser.parse(atom.read_bytes())
        assert not feed.bozo, (atom, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        assert feed.feed.title and feed.feed.id and feed.feed.updated
        for entry in feed.entries:
            assert entry.id.removeprefix("urn:uuid:") in published
            assert entry.title and entry.updated and entry.link.startswith(BASE)
            assert entry.author and entry.content[0].value
    site_feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert len(site_feed.entries) == len(published)
    for jf in [out / "feed.json", *out.glob("sections/*/feed.json")]:
        data = json.loads(jf.read_text())
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["title"] and isinstance(data["items"], list)
        for item in data["items"]:
            assert item["id"] and (item.get("content_html") or item.get("content_text"))
            assert item["url"].startswith(BASE) and item["date_published"].endswith("Z")
    # feedparser 6.0 reads no JSON Feed, so the JSON feeds are checked against the 1.1 spec's
    # required members above; both kinds list the same entries.
    site_json = json.loads((out / "feed.json").read_text())
    assert [i["id"] for i in site_json["items"]] == [e.id for e in site_feed.entries]


def test_output_is_deterministic(ctx, newsroom, tmp_path) -> None:
    _export(ctx, tmp_path / "a", base_url=BASE)
    _export(ctx, tmp_path / "b", base_url=BASE)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_tag_pages_are_paginated(ctx, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(site_builder, "PER_PAGE", 3)
    with ctx.session() as s:
        for i in range(7):
            create_article(
                s,
                ArticleRecord(
                    headline=f"Tagged {i}",
                    body="x",
                    tags=["Busy"],
                    section="World",
                    status="published",
                ),
            )
    out = tmp_path / "site"
    _export(ctx, out)
    assert (out / "tags/busy/page/3/index.html").is_file()
    assert not (out / "tags/busy/page/4").exists()
    first = (out / "tags/busy/index.html").read_text()
    assert 'rel="next" href="../../tags/busy/page/2/index.html"' in first
    assert "Page 1 of 3" in first


def _mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def test_reexport_after_one_change_touches_only_dependent_pages(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    _export(ctx, out, base_url=BASE)
    before = _mtimes(out)
    again = _export(ctx, out, base_url=BASE)
    assert again.written == [] and _mtimes(out) == before

    target = newsroom[4]  # not pinned, not among the most recent
    with ctx.session() as s:
        update_article(s, target.id, {"standfirst": "A sharper standfirst."})
    result = _export(ctx, out, base_url=BASE)
    changed = {p for p, m in _mtimes(out).items() if before.get(p) != m} - {MANIFEST, STAMPS}
    assert changed == set(result.written)
    own = f"articles/{target.slug}/index.html"
    assert own in changed
    # Whatever else was rewritten shows the article (a card, a feed entry or a sitemap date).
    for path in changed - {own}:
        text = (out / path).read_text()
        assert target.slug in text or target.uuid in text, path
    # And pages that do not show it were left alone.
    unrelated = [
        p
        for p in before
        if p.endswith(".html") and p != own and target.slug not in (out / p).read_text()
    ]
    assert unrelated and not set(unrelated) & changed
    assert "A sharper standfirst." in (out / f"articles/{target.slug}/index.html").read_text()


def test_deleted_article_page_goes_away(ctx, newsroom, tmp_path) -> None:
    out = tmp_path / "site"
    _export(ctx, out)
    with ctx.session() as s:
        update_article(s, newsroom[0].id, {"status": "archived"})
    result = _export(ctx, out)
    assert result.removed >= 1
    assert not (out / "articles" / newsroom[0].slug).exists()


def test_failure_midway_leaves_the_old_site_whole(ctx, newsroom, tmp_path, monkeypatch) -> None:
    out = tmp_path / "site"
    _export(ctx, out)
    old = _tree(out)
    with ctx.session() as s:
        for rec in newsroom[:-1]:  # many pages change: the rebuild path
            update_article(s, rec.id, {"headline": rec.headline + " (updated)"})
    calls = {"n": 0}
    real = site_mod.SiteBuilder.article_page

    def flaky(self, aid, path):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, aid, path)

    monkeypatch.setattr(site_mod.SiteBuilder, "article_page", flaky)
    with pytest.raises(Exception, match="No space left"):
        _export(ctx, out)
    assert _tree(out) == old
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_patch_failure_before_commit_leaves_the_old_site_whole(
    ctx, newsroom, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)  # patch in place whatever the share
    out = tmp_path / "site"
    _export(ctx, out)
    old = _tree(out)
    with ctx.session() as s:
        update_article(s, newsroom[4].id, {"standfirst": "Changed"})
    monkeypatch.setattr(
        site_mod, "atomic_write_bytes", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error"))
    )
    with pytest.raises(Exception, match="I/O error"):
        _export(ctx, out)
    assert _tree(out) == old
    assert not list(tmp_path.glob(".site.*"))


def _killed_after_commit(ctx, newsroom, tmp_path: Path, monkeypatch) -> Path:
    """Export a site, edit one article and re-export it as a patch, "killed" after COMMIT
    (before the renames): the staging folder is left for the next run. The site's folder."""
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)
    out = tmp_path / "site"
    _export(ctx, out)
    with ctx.session() as s:
        update_article(s, newsroom[4].id, {"standfirst": "Changed"})
    monkeypatch.setattr(site_mod, "_apply_patch", lambda staging, target: None)  # "killed"
    _export(ctx, out)
    return out


def test_committed_patch_is_finished_by_the_next_run(ctx, newsroom, tmp_path, monkeypatch) -> None:
    """Killed after COMMIT, during the renames: the next run rolls the patch forward."""
    out = _killed_after_commit(ctx, newsroom, tmp_path, monkeypatch)
    assert list(tmp_path.glob(".site.*.staging"))
    monkeypatch.undo()
    result = _export(ctx, out)
    assert result.written == []  # the earlier run's files were applied, nothing left to do
    assert "Changed" in (out / f"articles/{newsroom[4].slug}/index.html").read_text()
    assert not list(tmp_path.glob(".site.*"))


@pytest.mark.heavy
def test_killed_export_leaves_a_whole_site(ctx, tmp_path) -> None:
    """Kill a real export process mid-way: the folder holds the old site, complete."""
    with ctx.session() as s:
        populate(s, 9)
        for i in range(400):
            create_article(
                s,
                ArticleRecord(
                    headline=f"Bulk {i}",
                    body="Some words. " * 50,
                    section="Business",
                    status="published",
                    tags=[f"Tag {i % 40}"],
                ),
            )
    out = tmp_path / "site"
    _export(ctx, out)
    old = _tree(out)
    with ctx.session() as s:
        for aid in range(1, 300):
            update_article(s, aid, {"standfirst": "Everything changed"})
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(ctx.paths.db_path), "export", "site", "--out", str(out)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and proc.poll() is None:
        partial = [p for p in tmp_path.glob(".site.*.partial") if (p / "articles").is_dir()]
        if partial and sum(1 for _ in partial[0].glob("articles/*/index.html")) > 20:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.005)
    proc.wait(timeout=30)
    assert killed, "the export finished before it could be interrupted"
    assert _tree(out) == old
    # The next export cleans up and completes.
    result = _export(ctx, out)
    assert (
        "Everything changed"
        in (out / "articles" / get_article_slug(ctx, 5) / "index.html").read_text()
    )
    assert not list(tmp_path.glob(".site.*.partial"))
    assert result.total == len(_tree(out)) - 1


def get_article_slug(ctx, aid: int) -> str:
    with ctx.session() as s:
        return get_article(s, aid).slug


def test_refuses_to_replace_a_folder_it_did_not_make(ctx, newsroom, tmp_path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(Exception, match="not a site newsdesk exported"):
        _export(ctx, precious)
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_worker_processes_write_the_same_site(ctx, newsroom, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    _export(ctx, tmp_path / "one", base_url=BASE)
    _export(ctx, tmp_path / "two", base_url=BASE, workers=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_templates_are_ready_before_worker_processes_start(
    ctx, newsroom, tmp_path, monkeypatch
) -> None:
    """The parent renders one file of each kind before it forks: each worker would otherwise
    load the templates (and the locale's date data) for itself."""
    from newsdesk.export import site_files
    from newsdesk.render import page as page_mod

    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    used: list[str] = []
    real_template, real_forked = page_mod._template, site_files._render_forked

    def template(template_dir, name, locale=None):
        used.append(name)
        return real_template(template_dir, name, locale)

    before_fork: list[str] = []

    def forking(*args, **kwargs):
        before_fork.extend(used)
        return real_forked(*args, **kwargs)

    monkeypatch.setattr(page_mod, "_template", template)
    monkeypatch.setattr(site_files, "_render_forked", forking)
    _export(ctx, tmp_path / "site", workers=2)
    assert {"article.html", "home.html", "section.html", "tag.html", "404.html"} <= set(before_fork)


def test_worker_processes_import_nothing_for_themselves(
    ctx, newsroom, tmp_path, monkeypatch
) -> None:
    """What every process needs (templates, the feed writers, the call that ties a worker's
    life to the export's) is loaded once before forking: a worker imports nothing of its own,
    which each would otherwise pay for again in processor time."""
    from newsdesk.export import site_files

    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    for name in ("ctypes", "xml.etree.ElementTree"):  # as in a fresh `newsdesk export site`
        monkeypatch.delitem(sys.modules, name, raising=False)
    real_work = site_files._work_in_child

    def work(*args):  # in the worker, from the fork to its answer
        loaded = set(sys.modules)
        real_write = site_files._write_all_bytes

        def write(fd, data):
            if fd == args[4]:  # its answer to the export: what it imported on the way
                imported = sorted(set(sys.modules) - loaded)
                (tmp_path / f"imported-{os.getpid()}").write_text(json.dumps(imported))
            real_write(fd, data)

        site_files._write_all_bytes = write  # this worker's own module: the export's is as was
        real_work(*args)

    monkeypatch.setattr(site_files, "_work_in_child", work)
    _export(ctx, tmp_path / "site", base_url=BASE, workers=3)
    told = [json.loads(p.read_text()) for p in tmp_path.glob("imported-*")]
    assert len(told) == 2 and told == [[], []]


def _in_workers(monkeypatch):
    """Any site goes to worker processes; this process's id and the real article-page
    method, for a test that replaces it with one that acts differently in a worker."""
    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    return os.getpid(), site_mod.SiteBuilder.article_page


def test_a_slow_worker_leaves_its_share_to_the_others(ctx, newsroom, tmp_path, monkeypatch) -> None:
    """Pages go out in chunks each process takes when it is ready (a loaded machine slows one
    process more than another): a worker slowed down renders fewer pages, and the site is the
    same. The stamps the processes hand back are the files' own (a --verify finds nothing)."""
    parent, real = _in_workers(monkeypatch)
    log = tmp_path / "pages.log"

    def logged(self, aid, path):
        if os.getpid() != parent:
            time.sleep(0.05)  # the worker is slow (its machine is busy)
        with open(log, "a", encoding="utf-8") as fh:  # one short line per append
            fh.write(f"{os.getpid()}\n")
        return real(self, aid, path)

    _export(ctx, tmp_path / "one", base_url=BASE)
    monkeypatch.setattr(site_mod.SiteBuilder, "article_page", logged)
    result = _export(ctx, tmp_path / "two", base_url=BASE, workers=2)
    writers = log.read_text(encoding="utf-8").split()[1:]  # the first: warm() before forking
    assert len(writers) == len([p for p in _tree(tmp_path / "two") if p.startswith("articles/")])
    assert writers.count(str(parent)) > len(writers) / 2
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    checked = _export(ctx, tmp_path / "two", base_url=BASE, verify=True)
    assert checked.written == [] and checked.total == result.total


def test_a_failing_worker_process_fails_the_export(ctx, newsroom, tmp_path, monkeypatch) -> None:
    parent, real = _in_workers(monkeypatch)
    failed = tmp_path / "the worker failed"

    def broken_in_child(self, aid, path):
        if os.getpid() != parent:
            failed.touch()
            raise OSError(28, "No space left on device")
        for _ in range(500):  # the parent takes its pages as the worker takes its own: it
            if failed.exists():  # waits here until the worker has failed on one
                break
            time.sleep(0.01)
        return real(self, aid, path)

    monkeypatch.setattr(site_mod.SiteBuilder, "article_page", broken_in_child)
    with pytest.raises(Exception, match="No space left"):
        _export(ctx, tmp_path / "site", workers=2)
    assert not (tmp_path / "site").exists()
    # Nothing of the site is recorded in the library: the next export must not trust a
    # folder that was never written.
    with ctx.session() as s:
        recorded = [
            s.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("site_export_file", "site_export_dep", "site_export")
        ]
    assert recorded == [0, 0, 0]


def test_related_modules_match_the_renderer_on_a_random_library(ctx, tmp_path) -> None:
    """The site works out Read more / More from / Most popular in bulk; on many overlapping
    tags, sections, pins and equal dates it must pick exactly what the renderer's queries pick."""
    import random
    from datetime import UTC, datetime, timedelta

    rng = random.Random(5)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with ctx.session() as s:
        for i in range(60):
            create_article(
                s,
                ArticleRecord(
                    headline=f"Random {i}", body="x", status=rng.choice(["published"] * 4 + ["draft"]),
                    section=rng.choice(["A", "B", "C", None]), tags=rng.sample([f"t{k}" for k in range(8)], rng.randint(0, 3)),
                    pinned=rng.random() < 0.1, published_at=start + timedelta(hours=rng.randint(0, 20)),
                ),
            )  # fmt: skip
    out = tmp_path / "site"
    _export(ctx, out)
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        settings = load_settings(s)
        for aid in range(1, 61):
            rec = get_article(s, aid)
            page = out / "articles" / rec.slug / "index.html"
            if rec.status != "published":
                assert not page.exists()
                continue
            assert page.read_text() == render_article_page(s, rec, site_linker(2), theme, settings)


def test_article_records_are_held_one_batch_at_a_time(ctx, newsroom, tmp_path, monkeypatch) -> None:
    """Rendering holds the records (bodies) of one batch of article pages, not all of them
    (at 100,000 articles all of them were ~300 MB per process), and writes the same site."""
    _export(ctx, tmp_path / "whole", base_url=BASE)
    held: list[int] = []
    records = site_builder.SiteBuilder.records

    def counting(self, ids):
        found = records(self, ids)
        held.append(len(self._records))
        return found

    monkeypatch.setattr(site_builder, "RECORD_BATCH", 2)
    monkeypatch.setattr(site_builder.SiteBuilder, "records", counting)
    _export(ctx, tmp_path / "batched", base_url=BASE)
    assert _tree(tmp_path / "batched") == _tree(tmp_path / "whole")
    assert held and max(held) <= 2 + site_builder.FEED_ITEMS  # a batch, or one feed's items
    assert sum(1 for n in held if n <= 2) > len(newsroom) // 2  # pages went batch by batch


def test_a_patch_waits_flat_and_one_committed_by_an_older_newsdesk_is_finished(
    ctx, newsroom, tmp_path, monkeypatch
) -> None:
    """A patch's files wait in its staging folder flat (no folder made and removed for each);
    a committed staging folder an older newsdesk left in its tree layout is still rolled
    forward by the next run."""
    from newsdesk.export.site_files import recover

    out = _killed_after_commit(ctx, newsroom, tmp_path, monkeypatch)
    (staging,) = tmp_path.glob(".site.*.staging")
    assert all(p.is_file() for p in (staging / "files").iterdir())  # no folders
    monkeypatch.undo()
    shutil.rmtree(staging)

    page = f"articles/{newsroom[2].slug}/index.html"
    older = tmp_path / ".site.older.staging"
    (older / "files" / page).parent.mkdir(parents=True)
    (older / "files" / page).write_text("rolled forward")
    (older / "COMMIT").write_text(json.dumps({"write": [page], "remove": {}}))
    assert recover(out)
    assert (out / page).read_text() == "rolled forward"
    assert not older.exists()


def test_records_asked_together_come_whole_while_batches_go(ctx, newsroom, monkeypatch) -> None:
    """A feed asks for many records at once while pages go batch by batch: the ones it was
    already holding are not let go under it."""
    from newsdesk.core.settings import load_settings
    from newsdesk.export.site_data import load_site_data

    monkeypatch.setattr(site_builder, "RECORD_BATCH", 1)
    with ctx.session() as s:
        data = load_site_data(s, "published")
        builder = site_builder.SiteBuilder(
            s, load_theme(ctx.resources), load_settings(s), data, "published"
        )
        builder.build_plan()
        a, b = data.pages[:2]
        builder.preload([f"articles/{data.meta[i].slug}/index.html" for i in (a, b)])
        assert list(builder.records([a])) == [a]
        both = builder.records([a, b])
        assert [both[i].id for i in (a, b)] == [a, b]
        assert list(builder.records([b])) == [b]


def test_patch_files_are_flushed_on_threads_and_a_failure_is_raised(tmp_path, monkeypatch) -> None:
    """Every file of a patch is flushed before its COMMIT (on several threads at once), and a
    flush that fails fails the patch (the export stops before the point of no return)."""
    from newsdesk.export import site_files

    names = [f"{n}" for n in range(40)]
    for name in names:
        (tmp_path / name).write_bytes(b"x" * 100)
    flushed: list[str] = []
    real = site_files._fsync
    monkeypatch.setattr(site_files, "_fsync", lambda path: (real(path), flushed.append(path.name)))
    site_files._fsync_files(tmp_path, names)
    assert sorted(flushed) == sorted(names)
    with pytest.raises(FileNotFoundError):
        site_files._fsync_files(tmp_path, [*names[:5], "missing", *names[5:]])
