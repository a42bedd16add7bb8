"""The byline on WordPress: name matching and markup, then against the real WordPress of
scripts/wordpress/start.sh — the post credited to the byline's user where the login may do so,
posted as the login with a warning a person sees where it may not; the byline in the text
whenever the post's author alone does not say it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from newsdesk.core.articles import ArticleRecord, create_article, update_article
from newsdesk.publish.http import AuthError
from newsdesk.publish.wp_authors import AuthorMap, byline_html, matching_users, name_key
from newsdesk.services import publishing
from newsdesk.services.outbox import drain_outbox

ZOE = "Zoë Ångström"


def test_name_key_ignores_case_accents_and_spacing():
    assert name_key("  Zoë   ÅNGSTRÖM ") == name_key("zoe angstrom") == "zoe angstrom"
    assert name_key("O&#8217;Brien") == name_key("O’Brien")


def test_byline_html_reads_like_the_theme():
    assert byline_html(["Ann <B>"]) == '<p class="byline">By <span class="byline__author">Ann &lt;B&gt;</span></p>'  # fmt: skip
    three = byline_html(["A", "B", "C"], {"A": "https://x.example/author/a/"})
    assert three == (
        '<p class="byline">By <a class="byline__author" rel="author" '
        'href="https://x.example/author/a/">A</a>, <span class="byline__author">B</span> and '
        '<span class="byline__author">C</span></p>'
    )


def test_matching_users_by_display_name_slug_or_login():
    users = [
        {"id": 1, "name": "editor", "slug": "editor"},
        {"id": 7, "name": "Zoe Angstrom", "slug": "zangstrom"},
        {"id": 8, "name": "Someone", "slug": "zoe-angstrom"},
    ]
    assert [u["id"] for u in matching_users(ZOE, users)] == [7, 8]
    assert matching_users("Nobody", users) == []


def test_author_map_looks_each_name_up_once_and_drops_forbidden_modes():
    asked: list[dict[str, Any]] = []

    def search(params: dict[str, Any]) -> Any:
        # A plain function standing in for the users route: the real one is tested below.
        asked.append(params)
        if params.get("context") == "edit":
            raise AuthError("forbidden", 403, "rest_forbidden_context")
        return [{"id": 5, "name": "Ada Lovelace", "slug": "ada", "link": "https://x/ada"}]

    authors = AuthorMap(search, "desk")
    first = authors.choose(["Ada Lovelace", "Grace Hopper"])
    assert (first.user_id, first.link, first.warning) == (5, "https://x/ada", "")
    assert authors.choose(["ada  lovelace"]).user_id == 5
    assert [p.get("context", p.get("who")) for p in asked] == ["edit", "authors"]
    assert authors.choose([]).user_id is None and not authors.choose([]).warning
    authors.refused = "rest_cannot_edit_others"
    refused = authors.choose(["Ada Lovelace"])
    assert refused.user_id is None and refused.link == ""
    assert "only Editors and Administrators" in refused.warning


# ------------------------------------------------------------- real WordPress


def _admin(wp: dict[str, Any]) -> tuple[str, str]:
    user = wp["users"]["editor"]
    return user["username"], user["application_password"]


def _rest(wp: dict[str, Any], method: str, route: str, **kw: Any) -> Any:
    response = httpx.request(method, f"{wp['base_url']}/wp-json/wp/v2/{route}",
                             auth=_admin(wp), timeout=30, **kw)  # fmt: skip
    response.raise_for_status()
    return response.json()


def _ensure_user(wp: dict[str, Any], login: str, display: str, role: str) -> dict[str, Any]:
    """A site user (kept across resets like the start script's users), made by the admin."""
    for user in _rest(wp, "GET", "users", params={"search": login, "context": "edit"}):
        if user["username"] == login:
            return _rest(wp, "POST", f"users/{user['id']}",  # type: ignore[no-any-return]
                         json={"name": display, "roles": [role]})  # fmt: skip
    return _rest(wp, "POST", "users", json={  # type: ignore[no-any-return]
        "username": login, "name": display, "email": f"{login}@example.com",
        "password": secrets.token_urlsafe(18), "roles": [role],
    })  # fmt: skip


@pytest.fixture(scope="module")
def people(wp: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Zoë (an Author, the byline's user) and a Desk Editor with an application password made
    for this module and revoked after it (only in memory and the temporary keyring)."""
    zoe = _ensure_user(wp, "nd-zoe", ZOE, "author")
    desk = _ensure_user(wp, "nd-desk", "Desk Editor", "editor")
    app = _rest(wp, "POST", f"users/{desk['id']}/application-passwords",
                json={"name": f"newsdesk-tests-{secrets.token_hex(4)}"})  # fmt: skip
    yield {"zoe": zoe["id"], "desk": (desk["username"], app["password"]), "desk_id": desk["id"]}
    _rest(wp, "DELETE", f"users/{desk['id']}/application-passwords/{app['uuid']}")


def _target(ctx: Any, wp: dict[str, Any], name: str, login: tuple[str, str]) -> None:
    with ctx.session() as s:
        publishing.add_target(s, name, "wordpress", wp["base_url"], *login)


def _article(ctx: Any, byline: list[str], headline: str = "Harbour board meets") -> Any:
    with ctx.session() as s:
        return create_article(s, ArticleRecord(
            headline=headline, body="The board met on Tuesday.", byline=byline,
            status="published",
        ))  # fmt: skip


def _drain(ctx: Any, article_id: int, target: str) -> Any:
    with ctx.session() as s:
        publishing.queue_publish(s, article_id, target)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    return out


def _post(wp: dict[str, Any], uuid: str) -> dict[str, Any]:
    found = _rest(wp, "GET", "posts", params={"search": uuid, "context": "edit",
                                              "status": "publish,draft"})  # fmt: skip
    [post] = [p for p in found if f"newsdesk:{uuid}" in p["content"]["raw"]]
    return post  # type: ignore[no-any-return]


@pytest.mark.wordpress
def test_byline_credits_its_user_and_always_shows(ctx, wp, people):
    admin_id = wp["users"]["editor"]["user_id"]
    _target(ctx, wp, "wp", _admin(wp))
    rec = _article(ctx, ["Grace Hopper"])

    out = _drain(ctx, rec.id, "wp")  # nobody on the site is called that: posted as the login
    post = _post(wp, rec.uuid)
    assert post["author"] == admin_id
    assert post["content"]["raw"].startswith(
        '<p class="byline">By <span class="byline__author">Grace Hopper</span></p>'
    )
    assert "“Grace Hopper” matches no WordPress user; posted as editor" in out.message
    assert out.warnings and "matches no WordPress user" in out.warnings[0]
    with ctx.session() as s:
        [entry] = [e for e in publishing.publish_log(s) if "Grace Hopper" in e.message]
    assert entry.level == "warning"

    with ctx.session() as s:  # accents and case differ from the user's display name
        update_article(s, rec.id, {"byline": ["zoe angstrom", "Grace Hopper"]})
    out = _drain(ctx, rec.id, "wp")
    assert out.warnings == [] and "warning" not in out.message
    post = _post(wp, rec.uuid)
    assert post["author"] == people["zoe"]
    link = _rest(wp, "GET", f"users/{people['zoe']}")["link"]
    assert post["content"]["raw"].startswith(
        f'<p class="byline">By <a class="byline__author" rel="author" href="{link}">zoe '
        'angstrom</a> and <span class="byline__author">Grace Hopper</span></p>'
    )
    assert "Grace Hopper</span>" in post["content"]["rendered"]

    with ctx.session() as s:  # the byline no longer names her: the post is not left hers
        update_article(s, rec.id, {"byline": ["Grace Hopper"]})
    out = _drain(ctx, rec.id, "wp")
    assert _post(wp, rec.uuid)["author"] == admin_id and out.warnings


@pytest.mark.wordpress
def test_editor_who_cannot_list_users_still_credits_the_byline(ctx, wp, people):
    listing = httpx.get(f"{wp['base_url']}/wp-json/wp/v2/users", auth=people["desk"],
                        params={"context": "edit"}, timeout=30)  # fmt: skip
    assert listing.status_code == 403  # an Editor lacks list_users
    _target(ctx, wp, "desk", people["desk"])
    rec = _article(ctx, [ZOE])
    out = _drain(ctx, rec.id, "desk")
    assert out.warnings == []
    post = _post(wp, rec.uuid)
    assert post["author"] == people["zoe"]
    # The theme prints the post's author: the text does not say her name a second time.
    assert 'class="byline"' not in post["content"]["raw"]


@pytest.mark.wordpress
def test_author_role_posts_as_itself_with_a_warning(ctx, wp, people):
    _target(ctx, wp, "writer", (wp["users"]["writer"]["username"],
                                wp["users"]["writer"]["application_password"]))  # fmt: skip
    first, second = _article(ctx, [ZOE], "One"), _article(ctx, [ZOE], "Two")
    with ctx.session() as s:
        publishing.queue_publish(s, first.id, "writer")
        publishing.queue_publish(s, second.id, "writer")
    outcomes = drain_outbox(ctx)
    assert [o.status for o in outcomes] == ["done", "done"], [o.message for o in outcomes]
    for out, rec in zip(outcomes, (first, second), strict=True):
        assert "rest_cannot_edit_others" in out.message and "posted as writer" in out.message
        post = _post(wp, rec.uuid)
        assert post["author"] == wp["users"]["writer"]["user_id"]
        assert post["content"]["raw"].startswith(
            f'<p class="byline">By <span class="byline__author">{ZOE}</span></p>'
        )  # not linked to her author page: the post is not hers


@pytest.mark.wordpress
def test_doctor_says_whether_the_login_can_credit_others(ctx, wp, people):
    _target(ctx, wp, "desk", people["desk"])
    _target(ctx, wp, "writer", (wp["users"]["writer"]["username"],
                                wp["users"]["writer"]["application_password"]))  # fmt: skip
    with ctx.session() as s:
        desk = publishing.check_target(publishing.get_target(s, "desk"))
        writer = publishing.check_target(publishing.get_target(s, "writer"))
    assert desk.ok and "can credit posts to other users" in desk.checks[-1].detail
    assert writer.ok and writer.checks[-1].name == "authors"
    assert "cannot credit other users" in writer.checks[-1].detail


def test_author_map_warns_when_it_cannot_tell_or_cannot_look():
    twins = [{"id": 3, "name": "Sam Lee", "slug": "sam"}, {"id": 4, "name": "sam lee"}]
    unsure = AuthorMap(lambda params: twins, "desk").choose(["Sam Lee"])
    assert unsure.user_id is None and "several WordPress users (ids 3, 4)" in unsure.warning

    def forbidden(params: dict[str, Any]) -> Any:
        raise AuthError("forbidden", 403, "rest_user_cannot_view")

    blind = AuthorMap(forbidden, "desk").choose(["Sam Lee"])
    assert blind.user_id is None and "may not list the site's users" in blind.warning


@pytest.mark.wordpress
def test_a_post_sent_by_an_older_newsdesk_is_sent_again_with_its_author(ctx, wp, people):
    """Posts published before the byline became the author carry a fingerprint without the
    WordPress payload format: the next publish updates them instead of skipping them."""
    from sqlmodel import select

    from newsdesk.publish.payload import build_payload
    from newsdesk.storage.models import RemotePost

    _target(ctx, wp, "wp", _admin(wp))
    rec = _article(ctx, [ZOE], "Old post, new author")
    _drain(ctx, rec.id, "wp")
    with ctx.session() as s:  # what the older newsdesk stored for the same article
        [remote] = s.exec(select(RemotePost).where(RemotePost.article_id == rec.id)).all()
        remote.last_published_hash = build_payload(s, rec.id, None).content_hash()
        s.add(remote)
    out = _drain(ctx, rec.id, "wp")
    assert out.message.startswith("updated"), out.message
    again = _drain(ctx, rec.id, "wp")
    assert again.message.startswith("already up to date"), again.message
