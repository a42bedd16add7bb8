"""The publishing commands in a real subprocess, with the folder (Hugo) and webhook targets;
and the security check: no secret in the library, an export or the output."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import run_cli

from conftest import WEBHOOK_SECRET
from newsdesk.services import publishing


def _article(db: Path, tmp_path: Path) -> str:
    body = tmp_path / "body.md"
    body.write_text("The board voted on Tuesday.\n", encoding="utf-8")
    out = run_cli("article", "add", "--headline", "Tariffs frozen", "--section", "Business",
                  "--tag", "Shipping", "--body-file", str(body), "--status", "published",
                  "--dateline", "Port Saltmere", db=db)  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_folder_target_publish_republish_unpublish(tmp_path, db_path):
    site = tmp_path / "site" / "content"
    site.mkdir(parents=True)
    article_id = _article(db_path, tmp_path)
    add = run_cli("target", "add", "hugo", "--kind", "folder", "--url", str(site), db=db_path)
    assert add.returncode == 0, add.stderr
    test = run_cli("target", "test", "hugo", db=db_path)
    assert test.returncode == 0 and "ready to publish" in test.stdout

    pub = run_cli("publish", article_id, "--target", "hugo", "--json", db=db_path)
    assert pub.returncode == 0, pub.stderr
    assert json.loads(pub.stdout)["status"] == "done"
    page = site / "business" / "tariffs-frozen" / "index.md"
    text = page.read_text(encoding="utf-8")
    assert "title: Tariffs frozen" in text and "categories:\n- Business" in text
    assert "draft: false" in text and "The board voted on Tuesday." in text

    page.write_text(text.replace("The board", "Someone edited the board"), encoding="utf-8")
    run_cli("article", "edit", article_id, "--headline", "Tariffs frozen again", db=db_path)
    refused = run_cli("publish", article_id, "--target", "hugo", db=db_path)
    assert refused.returncode == 1
    assert "edited on the site" in refused.stderr and "--force" in refused.stderr
    assert f"its {page} was changed on " in refused.stderr  # the file and time, not hashes
    assert not re.search(r"[0-9a-f]{64}", refused.stderr)
    assert len(refused.stderr.strip().splitlines()) == 1
    forced = run_cli("publish", article_id, "--target", "hugo", "--force", db=db_path)
    assert forced.returncode == 0, forced.stderr
    assert "Tariffs frozen again" in page.read_text(encoding="utf-8")
    assert len(list(site.rglob("index.md"))) == 1

    gone = run_cli("unpublish", article_id, "--target", "hugo", db=db_path)
    assert gone.returncode == 0, gone.stderr
    assert not page.exists()


def test_webhook_target_via_cli_keeps_secret_out_of_library(tmp_path, db_path, webhook_server):
    article_id = _article(db_path, tmp_path)
    add = run_cli("target", "add", "hook", "--kind", "webhook", "--url", webhook_server.url,
                  db=db_path, input=WEBHOOK_SECRET + "\n")  # fmt: skip
    assert add.returncode == 0, add.stderr
    listed = run_cli("target", "list", "--json", db=db_path)
    assert json.loads(listed.stdout)[0]["name"] == "hook"

    webhook_server.httpd.state.fail_next = 1
    first = run_cli("publish", article_id, "--target", "hook", db=db_path)
    assert first.returncode == 75 and "Not sent yet" in first.stdout
    box = run_cli("outbox", "list", "--json", db=db_path)
    [job] = json.loads(box.stdout)
    assert job["status"] == "queued" and job["attempts"] == 1
    retry = run_cli("outbox", "retry", str(job["id"]), db=db_path)
    assert retry.returncode == 0, retry.stderr
    assert len(webhook_server.httpd.state.items) == 1
    assert run_cli("outbox", "list", db=db_path).stdout.strip() == "The outbox is empty"

    export = tmp_path / "export"
    assert (
        run_cli("export", "markdown", article_id, "--out", str(export), db=db_path).returncode == 0
    )
    outputs = [add, listed, first, box, retry]
    secret = WEBHOOK_SECRET.encode()
    for path in [db_path, *db_path.parent.glob("*.newsdesk*"), *export.rglob("*")]:
        if path.is_file():
            assert secret not in path.read_bytes(), path
    for out in outputs:
        assert WEBHOOK_SECRET not in out.stdout + out.stderr
    with sqlite3.connect(db_path) as conn:
        dump = "\n".join(conn.iterdump())
    assert WEBHOOK_SECRET not in dump

    removed = run_cli("target", "remove", "hook", db=db_path)
    assert removed.returncode == 0
    import keyring

    assert keyring.get_password("newsdesk", "target:hook") is None


def test_unknown_target_is_one_line_error(tmp_path, db_path):
    article_id = _article(db_path, tmp_path)
    out = run_cli("publish", article_id, "--target", "nope", db=db_path)
    assert out.returncode == 1
    assert (
        out.stderr.strip()
        == "newsdesk: error: No publish target called 'nope' (see 'newsdesk target list')"
    )


@contextmanager
def _library(db_path: Path) -> Iterator[Any]:
    from newsdesk.services.opening import open_context

    ctx = open_context(str(db_path), seed=False)
    try:
        yield ctx
    finally:
        ctx.close()


def _add_target(db_path: Path, name: str, kind: str, url: str, secret: str | None = None) -> None:
    """Set up through the services (the CLI's own 'target add' is tested above)."""
    with _library(db_path) as ctx, ctx.session() as s:
        publishing.add_target(s, name, kind, url, secret=secret)


def _doctor(db_path: Path, name: str) -> Any:
    with _library(db_path) as ctx, ctx.session() as s:
        config = publishing.get_target(s, name)
    return publishing.check_target(config)


def test_missing_folder_is_an_error_unless_create(tmp_path, db_path):
    site = tmp_path / "share" / "content"  # an unmounted share: not there
    article_id = _article(db_path, tmp_path)
    _add_target(db_path, "hugo", "folder", str(site))
    test = run_cli("target", "test", "hugo", db=db_path)
    assert test.returncode == 1 and "NOT ready" in test.stdout
    refused = run_cli("publish", article_id, "--target", "hugo", db=db_path)
    assert refused.returncode == 1
    assert "is missing" in refused.stderr and "--create" in refused.stderr
    assert not site.exists()  # not silently made
    made = run_cli("publish", article_id, "--target", "hugo", "--create", db=db_path)
    assert made.returncode == 0, made.stderr
    assert (site / "business" / "tariffs-frozen" / "index.md").exists()
    assert _doctor(db_path, "hugo").ok  # the doctor and publish agree again


def test_a_cancelled_job_is_never_sent(tmp_path, db_path, webhook_server):
    article_id = _article(db_path, tmp_path)
    _add_target(db_path, "hook", "webhook", webhook_server.url, WEBHOOK_SECRET)
    with _library(db_path) as ctx, ctx.session() as s:
        job = str(publishing.queue_publish(s, article_id, "hook").id)
    assert run_cli("outbox", "cancel", job, db=db_path).returncode == 0
    retry = run_cli("outbox", "retry", job, db=db_path)
    assert retry.returncode == 1 and "is cancelled" in retry.stderr
    run = run_cli("outbox", "run", db=db_path)
    assert run.returncode == 0 and "Nothing due" in run.stdout
    assert webhook_server.httpd.state.events == []
