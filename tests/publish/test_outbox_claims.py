"""A publish interrupted by a kill: the job its process held is sent by the next run at once,
not fifteen minutes later; a job another live process is sending is left to it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from tests.conftest import REPO, run_cli

from newsdesk.core.liveness import claim_gone, claim_token
from newsdesk.services import authoring, publishing
from newsdesk.services.opening import open_context
from newsdesk.storage.types import utcnow

EXIT_QUEUED = 75

# Runs in a child: claim the article's queued job as a publishing run does, then die by SIGKILL
# before sending it -- what a person's kill of `newsdesk publish` or of the app leaves behind.
_CLAIM_AND_DIE = """
import os, signal, sys
from newsdesk.services.opening import open_context
from newsdesk.services.outbox import _claim
from newsdesk.storage.types import utcnow
ctx = open_context(sys.argv[1], seed=False)
with ctx.session() as session:
    assert _claim(session, utcnow(), None, set()) is not None
os.kill(os.getpid(), signal.SIGKILL)
"""


def _library(tmp_path: Path, db_path: Path) -> Path:
    content = tmp_path / "hugo" / "content"
    content.mkdir(parents=True)
    added = run_cli("target", "add", "hugo", "--kind", "folder", "--url", str(content),
                    db=db_path, input="\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert run_cli("article", "add", "--headline", "Harbour", db=db_path).returncode == 0
    ctx = open_context(str(db_path), seed=False)
    try:
        with ctx.session() as session:
            publishing.queue_publish(session, 1, "hugo")
    finally:
        ctx.close()
    return content


def _jobs(db_path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT id, status FROM publish_job ORDER BY id").fetchall()


def test_a_job_left_by_a_killed_publish_is_sent_by_the_next_one(tmp_path, db_path):
    content = _library(tmp_path, db_path)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    child = subprocess.run([sys.executable, "-c", _CLAIM_AND_DIE, str(db_path)], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert child.returncode == -9, child.stderr
    assert _jobs(db_path) == [(1, "running")]  # what the killed process left

    again = run_cli("publish", "1", "--target", "hugo", db=db_path)

    assert again.returncode == 0, (again.stdout, again.stderr)
    assert "waiting for an earlier job" not in again.stdout
    assert _jobs(db_path) == [(1, "done")]  # the same job, not a second one behind it
    assert [p.name for p in content.rglob("*.md")] == ["index.md"]
    with sqlite3.connect(db_path) as conn:  # the publish log says what happened
        log = [row[0] for row in conn.execute("SELECT message FROM publish_log ORDER BY id")]
    assert "publish: the process sending it stopped before it finished; it is sent again" in log


def test_a_job_another_live_process_is_sending_is_left_to_it(tmp_path, db_path):
    _library(tmp_path, db_path)
    with sqlite3.connect(db_path) as conn:  # this test's own process holds the claim
        conn.execute("UPDATE publish_job SET status = 'running', claimed_by = ?, updated_at = ?",
                     (claim_token(), utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")))  # fmt: skip

    again = run_cli("publish", "1", "--target", "hugo", db=db_path)

    assert again.returncode == EXIT_QUEUED, (again.stdout, again.stderr)
    assert "waiting for an earlier job" in again.stdout
    assert _jobs(db_path)[0] == (1, "running")


def test_claims_tell_a_gone_process_from_a_live_one():
    assert not claim_gone(claim_token())
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    host, boot, _pid, started = claim_token().split(" ")
    assert claim_gone(f"{host} {boot} {child.stdout.strip()} {started}")
    assert claim_gone(f"{host} another-boot {os.getpid()} {started}")  # restarted since
    assert claim_gone(f"{host} {boot} {os.getpid()} 1")  # the id was reused by a newer process
    assert not claim_gone(f"elsewhere {boot} {child.stdout.strip()} {started}")  # can't tell
    assert not claim_gone("")


def test_a_job_claimed_on_another_machine_waits_for_the_time_out(ctx, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    authoring.add_article(ctx, {"headline": "Harbour"})
    with ctx.session() as session:
        publishing.add_target(session, "hugo", "folder", str(content))
        job = publishing.queue_publish(session, 1, "hugo")
        job.status, job.claimed_by = "running", "laptop-2 b00t 4242 99"
        session.add(job)
    now = utcnow()
    assert publishing.run_outbox(ctx, now) == []  # another laptop may still be sending it
    later = publishing.run_outbox(ctx, now + timedelta(minutes=16))
    assert [o.status for o in later] == ["done"]
