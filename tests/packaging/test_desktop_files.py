"""The .desktop file and the AppStream metainfo pass the freedesktop validators; the icon
files they name exist."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
APP_ID = "io.github.newsdesk.Newsdesk"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup.sh installs it)")
    return path


def test_desktop_file_is_valid() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_is_valid() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_the_desktop_file_and_current_release() -> None:
    from newsdesk import __version__

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    assert root.find("content_rating").get("type", "").startswith("oars")  # type: ignore[union-attr]
    shots = [img.text or "" for img in root.iter("image")]
    assert shots and all(url.startswith("https://") for url in shots)


def test_icons_cover_the_usual_sizes() -> None:
    from PIL import Image

    icons = PACKAGING / "icons"
    assert (icons / "newsdesk.svg").read_text().lstrip().startswith("<?xml")
    for size in (16, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"newsdesk-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            assert image.getpixel((0, 0))[3] == 0, "the corners should be transparent"
