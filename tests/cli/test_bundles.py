"""The CLI end to end: export bundle and site, import of every kind, errors on one line."""

from __future__ import annotations

import json
import zipfile

from newsdesk.services.opening import open_context
from tests.conftest import run_cli
from tests.newsroom import populate


def _library(path):
    ctx = open_context(str(path), seed=False)
    with ctx.session() as s:
        recs = populate(s, 5)
    ctx.close()
    return recs


def test_bundle_export_and_import_round_trip(tmp_path) -> None:
    recs = _library(tmp_path / "a.newsdesk")
    out = tmp_path / "b.zip"
    done = run_cli(
        "export",
        "bundle",
        str(recs[0].id),
        recs[1].slug,
        "--out",
        str(out),
        "--json",
        db=tmp_path / "a.newsdesk",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["articles"] == [recs[0].uuid, recs[1].uuid] and zipfile.is_zipfile(out)
    # Not a terminal: progress comes as plain lines on stderr, never on stdout.
    assert "Bundling articles: 2/2" in done.stderr and "\r" not in done.stderr

    first = run_cli("import", str(out), "--json", db=tmp_path / "c.newsdesk")
    assert first.returncode == 0, first.stderr
    assert [r["updated"] for r in json.loads(first.stdout)] == [False, False]
    again = run_cli("import", str(out), db=tmp_path / "c.newsdesk")
    assert again.stdout.count("updated ") == 2
    copies = run_cli("import", str(out), "--as-copies", "--json", db=tmp_path / "c.newsdesk")
    assert {r["uuid"] for r in json.loads(copies.stdout)}.isdisjoint({recs[0].uuid, recs[1].uuid})
    listed = run_cli("article", "list", "--json", db=tmp_path / "c.newsdesk")
    assert len(json.loads(listed.stdout)) == 4


def test_site_export_and_incremental_rerun(tmp_path) -> None:
    _library(tmp_path / "a.newsdesk")
    site = tmp_path / "site"
    args = ("export", "site", "--out", str(site), "--base-url", "https://example.org", "--json")
    first = run_cli(*args, db=tmp_path / "a.newsdesk")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["written"] == json.loads(first.stdout)["total"]
    assert (site / "index.html").is_file() and (site / "feed.xml").is_file()
    second = run_cli(*args, db=tmp_path / "a.newsdesk")
    assert json.loads(second.stdout)["written"] == 0


def test_errors_are_one_line_and_nonzero(tmp_path) -> None:
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("../../etc/cron.d/x", "boom")
    done = run_cli("import", str(bad), db=tmp_path / "a.newsdesk")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "zip slip" in lines[0] and str(bad) in lines[0]
    assert run_cli("--create", "article", "list", db=tmp_path / "a.newsdesk").returncode == 0
    missing = run_cli(
        "export", "bundle", "999", "--out", str(tmp_path / "x.zip"), db=tmp_path / "a.newsdesk"
    )
    assert missing.returncode != 0 and "No article '999'" in missing.stderr
    assert not (tmp_path / "x.zip").exists()


def test_site_export_jobs(tmp_path, monkeypatch) -> None:
    """``--jobs N`` picks the processes; by default the export uses every processor it has."""
    from newsdesk.core import workers

    _library(tmp_path / "a.newsdesk")
    one = run_cli("export", "site", "--out", str(tmp_path / "one"), "--jobs", "1", "--json",
                  db=tmp_path / "a.newsdesk")  # fmt: skip
    two = run_cli("export", "site", "--out", str(tmp_path / "two"), "-j", "2", "--json",
                  db=tmp_path / "a.newsdesk")  # fmt: skip
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*"))
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*"))
    bad = run_cli("export", "site", "--out", str(tmp_path / "x"), "--jobs", "0",
                  db=tmp_path / "a.newsdesk")  # fmt: skip
    assert bad.returncode == 2 and "--jobs takes a whole number of 1 or more" in bad.stderr
    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert workers.available_cpus() == 3


def test_bundle_export_refuses_to_overwrite_a_file_that_is_not_a_bundle(tmp_path) -> None:
    """Issue 13: ``--out notes.txt`` used to replace the file without a word."""
    recs = _library(tmp_path / "a.newsdesk")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    db = tmp_path / "a.newsdesk"
    refused = run_cli("export", "bundle", str(recs[0].id), "--out", str(notes), db=db)
    assert refused.returncode != 0
    assert "not a newsdesk bundle" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"

    # An earlier bundle is replaced without asking; --force replaces anything.
    out = tmp_path / "b.zip"
    assert run_cli("export", "bundle", str(recs[0].id), "--out", str(out), db=db).returncode == 0
    again = run_cli("export", "bundle", str(recs[1].id), "--out", str(out), db=db)
    assert again.returncode == 0, again.stderr
    forced = run_cli("export", "bundle", str(recs[0].id), "--out", str(notes), "--force", db=db)
    assert forced.returncode == 0, forced.stderr
    assert zipfile.is_zipfile(notes)


def test_a_site_without_an_address_is_told_how_to_give_it_once(tmp_path) -> None:
    """The note said only "without --base-url …", as if the address had to be typed on every
    export; it can be set once in the site's settings (or Preferences → Site)."""
    _library(tmp_path / "a.newsdesk")
    done = run_cli("export", "site", "--out", str(tmp_path / "site"), db=tmp_path / "a.newsdesk")
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "relative addresses" in said and "newsdesk settings set base_url" in said
    run_cli("settings", "set", "base_url", "https://news.example.org", db=tmp_path / "a.newsdesk")
    again = run_cli("export", "site", "--out", str(tmp_path / "site"), db=tmp_path / "a.newsdesk")
    assert again.returncode == 0 and "relative addresses" not in again.stdout + again.stderr
