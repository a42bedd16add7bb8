"""The tag and section commands, end to end through the real ``newsdesk`` command."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli


@pytest.fixture
def lib(sample_ctx, db_path):
    sample_ctx.close()  # the subprocesses open the file themselves
    return db_path


def _json(*args: str, db) -> object:
    result = run_cli(*args, "--json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_tag_add_rename_merge_delete(lib) -> None:
    added = _json("tag", "add", "Heatwaves", "--description", "Extreme heat", db=lib)
    assert added["slug"] == "heatwaves" and added["articles"] == 0

    renamed = _json("tag", "rename", "coastal cities", "Littoral towns", db=lib)
    assert renamed["name"] == "Littoral towns" and renamed["articles"] == 2
    hits = _json("search", "littoral", db=lib)
    assert len(hits) == 2

    merged = _json("tag", "merge", "flooding", "infrastructure", "--into", "climate", db=lib)
    assert sorted(merged["merged"]) == ["flooding", "infrastructure"]
    names = {t["name"]: t["articles"] for t in _json("tag", "list", db=lib)}
    assert "flooding" not in names and names["climate"] == merged["into"]["articles"]

    gone = _json("tag", "delete", "Littoral towns", db=lib)
    assert gone == {"deleted": "Littoral towns", "slug": "littoral-towns", "articles": 2}
    assert _json("search", "littoral", db=lib) == []

    shown = _json("tag", "show", "climate", db=lib)
    assert len(shown["article_list"]) == shown["articles"]


def test_tag_errors_are_one_line(lib) -> None:
    result = run_cli("tag", "rename", "no such tag", "x", db=lib)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "No tag called" in result.stderr
    clash = run_cli("tag", "rename", "flooding", "climate", db=lib)
    assert clash.returncode == 1 and "merge" in clash.stderr


def test_tag_apply_and_suggest(lib) -> None:
    arts = _json("article", "list", db=lib)
    ids = [str(a["id"]) for a in arts[:2]]
    out = _json("tag", "apply", *ids, "--add", "Weekend read", db=lib)
    assert sorted(out["changed"]) == sorted(int(i) for i in ids)
    suggestions = _json("tag", "suggest", "porto-calhau-approves-seawall-after-flooding", db=lib)
    assert all(s["name"] not in ("climate", "flooding") for s in suggestions)


def test_section_reorder_and_delete(lib) -> None:
    rows = _json("section", "reorder", "Culture", "Sport", db=lib)
    assert [r["name"] for r in rows] == ["Culture", "Sport", "World", "Business", "Science"]
    refused = run_cli("section", "delete", "Sport", db=lib)
    assert refused.returncode == 1 and "--move-to" in refused.stderr
    gone = _json("section", "delete", "Sport", "--move-to", "Culture", db=lib)
    assert gone["moved_to"] == "Culture" and gone["articles"] >= 1
    assert "Sport" not in [r["name"] for r in _json("section", "list", db=lib)]


def test_section_add_and_list_say_the_same_about_a_section(lib) -> None:
    """Both print the use case's one ``SectionInfo`` (issue 14: the CLI only prints)."""
    added = _json("section", "add", "Harbour News", db=lib)
    listed = _json("section", "list", db=lib)
    assert added in listed
    assert added == {
        "id": added["id"], "name": "Harbour News", "slug": "harbour-news",
        "position": len(listed), "articles": 0,
    }  # fmt: skip
