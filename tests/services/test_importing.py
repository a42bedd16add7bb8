"""An import holds the library's write lock only while it writes (issue 13), in process: while
it reads, another connection writes at once; a cancel while reading leaves nothing behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.core.context import AppContext
from newsdesk.core.progress import Progress, ProgressState
from newsdesk.errors import ImportFailed
from newsdesk.services.importing import import_files
from tests.filesgen import write_jekyll
from tests.newsroom import image_bytes
from tests.wxrgen import write_wxr


def _count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as db:
        return int(db.execute("SELECT count(*) FROM article").fetchone()[0])


def _others_write_while(ctx: AppContext, db_path: Path, path: Path) -> list[str]:
    """Import ``path``; at each progress report another connection (a save in another
    program) tries to write, with no patience at all. The steps in which it could."""
    wrote: list[str] = []

    def report(state: ProgressState) -> None:
        if not state.done:
            return
        other = sqlite3.connect(db_path, timeout=0)
        try:
            other.execute("UPDATE library_change SET seq = seq WHERE id = 1")
            other.commit()
            wrote.append(state.label.split()[0])
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
        finally:
            other.close()

    import_files(ctx, [path], Progress(report, min_interval=0))
    return wrote


def test_others_write_while_an_archive_is_read(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    wrote = _others_write_while(ctx, db_path, write_wxr(tmp_path / "archive.wxr", 1200))
    assert set(wrote) == {"Reading"}  # then, in the write step, the others wait their turn
    assert _count(db_path) == 1200


def test_others_write_while_a_folder_and_its_images_are_read(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    write_jekyll(folder, 60, image=image_bytes((200, 30, 30), "PNG"))
    assert set(_others_write_while(ctx, db_path, folder)) == {"Reading"}
    assert _count(db_path) == 60
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM asset").fetchone()[0] >= 1


def test_a_cancel_while_reading_imports_nothing(
    ctx: AppContext, db_path: Path, tmp_path: Path
) -> None:
    archive = write_wxr(tmp_path / "archive.wxr", 1200)
    progresses: list[Progress] = []  # the person presses Cancel once posts are being read
    progress = Progress(lambda s: progresses[0].cancel() if s.done else None, min_interval=0)
    progresses.append(progress)
    with pytest.raises(ImportFailed, match="cancelled"):
        import_files(ctx, [archive], progress)
    assert _count(db_path) == 0
