"""Every site setting is checked when it is set, with what is allowed in the message; a bad
value stored before the checks existed never crashes an export."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.conftest import run_cli

BAD = [
    ("base_url", "javascript:alert(1)", "http"),
    ("base_url", "https://user:pw@news.example.org", "user name"),
    ("base_url", "ftp://news.example.org", "http"),
    ("base_url", "https://news.example.org/?q=1", "query"),
    ("date_format", "{nonsense}", "{weekday}"),
    ("date_format", "{day.__class__}", "{weekday}"),
    ("date_format", "{day:>999999999}", "{weekday}"),
    ("date_format", "{", "{weekday}"),
    ("dateline_style", "shouting", "caps-dash"),
    ("timezone", "Mars/Olympus", "Europe/Berlin"),
    ("timezone", "../../etc/passwd", "Europe/Berlin"),
    ("locale", "xx-NOPE", "en-GB"),
    ("language", "english please", "pt-BR"),
    ("theme", "../../evil", "default"),
    ("headline_budget", "-5", "0 to"),
    ("headline_budget", "lots", "whole number"),
    ("site_name", "x" * 5000, "at most"),
]


@pytest.mark.parametrize(("key", "value", "hint"), BAD)
def test_a_bad_value_is_refused_with_what_is_allowed(db_path, key, value, hint) -> None:
    before = run_cli("settings", "show", "--json", db=db_path).stdout
    result = run_cli("settings", "set", key, value, db=db_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsdesk: error:"), result.stderr
    assert hint in lines[0]
    assert run_cli("settings", "show", "--json", db=db_path).stdout == before


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("base_url", "https://news.example.org/desk"),
        ("base_url", ""),
        ("date_format", "{day} {month} {year}"),
        ("dateline_style", "caps-dash"),
        ("timezone", "Asia/Qatar"),
        ("language", "pt-BR"),
        ("site_name", "Harbour Times"),
    ],
)
def test_good_values_are_taken(db_path, key, value) -> None:
    result = run_cli("settings", "set", key, value, db=db_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(run_cli("settings", "show", "--json", db=db_path).stdout)
    assert shown[key] == value


def test_a_bad_date_format_stored_earlier_does_not_break_the_export(ctx, tmp_path) -> None:
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.export.site import export_site
    from newsdesk.render.page import load_theme

    with ctx.session() as s:
        create_article(s, ArticleRecord(headline="Story", body="Text.", status="published"))
        s.execute(
            text("INSERT INTO site_setting (key, value) VALUES ('date_format', :v)"),
            {"v": json.dumps("{nonsense}")},
        )
    with ctx.session() as s:
        export_site(s, tmp_path / "site", load_theme(ctx.resources))
    assert (tmp_path / "site" / "index.html").is_file()
