"""``newsdesk export site`` planned whole on a plain ``sqlite3`` connection
(``services.site_full``): the same site, byte for byte, as the full way through the ORM,
recorded in the library as the full way records it, without importing SQLAlchemy, SQLModel,
pydantic or Alembic; and the full way whenever the plain connection may not be used."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsdesk.core.articles import update_article
from newsdesk.core.progress import Progress
from newsdesk.export import site as site_mod
from newsdesk.services.site_full import full_site
from newsdesk.services.site_lean import SiteAsk
from newsdesk.services.transfer import export_site_folder
from tests.conftest import REPO, run_cli
from tests.newsroom import populate

BASE = "https://news.example.org"
ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")
PROBE = (
    "import json, sys\n"
    "from newsdesk.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    f"heavy = sorted(m for m in {ORM!r} if m in sys.modules)\n"
    "print(json.dumps({'heavy': heavy}), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _full(db_path: Path, out: Path, workers: int = 1, base: str | None = BASE) -> dict | None:
    return full_site(SiteAsk(str(db_path), None, out, "published", base), Progress(), workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_site_byte_for_byte_as_the_full_way(
    ctx, db_path, tmp_path, monkeypatch, workers
) -> None:
    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)  # two processes even for a small site
    with ctx.session() as s:
        populate(s, 30)
    orm = export_site_folder(ctx, tmp_path / "orm", base_url=BASE, workers=workers)
    ctx.close()  # as the app leaves a library it found sound

    report = _full(db_path, tmp_path / "lean", workers)

    assert report is not None
    assert report["total"] == orm.total and report["written"] == orm.total
    assert report["has_base"] is True
    lean, full = _tree(tmp_path / "lean"), _tree(tmp_path / "orm")
    assert sorted(lean) == sorted(full)
    assert [p for p in full if lean[p] != full[p]] == []


@pytest.mark.parametrize("workers", [1, 2])
def test_the_library_records_it_as_the_full_way_would(
    ctx, db_path, tmp_path, monkeypatch, workers
) -> None:
    """With two processes the record is half written while the worker renders."""
    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    with ctx.session() as s:
        recs = populate(s, 12)
    ctx.close()
    out = tmp_path / "site"
    report = _full(db_path, out, workers)
    assert report is not None and report["written"] == report["total"] > 0

    again = run_cli("export", "site", "--out", str(out), "--base-url", BASE, "--json", db=db_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["written"] == 0  # the library knows the folder
    checked = run_cli(
        "export", "site", "--out", str(out), "--base-url", BASE, "--verify", "--json", db=db_path
    )
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["written"] == 0  # and every file is as recorded

    edited = run_cli("article", "edit", str(recs[3].id), "--headline", "Edited", db=db_path)
    assert edited.returncode == 0, edited.stderr
    patched = run_cli("export", "site", "--out", str(out), "--base-url", BASE, "--json", db=db_path)
    assert patched.returncode == 0, patched.stderr
    assert 0 < json.loads(patched.stdout)["written"] < report["total"]
    page = (out / "articles" / recs[3].slug / "index.html").read_text(encoding="utf-8")
    assert "Edited" in page


def test_another_program_can_save_while_the_pages_are_written(
    ctx, db_path, tmp_path, monkeypatch
) -> None:
    """The export holds no write lock on the library while its processes render: the app's
    autosave (another connection) is not kept waiting for a whole site."""
    monkeypatch.setattr(site_mod, "MIN_PARALLEL", 1)
    with ctx.session() as s:
        populate(s, 12)
    ctx.close()
    real_page, real_warm = site_mod.SiteBuilder.article_page, site_mod.SiteBuilder.warm
    log = tmp_path / "saves.log"  # each process appends what its save attempts found
    warming: list[bool] = []

    def warm(self, paths):  # the pages made before the workers are forked do not count
        warming.append(True)
        try:
            return real_warm(self, paths)
        finally:
            warming.clear()

    def with_a_save(self, aid, path):
        if not warming:
            other = sqlite3.connect(db_path, timeout=1, isolation_level=None)
            try:
                # What a save needs first. A second's wait absorbs the moment another
                # connection opens the file; a lock held by the export is held far longer
                # (it would be released only once this process had rendered its pages).
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                found = "saved"
            except sqlite3.OperationalError as exc:
                found = str(exc).replace(" ", "-")
            finally:
                other.close()
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(found + "\n")
        return real_page(self, aid, path)

    monkeypatch.setattr(site_mod.SiteBuilder, "warm", warm)
    monkeypatch.setattr(site_mod.SiteBuilder, "article_page", with_a_save)
    report = _full(db_path, tmp_path / "site", workers=2)
    assert report is not None and report["written"] == report["total"]
    found = log.read_text(encoding="utf-8").split()
    pages = len(list((tmp_path / "site" / "articles").iterdir()))
    assert len(found) == pages > 5 and set(found) == {"saved"}


@pytest.mark.heavy
def test_the_command_exports_a_new_folder_without_the_orm(ctx, db_path, tmp_path) -> None:
    with ctx.session() as s:
        populate(s, 8)
    ctx.close()
    out = tmp_path / "new" / "site"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-c", PROBE, "--db", str(db_path), "export", "site"]
    done = subprocess.run(
        [*cmd, "--out", str(out), "--json", "--jobs", "2"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1])["heavy"] == []
    report = json.loads(done.stdout)
    assert report["written"] == report["total"] > 0
    assert (out / "index.html").is_file()


def test_a_library_not_known_sound_goes_the_full_way(ctx, db_path, tmp_path) -> None:
    """Changed by another program since newsdesk found it sound: the full way checks it first."""
    with ctx.session() as s:
        populate(s, 6)
    ctx.close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE article SET standfirst = 'Changed elsewhere' WHERE id = 1")
    conn.close()
    assert _full(db_path, tmp_path / "site") is None
    assert not (tmp_path / "site").exists()


def test_bodies_of_a_bulk_import_still_to_render_go_the_full_way(ctx, db_path, tmp_path) -> None:
    with ctx.session() as s:
        populate(s, 6)
        s.connection().exec_driver_sql("UPDATE article SET body_html = '' WHERE id = 2")
    ctx.close()
    assert _full(db_path, tmp_path / "site") is None
    assert not (tmp_path / "site").exists()


def test_a_busy_library_goes_the_full_way_with_the_old_site_left(ctx, db_path, tmp_path) -> None:
    """Another program holds the write lock past the busy timeout when the export records
    what it wrote: nothing is recorded, the old site stays whole and no scratch folder is
    left; the full way (which waits, and says so) takes over."""
    with ctx.session() as s:
        recs = populate(s, 6)
    ctx.close()
    out = tmp_path / "site"
    assert _full(db_path, out) is not None
    before = _tree(out)
    with ctx.session() as s:
        update_article(s, recs[1].id, {"headline": "Changed before the next export"})
    ctx.close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert _full(db_path, out, base="https://elsewhere.example") is None
    finally:
        other.rollback()
        other.close()
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == []


@pytest.mark.heavy
def test_the_command_ends_once_all_is_done(ctx, db_path, tmp_path) -> None:
    """The command ends its process at once after a whole export (``os._exit``, no teardown
    of the loaded site): its report is whole, the library is closed as sound, and the old
    site it replaced is removed by a process of its own, which the command does not wait
    for: gone shortly after, not left as a trash folder."""
    with ctx.session() as s:
        populate(s, 8)
    ctx.close()
    out = tmp_path / "site"
    first = run_cli("export", "site", "--out", str(out), "--json", db=db_path)
    assert first.returncode == 0, first.stderr
    old_page = out / "index.html"
    old_inode = old_page.stat().st_ino

    again = run_cli("export", "site", "--out", str(out), "--base-url", BASE, "--json", db=db_path)

    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)  # the whole report reached the pipe
    assert report["written"] == report["total"] > 0
    assert old_page.stat().st_ino != old_inode  # the new site is in place
    assert _left_beside(tmp_path, within=30) == []
    noop = run_cli("export", "site", "--out", str(out), "--base-url", BASE, "--json", db=db_path)
    assert noop.returncode == 0 and json.loads(noop.stdout)["written"] == 0


def test_an_old_site_is_removed_by_a_process_the_command_need_not_wait_for(
    tmp_path, monkeypatch
) -> None:
    """What a rebuilt site replaced is renamed aside and removed by a process of its own: the
    command, which waits for its threads before it ends, has none removing it to wait for."""
    from newsdesk.export import site_files

    threads: list[str] = []
    real = threading.Thread

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(kwargs.get("name", ""))
        return real(*args, **kwargs)

    monkeypatch.setattr(site_files.threading, "Thread", recorded)
    old = tmp_path / ".site.x.partial"
    for n in range(50):
        (old / "articles" / f"a{n}").mkdir(parents=True)
        (old / "articles" / f"a{n}" / "index.html").write_text("<p>old</p>")
    site_files._discard(old)
    assert not old.exists()
    assert threads == []
    assert _left_beside(tmp_path, within=30) == []


def _left_beside(folder: Path, within: float) -> list[str]:
    """The hidden folders (scratch, trash) beside the site once none is left, or after
    ``within`` seconds those still there."""
    deadline = time.monotonic() + within
    while True:
        left = sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)
