"""Hostile text cannot break the feeds: identifiers are checked on import, control characters
are stripped at the edge, and every feed is built by an XML library that escapes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.export.feeds import FeedInfo, FeedItem, atom_feed, sitemap
from tests.conftest import run_cli

HOSTILE = Path(__file__).parent / "hostile"


def _lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["uuid-script.md", "ninjs-uri-script.json"])
def test_an_identifier_that_is_not_a_uuid_is_refused_on_import(db_path, name) -> None:
    assert run_cli("--create", "article", "list", db=db_path).returncode == 0
    result = run_cli("import", str(HOSTILE / name), db=db_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "not a UUID" in result.stderr and len(_lines(result)) == 1
    listing = run_cli("article", "list", "--json", db=db_path)
    assert listing.stdout.strip() == "[]"


def test_control_characters_never_reach_the_feed_or_the_terminal(db_path, tmp_path) -> None:
    result = run_cli("import", str(HOSTILE / "control-chars.md"), db=db_path)
    assert result.returncode == 0, result.stderr
    listing = run_cli("article", "list", db=db_path)
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    assert "red" in listing.stdout
    out = tmp_path / "site"
    assert run_cli("export", "site", "--out", str(out), db=db_path).returncode == 0
    for feed in out.rglob("*.xml"):
        ET.parse(feed)  # well-formed
    assert "red" in (out / "feed.xml").read_text()


def test_feeds_escape_everything_they_are_given() -> None:
    evil = '"><script>alert(1)</script>\x01\x1b]0;x\x07 & <b>'
    info = FeedInfo(evil, evil, f"https://x/{evil}", "https://x/feed.xml", evil, "en", evil)
    item = FeedItem(
        uuid=evil, title=evil, url=f"https://x/{evil}", summary=evil, content_html=evil,
        published=datetime(2024, 1, 1, tzinfo=UTC), updated=None, authors=[evil], tags=[evil],
    )  # fmt: skip
    for data in (atom_feed(info, [item]), sitemap([(f"https://x/{evil}", None)])):
        root = ET.fromstring(data)
        assert not root.findall(".//script") and not root.findall(".//{*}script")
        assert b"\x01" not in data and b"\x1b" not in data
    entry_id = ET.fromstring(atom_feed(info, [item])).find(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id"
    )
    assert entry_id is not None and entry_id.text and entry_id.text.startswith("urn:uuid:")
    assert "<" not in entry_id.text
