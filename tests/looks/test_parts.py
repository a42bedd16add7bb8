"""Correcting where an article part is: candidates with previews, a selector picked from them,
kept in the library (a new process uses it) and carried over when the look is learned again."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from newsdesk.services import looks, publishing
from tests.conftest import run_cli


@pytest.mark.heavy
def test_corrected_body_selector_is_kept_after_restart(ctx, db_path, site, new_article, tmp_path):
    with ctx.session() as s:
        publishing.add_target(s, "paper", "ghost", site.url, secret="id:00")
    looks.learn_look(ctx.session, "paper", site.url + "/post/")
    ctx.close()

    listed = run_cli("target", "look", "paper", "--candidates", "content", "--json", db=db_path)
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    assert found[0] == {"selector": "div.post-text", "chosen": True,
                        "preview": found[0]["preview"]}  # fmt: skip
    assert found[0]["preview"].startswith("The original first paragraph")
    assert "aside.related" in [c["selector"] for c in found]

    bad = run_cli("target", "look", "paper", "--part", "content=div.nowhere", db=db_path)
    assert bad.returncode == 1 and "Nothing in the learned page matches" in bad.stderr
    fixed = run_cli("target", "look", "paper", "--part", "content=aside.related", db=db_path)
    assert fixed.returncode == 0, fixed.stderr
    assert "aside.related" in fixed.stdout and "corrected" in fixed.stdout

    out = tmp_path / "out"
    exported = run_cli("export", "html", str(new_article.id), "--look", "paper", "--out",
                       str(out), db=db_path)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    soup = BeautifulSoup((out / "index.html").read_text(), "html.parser")
    assert "The council voted" in soup.select_one("aside.related").get_text()
    assert "The original first paragraph" in soup.select_one("div.post-text").get_text()

    relearned = run_cli("target", "look", "paper", "--json", db=db_path)
    assert relearned.returncode == 0, relearned.stderr
    info = json.loads(relearned.stdout)
    assert info["parts"]["content"] == "aside.related"
    assert info["corrected"] == {"content": "aside.related"}
    listing = run_cli("look", "list", "--json", db=db_path)
    assert json.loads(listing.stdout)[0]["versions"] == 2
