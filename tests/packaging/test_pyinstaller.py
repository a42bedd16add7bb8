"""The PyInstaller bundle builds, prints its version, passes the doctor (including the Qt
self-test through the frozen executable) and opens the main window offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHON"] = sys.executable
    started = time.monotonic()
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh"), "--distpath", str(work / "dist"),
         "--workpath", str(work / "build")],
        capture_output=True, text=True, env=env, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    folder = work / "dist" / "newsdesk"
    size = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink() and p.is_file())
    print(f"bundle built in {time.monotonic() - started:.0f} s, {size / 2**20:.0f} MB")
    return folder


def _run(exe: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSDESK_DB")}
    env.update(QT_QPA_PLATFORM="offscreen", NEWSDESK_BASEDIR=str(home / "profile"))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=env, cwd=home, timeout=180
    )


def test_bundle_holds_both_executables_and_the_data(bundle: Path) -> None:
    for name in ("newsdesk", "newsdesk-gui"):
        assert os.access(bundle / name, os.X_OK), name
    data = bundle / "_internal" / "newsdesk"
    assert (data / "resources/themes/default/templates/article.html").is_file()
    assert (data / "storage/migrations/versions/0001_initial_library.py").is_file()
    assert (data / "storage/migrations/script.py.mako").is_file()
    assert list(bundle.rglob("QtWebEngineProcess"))


def test_bundled_cli_prints_its_version(bundle: Path, tmp_path: Path) -> None:
    from newsdesk import __version__

    result = _run(bundle / "newsdesk", "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"newsdesk {__version__}"


def test_bundled_cli_creates_the_sample_library_and_doctor_passes(
    bundle: Path, tmp_path: Path
) -> None:
    listing = _run(bundle / "newsdesk", "--json", "article", "list", home=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 8  # migrations ran, sample read from the bundle
    doctor = _run(bundle / "newsdesk", "doctor", "--json", home=tmp_path)
    report = json.loads(doctor.stdout)
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert doctor.returncode == 0, doctor.stdout
    assert statuses["Qt and QtWebEngine"] == "ok"
    assert statuses["Library schema"] == "ok"


@pytest.mark.parametrize("exe", ["newsdesk", "newsdesk-gui"])
def test_bundle_opens_the_main_window_offscreen(bundle: Path, tmp_path: Path, exe: str) -> None:
    started = time.monotonic()
    args = ("gui", "--smoke-test") if exe == "newsdesk" else ("--smoke-test",)
    result = _run(bundle / exe, *args, home=tmp_path)
    print(f"{exe} smoke run: {time.monotonic() - started:.1f} s")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "SMOKE OK" in result.stdout
