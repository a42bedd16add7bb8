"""The sites' own categories and tags (``newsdesk target terms``), read from the real
WordPress, Ghost and Micropub servers, and which of an article's terms they already have."""

from __future__ import annotations

import json
import uuid

import httpx
from tests.conftest import run_cli

from conftest import full_article
from newsdesk.services import publishing


def test_wordpress_terms_show_the_category_tree(ctx, wp):
    user = wp["users"]["editor"]
    auth = (user["username"], user["application_password"])
    token = uuid.uuid4().hex[:6]
    api = f"{wp['base_url']}/wp-json/wp/v2"
    parent = httpx.post(f"{api}/categories", auth=auth, json={"name": f"World {token}"},
                        timeout=30).json()  # fmt: skip
    httpx.post(f"{api}/categories", auth=auth, timeout=30,
               json={"name": f"Europe {token}", "parent": parent["id"]}).raise_for_status()  # fmt: skip
    httpx.post(f"{api}/tags", auth=auth, json={"name": "Shipping"}, timeout=30)
    with ctx.session() as s:
        config = publishing.add_target(s, "wp", "wordpress", wp["base_url"], user["username"],
                                       user["application_password"])  # fmt: skip
    site = publishing.remote_terms(config)
    assert f"World {token} › Europe {token}" in site["categories"]
    assert "Shipping" in site["tags"]
    plans = publishing.terms_plan(config, f"Europe {token}", ["Shipping", f"New {token}"], site)
    assert [(p.taxonomy, p.existing, p.created) for p in plans] == [
        ("categories", [f"Europe {token}"], []),
        ("tags", ["Shipping"], [f"New {token}"]),
    ]


def test_ghost_and_micropub_terms_through_the_cli(ctx, db_path, ghost_peer, micropub_peer):
    article = full_article(ctx)
    with ctx.session() as s:
        publishing.add_target(s, "ghost", "ghost", ghost_peer["GHOST_URL"],
                              secret=ghost_peer["GHOST_ADMIN_API_KEY"])  # fmt: skip
        publishing.add_target(s, "indie", "micropub", micropub_peer["MICROPUB_BASE_URL"],
                              secret=micropub_peer["MICROPUB_TOKEN"])  # fmt: skip
        publishing.queue_publish(s, article.id, "ghost")
    from newsdesk.services.outbox import drain_outbox

    assert drain_outbox(ctx)[0].status == "done"  # Ghost now has the article's tags
    other = full_article(ctx)
    ctx.close()
    ghost = run_cli("target", "terms", "ghost", "--article", str(other.id), "--json", db=db_path)
    assert ghost.returncode == 0, ghost.stderr
    data = json.loads(ghost.stdout)
    assert {"Business", "Shipping", "Tariffs", article.tags[2]} <= set(data["terms"]["tags"])
    [plan] = data["article"]
    assert plan["existing"] == ["Business", "Shipping", "Tariffs"]
    assert plan["created"] == [other.tags[2]]  # its own unique tag is new to the site
    indie = run_cli("target", "terms", "indie", db=db_path)
    assert indie.returncode == 0, indie.stderr
    assert indie.stdout.startswith("categories (")  # django-indieweb answers q=category


def test_cli_publish_says_which_terms_exist_and_which_are_new(ctx, db_path, wp):
    user = wp["users"]["editor"]
    article = full_article(ctx)
    with ctx.session() as s:
        publishing.add_target(s, "wp", "wordpress", wp["base_url"], user["username"],
                              user["application_password"])  # fmt: skip
    ctx.close()
    httpx.post(f"{wp['base_url']}/wp-json/wp/v2/tags", json={"name": "Shipping"}, timeout=30,
               auth=(user["username"], user["application_password"]))  # fmt: skip
    out = run_cli("publish", str(article.id), "--target", "wp", db=db_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    # Said before sending: the plan comes first, the outcome last.
    tags_line = next(i for i, line in enumerate(lines) if line.startswith("tags: "))
    assert tags_line < len(lines) - 1 and lines[-1].startswith("wp: published")
    assert "on the site Shipping" in lines[tags_line]
    created = lines[tags_line].split("; will be created ", 1)[1].split(", ")
    assert created[-1] == article.tags[2] and "Shipping" not in created  # its own tag is new
    assert any(line.startswith("categories: ") and "Business" in line for line in lines)
