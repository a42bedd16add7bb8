"""Fault injection with real faults: a full disk (a small tmpfs), an unwritable library
(``chattr +i``, another user) and ``kill -9`` in the middle of save, import, site export and
publish. Each ends with a library that passes ``PRAGMA integrity_check``, with every finished
piece of work still there, and with a message that holds nothing of the article's text."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.wxrgen import write_wxr

SECRET = "Zanzibar-marmalade-7781"  # in every body: must never appear in an error message
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _one_clean_error(result: subprocess.CompletedProcess[str], *hints: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsdesk")]
    assert len(lines) == 1 and lines[0].startswith("newsdesk: error:"), result.stderr
    assert any(hint in lines[0] for hint in hints), lines[0]
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    assert "INSERT" not in result.stderr and "UPDATE" not in result.stderr


def _body(tmp_path: Path, size: int, name: str = "body.md") -> Path:
    path = tmp_path / name
    words = f"The harbour board met again. {SECRET} "
    path.write_text((words * (size // len(words) + 1))[:size])
    return path


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB tmpfs, mounted for the test (skipped where mounting is not permitted)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill the disk until only about ``leave`` bytes are free."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as out:
        out.write(b"\0" * max(0, free - leave))


def test_disk_full_during_save(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "library.newsdesk"
    assert run_cli("article", "add", "--headline", "Harbour", db=db).returncode == 0
    _fill(small_disk, 64 * 1024)
    result = run_cli("article", "edit", "1", "--body-file", str(_body(tmp_path, 1 << 20)), db=db)
    _one_clean_error(result, "disk is full")
    (small_disk / "filler").unlink()
    assert _integrity(db) == "ok"
    shown = run_cli("article", "show", "1", db=db)
    assert shown.returncode == 0 and "Harbour" in shown.stdout and SECRET not in shown.stdout
    again = run_cli("article", "edit", "1", "--body-file", str(_body(tmp_path, 1 << 20)), db=db)
    assert again.returncode == 0, again.stderr  # space again: the same save now goes through


def test_disk_full_during_import(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "library.newsdesk"
    assert run_cli("article", "add", "--headline", "Harbour", db=db).returncode == 0
    folder = tmp_path / "posts"
    folder.mkdir()
    for i in range(6):
        _body(folder, 400_000, f"post-{i}.md")
    _fill(small_disk, 256 * 1024)
    result = run_cli("import", str(folder), db=db)
    _one_clean_error(result, "disk is full")
    (small_disk / "filler").unlink()
    assert _integrity(db) == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT headline FROM article").fetchall() == [("Harbour",)]


def test_disk_full_during_site_export(small_disk: Path, tmp_path: Path, db_path: Path) -> None:
    for i in range(4):
        body = _body(tmp_path, 300_000, f"b{i}.md")
        added = run_cli(
            "article", "add", "--headline", f"Story {i}", "--body-file", str(body),
            "--status", "published", db=db_path,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    out = small_disk / "site"
    _fill(small_disk, 200 * 1024)
    result = run_cli("export", "site", "--out", str(out), db=db_path)
    _one_clean_error(result, "disk is full", "No space left on device")
    assert not out.exists() or not any(out.iterdir())  # no half site where the site goes
    assert _integrity(db_path) == "ok"


@pytest.mark.skipif(os.geteuid() != 0, reason="chattr +i needs root")
def test_immutable_library(tmp_path: Path, db_path: Path) -> None:
    assert run_cli("article", "add", "--headline", "Harbour", db=db_path).returncode == 0
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not supported on this file system")
    try:
        result = run_cli(
            "article", "edit", "1", "--body-file", str(_body(tmp_path, 5000)), db=db_path
        )
        _one_clean_error(result, str(db_path))
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)
    assert _integrity(db_path) == "ok"
    assert "Harbour" in run_cli("article", "show", "1", db=db_path).stdout


def _as_nobody() -> list[str]:
    runuser, setpriv = shutil.which("runuser"), shutil.which("setpriv")
    if runuser:
        return [runuser, "-u", "nobody", "--"]
    if setpriv:
        return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    pytest.skip("neither runuser nor setpriv is installed")


def _python_for_nobody(prefix: list[str]) -> tuple[str, str]:
    """A Python of this version that user nobody can run, and the PYTHONPATH that gives it
    newsdesk and this environment's packages. The test's own interpreter often lives under a
    home folder closed to other users (``/root/.pyenv``); the system's ``python3.X`` of the
    same version runs the same compiled packages."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    paths = sysconfig.get_paths()
    pythonpath = os.pathsep.join(
        dict.fromkeys([str(REPO / "src"), paths["purelib"], paths["platlib"]])
    )
    candidates = [sys.executable, os.path.realpath(sys.executable), f"/usr/bin/python{version}",
                  f"/usr/local/bin/python{version}", shutil.which(f"python{version}") or ""]  # fmt: skip
    probe = "import sqlalchemy, markdown, nh3, newsdesk, sys; print(sys.version_info[:2])"
    for python in dict.fromkeys(c for c in candidates if c):
        done = subprocess.run(
            [*prefix, python, "-c", probe], capture_output=True, text=True, timeout=60,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": pythonpath},
        )  # fmt: skip
        if done.returncode == 0 and done.stdout.strip() == str(sys.version_info[:2]):
            return python, pythonpath
    pytest.skip(f"no Python {version} with newsdesk's packages that user nobody can run")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a command as another user")
def test_library_of_another_user(tmp_path: Path) -> None:
    """The library belongs to root; ``nobody`` may read it but not write it: an edit is
    refused in one clear line that holds nothing of the article, the library is byte for
    byte as it was, and reading it still works."""
    prefix = _as_nobody()
    python, pythonpath = _python_for_nobody(prefix)
    home = Path("/tmp") / f"newsdesk-nobody-{os.getpid()}-{random.randrange(10**6)}"
    home.mkdir(mode=0o755)
    try:
        db = home / "library.newsdesk"
        assert run_cli("article", "add", "--headline", "Harbour", db=db).returncode == 0
        body = _body(home, 5000)
        body.chmod(0o644)
        profile = home / "profile"
        profile.mkdir()
        shutil.chown(profile, "nobody")
        before = sorted(p.name for p in home.iterdir()), db.read_bytes()
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": pythonpath, "LANG": "C.UTF-8",
               "NEWSDESK_BASEDIR": str(profile), "HOME": str(profile)}  # fmt: skip

        def as_nobody(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*prefix, python, "-m", "newsdesk", "--db", str(db), *args],
                capture_output=True, text=True, env=env, timeout=120,
            )  # fmt: skip

        edit = as_nobody("article", "edit", "1", "--body-file", str(body))
        _one_clean_error(edit, "could not be written")
        assert "read-only" in edit.stderr and "damaged" not in edit.stderr
        listed = as_nobody("article", "list")
        assert listed.returncode == 0 and "Harbour" in listed.stdout, listed.stderr
        assert (sorted(p.name for p in home.iterdir()), db.read_bytes()) == before
        assert _integrity(db) == "ok"
    finally:
        shutil.rmtree(home, ignore_errors=True)


# --- kill -9 at random points ---------------------------------------------------------------

SAVER = """
import sys
from newsdesk.core.articles import update_article
from newsdesk.services.opening import open_context
ctx = open_context(sys.argv[1], seed=False)
for i in range(1, 100000):
    with ctx.session() as s:
        rec = update_article(s, 1, {"body": f"Edit {i}. " + sys.argv[2] * 200})
    print(rec.version, flush=True)
"""


def _kill_after(proc: subprocess.Popen[str], seconds: float) -> None:
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_saves_keeps_every_finished_save(db_path: Path, seed: int) -> None:
    assert run_cli("article", "add", "--headline", "Harbour", db=db_path).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(db_path), SECRET],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    assert proc.stdout is not None
    finished = 0
    stop_at = random.Random(seed).randrange(5, 60)
    for line in proc.stdout:  # each line: a save that was committed
        finished = int(line)
        if finished >= stop_at:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert finished >= stop_at, proc.stderr.read() if proc.stderr else ""
    assert _integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as conn:
        version, body = conn.execute("SELECT version, body FROM article WHERE id = 1").fetchone()
    assert version >= finished  # the save it reported (and perhaps the next) is there
    assert body.startswith(f"Edit {version - 1}. ")


@pytest.mark.parametrize(("stage", "seed"), [("Reading", 1), ("Importing", 1), ("Importing", 2)])
def test_kill_during_import_keeps_the_library(
    tmp_path: Path, db_path: Path, stage: str, seed: int
) -> None:
    assert run_cli("article", "add", "--headline", "Harbour", db=db_path).returncode == 0
    archive = write_wxr(tmp_path / "archive.wxr", 1500)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db_path), "import", str(archive)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:  # killed while it reads the file, or while it writes the posts
        if f"{stage} archive.wxr: " in line and not line.split(": ")[-1].startswith("0/"):
            break
    _kill_after(proc, random.Random(seed).uniform(0.0, 2.0))
    assert _integrity(db_path) == "ok"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT headline FROM article WHERE id = 1").fetchone() == ("Harbour",)
        assert conn.execute("SELECT count(*) FROM article").fetchone() in {(1,), (1501,)}
    again = run_cli("import", str(archive), db=db_path)  # and the import can simply run again
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (1501,)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_site_export_leaves_the_old_site_or_the_new(
    tmp_path: Path, db_path: Path, seed: int
) -> None:
    for i in range(30):
        run_cli("article", "add", "--headline", f"Story {i}", "--status", "published", db=db_path)
    out = tmp_path / "site"
    first = run_cli("export", "site", "--out", str(out), db=db_path)
    assert first.returncode == 0, first.stderr
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    run_cli("article", "edit", "3", "--headline", "Story three, updated", db=db_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db_path), "export", "site", "--out",
         str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    _kill_after(proc, random.Random(seed).uniform(0.5, 4.0))
    assert _integrity(db_path) == "ok"
    index = (out / "index.html").read_text()
    assert "Story 29" in index  # a whole site: the old one or the new one
    assert sorted(p.relative_to(out) for p in out.rglob("*") if ".staging" not in str(p)) == before
    again = run_cli("export", "site", "--out", str(out), db=db_path)
    assert again.returncode == 0, again.stderr
    assert any("Story three, updated" in page.read_text() for page in out.rglob("*.html"))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_publish_to_a_folder(tmp_path: Path, db_path: Path, seed: int) -> None:
    content = tmp_path / "hugo" / "content"
    content.mkdir(parents=True)
    added = run_cli("target", "add", "hugo", "--kind", "folder", "--url", str(content),
                    db=db_path, input="\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    body = _body(tmp_path, 200_000)
    run_cli("article", "add", "--headline", "Harbour", "--body-file", str(body), db=db_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db_path), "publish", "1", "--target",
         "hugo"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip
    _kill_after(proc, random.Random(seed).uniform(0.5, 4.0))
    assert _integrity(db_path) == "ok"
    written = {page: page.read_text() for page in content.rglob("index.md")}
    again = run_cli("publish", "1", "--target", "hugo", db=db_path)
    assert again.returncode == 0, again.stderr
    pages = list(content.rglob("index.md"))
    assert len(pages) == 1 and "Harbour" in pages[0].read_text()
    for page, text in written.items():  # what the killed run wrote was whole, never torn
        assert page == pages[0] and text == pages[0].read_text()
