"""The wheel carries resources/ and the migrations, and an installed wheel runs from outside
the source tree (its templates, sample articles and migrations come from the package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the tree, so the checkout gets no build/ or egg-info litter."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src-copy"
    # resources/ is package data inside src/newsdesk (no setup.py: pyproject.toml alone)
    shutil.copytree(REPO / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (built,) = (work / "dist").glob("newsdesk-*.whl")
    return built


def test_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "newsdesk/py.typed",
        "newsdesk/resources/themes/default/templates/article.html",
        "newsdesk/resources/themes/default/static/style.css",
        "newsdesk/resources/themes/default/theme.json",
        "newsdesk/resources/themes/default/theme.toml",
        "newsdesk/storage/migrations/alembic.ini",
        "newsdesk/storage/migrations/env.py",
        "newsdesk/storage/migrations/script.py.mako",
        "newsdesk/storage/migrations/versions/0001_initial_library.py",
        # a package folder without __init__.py (found since pyproject's package discovery)
        "newsdesk/ui/preview/pane.py",
        "newsdesk/resources/translations/newsdesk_de.qm",
    }
    assert expected <= names, sorted(expected - names)
    # Sources and tools stay in the repository: the Qt Linguist .ts, the sample image generator.
    assert not [n for n in names if n.endswith(".ts") or n.endswith("make_images.py")]
    samples = {Path(n).name for n in names if n.startswith("newsdesk/resources/sample/articles/")}
    sample_dir = REPO / "src/newsdesk/resources/sample/articles"
    articles, images = sorted(sample_dir.glob("*.md")), sorted(sample_dir.glob("images/*.jpg"))
    assert articles and images
    for path in [*articles, *images]:
        assert path.name in samples


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; the dependencies come from the test's own
    environment through a .pth (installing them from an index would take minutes)."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True, timeout=120)
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # A path in a .pth is added to sys.path but its own .pth files are not run, so the
    # editable install of the checkout in the shared environment stays out of the way.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "zz-newsdesk-test-deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    return root


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSDESK_DB")}
    env["NEWSDESK_BASEDIR"] = str(cwd / "profile")
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_installed_wheel_runs_from_outside_the_source_tree(venv: Path, tmp_path: Path) -> None:
    from newsdesk import __version__

    python = str(venv / "bin" / "python")
    where = _run(
        venv,
        python,
        "-c",
        "import newsdesk, newsdesk.paths as p; print(newsdesk.__file__); "
        "print(p.resources_dir()); print(p.migrations_dir())",
        cwd=tmp_path,
    )
    assert where.returncode == 0, where.stderr
    package, resources, migrations = (Path(line) for line in where.stdout.splitlines())
    site = package.parent.parent
    assert site.is_relative_to(venv), f"not the installed wheel: {package}"
    assert resources == site / "newsdesk" / "resources"
    assert (resources / "themes/default/templates/article.html").is_file()
    assert migrations == site / "newsdesk" / "storage" / "migrations"

    version = _run(venv, python, "-m", "newsdesk", "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"newsdesk {__version__}"

    empty = _run(
        venv,
        str(venv / "bin" / "newsdesk"),
        "--db",
        "X.newsdesk",
        "--create",
        "article",
        "list",
        cwd=tmp_path,
    )
    assert empty.returncode == 0, empty.stderr
    assert (tmp_path / "X.newsdesk").exists()


def test_installed_wheel_seeds_the_sample_library_and_renders_pages(
    venv: Path, tmp_path: Path
) -> None:
    newsdesk = str(venv / "bin" / "newsdesk")
    listing = _run(venv, newsdesk, "--json", "article", "list", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.count('"slug"') == 8  # the sample articles, read from the package
    slug = "porto-calhau-approves-seawall-after-flooding"
    page = _run(venv, newsdesk, "export", "html", slug, "--out", "page", cwd=tmp_path)
    assert page.returncode == 0, page.stderr
    html = (tmp_path / "page" / "index.html").read_text()
    assert "<html" in html and "Porto Calhau" in html  # the theme's template, from the package
