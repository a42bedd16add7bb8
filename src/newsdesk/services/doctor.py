"""``newsdesk doctor``: checks that the installation and the library are healthy, each with what
to do about a failure. Never writes to the library: it is only ever opened read-only."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from newsdesk import __version__
from newsdesk.domain.report import Check, DoctorReport
from newsdesk.paths import Paths

SQLITE_MAGIC = b"SQLite format 3\x00"
SELFTEST_TIMEOUT_S = 90
LOW_DISK_BYTES = 1 << 30  # below 1 GiB free: warn
SPELLING_LANGUAGES = {"en": "hunspell-en-us", "de": "hunspell-de-de"}


def run_checks(paths: Paths, *, gui: bool = True) -> DoctorReport:
    """Every check; ``gui=False`` skips starting Qt (a few seconds) in a subprocess."""
    checks = [check_python(), check_newsdesk()]
    if gui:
        checks += check_qt()
    library = check_database(paths.db_url) if paths.db_url else check_library(paths.db_path)
    checks += [check_keyring(), check_spelling(), *library]
    return DoctorReport(checks)


def check_python() -> Check:  # pip refuses Python < 3.11 (requires-python), so no fail here
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("Python", "ok", f"{version} ({sys.executable})")


def check_newsdesk() -> Check:
    where = "bundle" if getattr(sys, "frozen", False) else str(Path(__file__).parents[1])
    return Check("newsdesk", "ok", f"{__version__} ({where})")


# --- Qt -----------------------------------------------------------------------------------


def selftest_command() -> list[str]:
    """How to start the Qt self-test: this process never imports Qt (services stay Qt-free)."""
    if getattr(sys, "frozen", False):  # the bundled executable has no ``-m``
        return [sys.executable, "gui", "--selftest"]
    return [sys.executable, "-m", "newsdesk.ui.selftest"]


def run_selftest() -> tuple[dict[str, Any] | None, str]:
    """(the self-test's JSON result or None, an error text)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # Chromium refuses root otherwise
    try:
        proc = subprocess.run(
            selftest_command(), capture_output=True, text=True, env=env, timeout=SELFTEST_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return None, f"the Qt self-test did not finish within {SELFTEST_TIMEOUT_S} s"
    except OSError as exc:
        return None, f"the Qt self-test could not start: {exc}"
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line), ""
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return None, f"the Qt self-test exited with status {proc.returncode}: {tail}"


def check_qt() -> list[Check]:
    """Qt, QtWebEngine (a page loaded and a script run, offscreen) and the PySide6 version."""
    result, error = run_selftest()
    pyside = (result or {}).get("pyside6") or _installed_version("PySide6")
    checks = [_pyside_check(pyside)]
    if result is None or result.get("error"):
        problem = error or str(result and result.get("error"))
        return [
            *checks,
            Check(
                "Qt and QtWebEngine",
                "fail",
                problem,
                "Reinstall newsdesk (pip install --force-reinstall PySide6); on Linux install "
                "Qt's system libraries (scripts/setup.sh lists them: libnss3, libxkbcommon0, "
                "libegl1, libgl1 …).",
            ),
        ]
    detail = (
        f"Qt {result.get('qt')}, a QtWebEngine page loaded and ran a script offscreen "
        f"(Chromium {result.get('chromium', '?')}, {result.get('seconds', '?')} s)"
    )
    return [*checks, Check("Qt and QtWebEngine", "ok", detail)]


def _pyside_check(version: str | None) -> Check:
    if version is None:
        return Check("PySide6", "fail", "not installed", "Install it: pip install 'PySide6<6.12'.")
    if version.startswith("6.12.0") and sys.version_info < (3, 12):
        return Check(
            "PySide6",
            "fail",
            f"{version} on Python {sys.version_info.major}.{sys.version_info.minor}",
            "PySide6 6.12.0 crashes on Python older than 3.12 (a reference leak on None); "
            "install 6.11: pip install 'PySide6>=6.8,<6.12'.",
        )
    return Check("PySide6", "ok", version)


def _installed_version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


# --- keyring and spelling -------------------------------------------------------------------


def check_keyring() -> Check:
    """Publishing passwords live in the system keyring; a null or failing backend loses them."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError as exc:
        return Check("Keyring", "fail", f"keyring is not installed ({exc})", "pip install keyring")
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    advice = (
        "Publishing passwords cannot be saved. Install and unlock a secret service "
        "(GNOME Keyring or KWallet), or set PYTHON_KEYRING_BACKEND."
    )
    if isinstance(backend, fail.Keyring) or "null" in type(backend).__module__:
        return Check("Keyring", "warn", f"{name}: no usable keyring", advice)
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return Check("Keyring", "warn", f"{name} with no backends", advice)
    if "plaintext" in name.lower():
        return Check(
            "Keyring",
            "warn",
            f"{name}: passwords are stored unencrypted on disk",
            "Prefer a secret service (GNOME Keyring or KWallet) for publishing passwords.",
        )
    return Check("Keyring", "ok", name)


def check_spelling() -> Check:
    try:
        import enchant
    except ImportError as exc:
        return Check(
            "Spell checking",
            "warn",
            f"pyenchant is not available ({exc})",
            "Install libenchant-2-2 (Debian/Ubuntu) and pyenchant (pip install pyenchant).",
        )
    have = sorted(enchant.list_languages())
    found = {
        lang: [tag for tag in have if tag.split("_")[0] == lang and enchant.dict_exists(tag)]
        for lang in SPELLING_LANGUAGES
    }
    missing = [lang for lang, tags in found.items() if not tags]
    detail = "; ".join(f"{lang}: {', '.join(tags) or 'none'}" for lang, tags in found.items())
    if missing:
        debs = " ".join(SPELLING_LANGUAGES[lang] for lang in missing)
        return Check(
            "Spell checking",
            "warn",
            detail,
            f"Install the missing dictionaries (Debian/Ubuntu: apt install {debs}).",
        )
    return Check("Spell checking", "ok", detail)


# --- the library ------------------------------------------------------------------------------


def check_library(path: Path) -> list[Check]:
    """Health of the library file, read through a read-only connection."""
    if not path.exists():
        return [
            Check(
                "Library",
                "ok",
                f"{path} does not exist yet; newsdesk creates it when it starts",
            )
        ]
    if not path.is_file():
        return [
            Check(
                "Library",
                "fail",
                f"{path} is not a file (a folder or a device cannot hold a library)",
                "Give --db the path of a library file.",
            )
        ]
    checks = [_size_check(path), _disk_check(path), _wal_check(path), _access_check(path)]
    with path.open("rb") as fh:
        magic = fh.read(len(SQLITE_MAGIC))
    if path.stat().st_size and magic != SQLITE_MAGIC:
        return [
            Check(
                "Library",
                "fail",
                f"{path} is not an SQLite database",
                "Open another library with --db, or restore this file from a backup.",
            ),
            *checks,
        ]
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return [Check("Library", "fail", f"cannot open {path}: {exc}", _restore(path)), *checks]
    try:
        checks = [
            _guard("Library integrity", path, lambda: _integrity(conn, path)),
            _guard("Foreign keys", path, lambda: _foreign_keys(conn)),
            _guard("Library schema", path, lambda: _migration_state(conn)),
            *checks,
        ]
    finally:
        conn.close()
    return checks


def check_database(url: str) -> list[Check]:
    """A shared library in a database server: reachable, and its schema this newsdesk's own.

    Read in a read-only transaction; a database newsdesk has not set up yet stays empty.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from newsdesk.errors import LibraryError
    from newsdesk.paths import redact_url
    from newsdesk.storage import migrate
    from newsdesk.storage.db import make_engine

    where = redact_url(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION READ ONLY"))
            server = (
                conn.dialect.name + " " + ".".join(map(str, conn.dialect.server_version_info or ()))
            )
            current = migrate.inspect_database(conn, where)
    except LibraryError as exc:
        return [Check("Library", "fail", str(exc), "Open another library with --db.")]
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return [
            Check(
                "Library",
                "fail",
                f"cannot reach {where}: {reason}",
                "Check the server is running, the host, port and database name, and that "
                "your password is in ~/.pgpass or PGPASSWORD.",
            )
        ]
    finally:
        engine.dispose()
    head = migrate.head_revision()
    if current is None:
        detail = f"{where} ({server}) is empty; newsdesk sets it up when it starts"
    elif current == head:
        detail = f"{where} ({server}): revision {current} (up to date)"
    else:
        detail = f"{where} ({server}): revision {current}; newsdesk migrates it to {head} on start"
    return [Check("Library", "ok", detail)]


def _read_only_uri(path: Path) -> str:
    """A read-only URI. With no WAL file every change is in the main file, and ``immutable``
    keeps SQLite from creating (and leaving behind) empty -wal and -shm files beside it."""
    wal = path.with_name(path.name + "-wal")
    return f"{path.as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def _guard(name: str, path: Path, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except sqlite3.DatabaseError as exc:  # the file is too damaged to run the check at all
        detail = f"{path} is damaged: SQLite could not read it ({exc})"
        return Check(name, "fail", detail, _restore(path))


def _restore(path: Path) -> str:
    backups = sorted(path.parent.glob(f"{path.name}.*.bak"))
    where = f" The newest backup beside it is {backups[-1]}." if backups else ""
    return (
        "The file was not changed. Restore it from a backup." + where + " Or copy what is "
        f"readable into a new library: newsdesk --db '{path}' library recover --out "
        f"recovered.newsdesk (or: sqlite3 '{path}' .recover | sqlite3 recovered.newsdesk)"
    )


def _integrity(conn: sqlite3.Connection, path: Path) -> Check:
    found = _integrity_rows(conn)
    rows = [
        line.strip()
        for text in found
        for line in str(text).splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]
    if rows == ["ok"]:
        return Check("Library integrity", "ok", f"{path}: integrity check passed")
    shown = "; ".join(rows[:5]) + (f" (and {len(rows) - 5} more)" if len(rows) > 5 else "")
    return Check("Library integrity", "fail", f"{path} is damaged: {shown}", _restore(path))


def _integrity_rows(conn: sqlite3.Connection) -> list[str]:
    """SQLite's findings; on a badly damaged file the check itself can fail part-way (reading
    a wrecked table while comparing it with its indexes), so ask again for fewer findings."""
    for pragma in ("integrity_check(20)", "integrity_check(5)", "quick_check(5)"):
        try:
            return [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
        except sqlite3.DatabaseError as exc:
            error = exc
    raise error


def _foreign_keys(conn: sqlite3.Connection) -> Check:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return Check("Foreign keys", "ok", "every reference points to an existing row")
    tables = sorted({f"{r[0]}→{r[2]}" for r in rows})
    return Check(
        "Foreign keys",
        "fail",
        f"{len(rows)} broken reference(s): {', '.join(tables)}",
        "Some rows point to deleted ones. Export your articles (newsdesk export), then "
        "import them into a new library, or restore a backup.",
    )


def _migration_state(conn: sqlite3.Connection) -> Check:
    from newsdesk.storage import migrate  # Alembic: loaded only when a library is checked

    head = migrate.head_revision()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return Check(
            "Library schema",
            "fail" if tables else "ok",
            "not a newsdesk library" if tables else "empty file; newsdesk sets it up on start",
            "Open another library with --db." if tables else "",
        )
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    current = row[0] if row else None
    known = [rev.revision for rev in migrate.script_directory().walk_revisions()]
    if current == head:
        return Check("Library schema", "ok", f"revision {current} (up to date)")
    if current not in known:
        return Check(
            "Library schema",
            "fail",
            f"revision {current} is newer than this newsdesk {__version__} knows (up to {head})",
            "The library was made by a newer newsdesk. Update newsdesk to open it; "
            "this version will not touch it.",
        )
    return Check(
        "Library schema",
        "warn",
        f"revision {current}; this newsdesk upgrades it to {head}",
        "Nothing to do: newsdesk backs the file up and upgrades it the next time it opens it.",
    )


def _access_check(path: Path) -> Check:
    """A library newsdesk cannot write (read-only, ``chattr +i``, or its folder locked) cannot
    save anything; os.access sees the immutable flag even for root."""
    folder = path.parent
    if not os.access(path, os.R_OK | os.W_OK):
        why = f"{path} cannot be written (read-only or immutable)"
    elif not os.access(folder, os.W_OK | os.X_OK):
        why = f"{path} cannot be written: its folder {folder} is read-only"
    else:
        return Check("Library access", "ok", "readable and writable")
    return Check(
        "Library access",
        "fail",
        why,
        "Check the file's permissions and attributes (lsattr; chattr -i), or copy it elsewhere.",
    )


def _size_check(path: Path) -> Check:
    return Check("Library size", "ok", f"{human_size(path.stat().st_size)} ({path})")


def _disk_check(path: Path) -> Check:
    free = shutil.disk_usage(path.parent).free
    size = path.stat().st_size
    detail = f"{human_size(free)} free beside the library"
    if free < size + (64 << 20):
        return Check(
            "Free disk space",
            "fail",
            detail,
            "Free some space: saving, backups before upgrades and exports need room.",
        )
    if free < LOW_DISK_BYTES:
        return Check("Free disk space", "warn", detail, "Free some space soon.")
    return Check("Free disk space", "ok", detail)


def _wal_check(path: Path) -> Check:
    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        return Check("Write-ahead log", "ok", "no WAL file: every change is in the main file")
    return Check(
        "Write-ahead log",
        "ok",
        f"{wal.name} present ({human_size(wal.stat().st_size)}): recent changes wait there "
        "until newsdesk merges them; copy it together with the library",
    )


def human_size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"
