"""import → export markdown → import gives the same article, field by field."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_DIR, run_cli

COMPARED = [
    "headline", "standfirst", "body", "section", "tags", "byline", "dateline", "status", "slug",
    "published_at", "scheduled_at", "image_sha256", "image_alt", "image_caption", "image_credit",
    "seo_description", "editors_note", "corrections", "language", "pinned", "uuid", "stage",
    "embargo_at",
    "created_at", "updated_at", "word_count", "body_html",
]  # fmt: skip


def _show(db: Path, ref: str) -> dict:  # type: ignore[type-arg]
    out = run_cli("article", "show", ref, "--json", db=db)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_markdown_round_trip_is_lossless(tmp_path: Path) -> None:
    src = (
        SAMPLE_DIR / "articles" / "ai-model-heat-tolerant-wheat.md"
    )  # has a featured and a body image
    first, second = tmp_path / "first.newsdesk", tmp_path / "second.newsdesk"
    assert run_cli("import", str(src), db=first).returncode == 0
    original = _show(first, "ai-model-heat-tolerant-wheat")
    run_cli(
        "article",
        "edit",
        original["slug"],
        "--editors-note",
        "Check the yield figure",
        "--embargo",
        "2031-01-01T06:00:00Z",
        db=first,
    )
    fixed = run_cli(
        "article", "correct", original["slug"], "--text",
        "An earlier version misnamed the institute.", db=first,
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    original = _show(first, original["slug"])
    out = tmp_path / "exported"
    result = run_cli("export", "markdown", original["slug"], "--out", str(out), db=first)
    assert result.returncode == 0, result.stderr
    md_file = out / f"{original['slug']}.md"
    assert md_file.is_file() and any((out / "images").iterdir())
    assert run_cli("import", str(md_file), db=second).returncode == 0
    again = _show(second, original["slug"])
    for key in COMPARED:
        assert again[key] == original[key], key
    assert "asset:" in again["body"]  # body image came back as a library asset


def test_reimport_updates_by_uuid_and_as_copies_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    assert (
        run_cli(
            "import", str(SAMPLE_DIR / "articles" / "porto-calhau-approves-seawall.md"), db=db
        ).returncode
        == 0
    )
    slug = "porto-calhau-approves-seawall-after-flooding"
    assert run_cli("export", "markdown", slug, "--out", str(tmp_path / "md"), db=db).returncode == 0
    src = tmp_path / "md" / f"{slug}.md"  # now carries the article's UUID
    again = run_cli("import", str(src), "--json", db=db)
    assert json.loads(again.stdout)[0]["updated"] is True
    copies = run_cli("import", str(src), "--as-copies", "--json", db=db)
    assert json.loads(copies.stdout)[0]["updated"] is False
    listed = json.loads(run_cli("article", "list", "--json", db=db).stdout)
    assert len(listed) == 2 and len({a["uuid"] for a in listed}) == 2


def test_bad_front_matter_is_a_clear_error_and_nothing_is_imported(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: Fine\n---\nBody.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    assert run_cli("--create", "article", "list", db=db).returncode == 0
    result = run_cli("import", str(good), str(bad), db=db)
    assert result.returncode != 0
    assert (
        "bad.md" in result.stderr
        and "not valid YAML" in result.stderr
        and "Traceback" not in result.stderr
    )
    assert json.loads(run_cli("article", "list", "--json", db=db).stdout) == []
    latin = tmp_path / "latin.md"
    latin.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    result = run_cli("import", str(latin), db=db)
    assert result.returncode != 0 and "not UTF-8" in result.stderr


def test_reimport_of_a_file_without_dates_updates_in_place(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    md = tmp_path / "plain.md"
    md.write_text(
        "---\ntitle: Undated\nuuid: 0b6f9a52-56b4-4c59-9d1b-5a2f3c1e7a10\n---\nFirst.\n",
        encoding="utf-8",
    )
    assert run_cli("import", str(md), db=db).returncode == 0
    md.write_text(
        "---\ntitle: Undated\nuuid: 0b6f9a52-56b4-4c59-9d1b-5a2f3c1e7a10\n---\nSecond.\n",
        encoding="utf-8",
    )
    again = run_cli("import", str(md), "--json", db=db)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)[0]["updated"] is True
    assert _show(db, "undated")["body"].strip() == "Second."
