"""Newsroom notes: threaded, resolvable, with their desk, and never exported."""

from __future__ import annotations

import json
import zipfile

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.services import notes
from tests.conftest import run_cli


def test_threads_replies_and_resolving(desk_ctx) -> None:
    priya = desk_ctx("Priya Raman")
    with priya.session() as s:
        rec = create_article(s, ArticleRecord(headline="Harbour", status="published"))
        first = notes.add_note(s, rec.id, "Is the £4m figure confirmed?")
    aled = desk_ctx("Aled Morgan")
    with aled.session() as s:
        reply = notes.add_note(s, rec.id, "Yes, by the council.", parent_id=first.id)
        deeper = notes.add_note(s, rec.id, "Thanks.", parent_id=reply.id)
        notes.add_note(s, rec.id, "Needs a photo.")
        notes.resolve_note(s, first.id)
        threads = notes.list_notes(s, rec.id)
        still_open = notes.list_notes(s, rec.id, include_resolved=False)
    assert [(t.desk, t.text, t.resolved) for t in threads] == [
        ("Priya Raman", "Is the £4m figure confirmed?", True),
        ("Aled Morgan", "Needs a photo.", False),
    ]
    assert threads[0].resolved_by == "Aled Morgan"
    assert [(r.desk, r.text) for r in threads[0].replies] == [
        ("Aled Morgan", "Yes, by the council."),
        ("Aled Morgan", "Thanks."),
    ]
    assert deeper.parent_id == first.id  # a reply to a reply stays in the thread
    assert [t.text for t in still_open] == ["Needs a photo."]


def test_notes_never_leave_the_library(tmp_path) -> None:
    db = tmp_path / "lib.newsdesk"
    assert run_cli("article", "add", "--headline", "Harbour", "--status", "published",
                   "--section", "World", db=db).returncode == 0  # fmt: skip
    secret = "Source is the harbourmaster, do not name"
    added = run_cli("article", "note", "1", "--text", secret, db=db)
    assert added.returncode == 0, added.stderr
    listed = json.loads(run_cli("article", "notes", "1", "--json", db=db).stdout)
    assert listed[0]["text"] == secret
    site, bundle, md = tmp_path / "site", tmp_path / "b.zip", tmp_path / "md"
    assert run_cli("export", "site", "--out", str(site), db=db).returncode == 0
    assert run_cli("export", "bundle", "1", "--out", str(bundle), db=db).returncode == 0
    assert run_cli("export", "markdown", "1", "--out", str(md), db=db).returncode == 0
    for path in [*site.rglob("*"), *md.rglob("*")]:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    with zipfile.ZipFile(bundle) as z:
        for name in z.namelist():
            assert secret.encode() not in z.read(name), name


def test_the_trash_keeps_corrections_notes_and_the_path(desk_ctx) -> None:
    from datetime import UTC, datetime

    from newsdesk.core.articles import get_article
    from newsdesk.services import newsroom, trash

    ctx = desk_ctx("Priya Raman")
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Harbour", status="published"))
        newsroom.add_correction(
            s, rec.id, "The vote was 9–4.", now=datetime(2026, 12, 1, tzinfo=UTC)
        )
        first = notes.add_note(s, rec.id, "Photo?")
        notes.add_note(s, rec.id, "On its way.", parent_id=first.id)
        [entry] = trash.move_to_trash(s, [rec.id])
    with ctx.session() as s:
        trash.restore_entries(s, [entry.id])
        back = get_article(s, rec.id)
        threads = notes.list_notes(s, rec.id)
        path = [e.kind for e in newsroom.list_events(s, rec.id)]
    assert [c.text for c in back.corrections] == ["The vote was 9–4."]
    assert [(t.text, [r.text for r in t.replies]) for t in threads] == [("Photo?", ["On its way."])]
    assert path[:2] == ["correction", "note"]
