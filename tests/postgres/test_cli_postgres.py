"""The newsdesk command against a shared PostgreSQL library: two runs (two desks) see the
same articles, and no library file is made on the machine."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import run_cli


def _cli(url: str, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    done = run_cli("--db", url, *args, input=input)
    assert done.returncode == 0, done.stderr
    return done


def test_add_list_search_edit_and_delete_through_the_cli(pg_url: str) -> None:
    added = _cli(
        pg_url,
        "article", "add", "--headline", "Harbour reopens after the storm", "--section", "World",
        "--tag", "Shipping", "--byline", "Ada Lovelace", "--body", "-",
        input="The ferry terminal welcomed its first passengers.",
    )  # fmt: skip
    article_id = added.stdout.strip()
    listed = json.loads(_cli(pg_url, "--json", "article", "list").stdout)
    assert [(a["headline"], a["section"]) for a in listed] == [
        ("Harbour reopens after the storm", "World")
    ]
    hits = json.loads(_cli(pg_url, "--json", "search", "ferr*").stdout)
    assert [h["headline"] for h in hits] == ["Harbour reopens after the storm"]
    assert "<mark>ferry</mark>" in hits[0]["snippet"]
    assert json.loads(_cli(pg_url, "--json", "search", "lovelace shipping").stdout)

    _cli(pg_url, "article", "edit", article_id, "--headline", "Harbour shut again")
    assert "Harbour shut again" in _cli(pg_url, "search", "shut").stdout
    _cli(pg_url, "article", "delete", article_id)
    assert json.loads(_cli(pg_url, "--json", "search", "ferry").stdout) == []


def test_url_in_newsdesk_db_is_a_database_not_a_file(pg_url: str) -> None:
    env = {"NEWSDESK_DB": pg_url}
    base = Path(os.environ["NEWSDESK_BASEDIR"])
    done = run_cli(
        "article", "add", "--headline", "Budget day", "--section", "Business", "--body", "-",
        input="Ministers set out plans.", env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    listed = run_cli("--json", "article", "list", env=env)
    assert [a["headline"] for a in json.loads(listed.stdout)] == ["Budget day"]
    # Neither the default library nor a file named after the URL was made.
    assert not list(base.rglob("*.newsdesk")) and not Path("postgresql+psycopg:").exists()


def test_unreachable_server_is_one_line_on_stderr() -> None:
    done = run_cli("--db", "postgresql://desk:hidden-pw@127.0.0.1:1/newsroom", "article", "list")
    assert done.returncode != 0
    assert done.stderr.strip().startswith("newsdesk: error: Cannot open the library")
    assert len(done.stderr.strip().splitlines()) == 1 and "hidden-pw" not in done.stderr
