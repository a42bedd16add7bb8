"""The app's site export: a whole export runs ``newsdesk export site`` in a child process of
its own (every processor, no fork of the app's threads); a re-export the library can tell
(a few articles edited in place) stays in the app's process."""

from __future__ import annotations

import subprocess

import pytest

from newsdesk.core.articles import update_article
from newsdesk.core.progress import Progress
from newsdesk.services import transfer
from tests.newsroom import populate

pytestmark = pytest.mark.heavy  # starts newsdesk in a subprocess


def test_whole_export_in_a_child_then_an_edit_in_process(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        recs = populate(s, 9)
    started: list[list[str]] = []
    real = subprocess.Popen

    def spy(cmd, *args, **kwargs):  # records, then starts the real process
        started.append(list(cmd))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(transfer.subprocess, "Popen", spy)
    monkeypatch.setattr(transfer, "available_cpus", lambda: 2)
    out = tmp_path / "site"
    reports: list[tuple[int, int]] = []
    summary = transfer.export_whole_site(
        ctx, out, Progress(lambda st: reports.append((st.done, st.total)))
    )
    assert len(started) == 1 and started[0][-4:] == ["site", "--out", str(out), "--json"]
    assert "written" in summary and (out / "index.html").is_file()
    assert reports and reports[-1][0] == reports[-1][1] > 0  # the child's progress, to the end

    target = next(r for r in recs if r.status == "published")
    with ctx.session() as s:
        update_article(s, target.id, {"headline": "Edited in the app"})
    summary = transfer.export_whole_site(ctx, out, Progress())
    assert len(started) == 1  # no child this time
    assert "Edited in the app" in (out / f"articles/{target.slug}/index.html").read_text()


def test_a_failing_child_export_is_a_message(ctx, tmp_path, monkeypatch) -> None:
    with ctx.session() as s:
        populate(s, 3)
    monkeypatch.setattr(transfer, "available_cpus", lambda: 2)
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("not a site")
    with pytest.raises(transfer.UserError, match="not a site newsdesk exported"):
        transfer.export_whole_site(ctx, out, Progress())
    assert (out / "notes.txt").read_text() == "not a site"


def test_a_site_without_an_address_says_where_to_give_it(ctx, tmp_path, monkeypatch) -> None:
    """Seen when tried as a person: the window's export said only "63 files, 63 written"; the
    command's note that feeds and the sitemap hold relative addresses (no feed reader can
    follow them) never reached the window. Both ways of exporting now say it, and where the
    address is set; with the address set, they do not."""
    from newsdesk.services.site import change_site_settings

    with ctx.session() as s:
        recs = populate(s, 4)
    monkeypatch.setattr(transfer, "available_cpus", lambda: 2)
    out = tmp_path / "site"
    summary = transfer.export_whole_site(ctx, out, Progress())  # whole: in a child
    assert "written" in summary and "relative addresses" in summary
    assert "Preferences → Site" in summary
    target = next(r for r in recs if r.status == "published")
    with ctx.session() as s:
        update_article(s, target.id, {"headline": "Edited in the app"})
    summary = transfer.export_whole_site(ctx, out, Progress())  # quick: in this process
    assert "Edited in the app" in (out / f"articles/{target.slug}/index.html").read_text()
    assert "relative addresses" in summary
    change_site_settings(ctx, {"base_url": "https://news.saltmere.example"})
    summary = transfer.export_whole_site(ctx, out, Progress())
    assert "relative addresses" not in summary
    assert "https://news.saltmere.example/" in (out / "feed.xml").read_text()
