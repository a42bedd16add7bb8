"""Connecting a WordPress target through WordPress's authorize-application page, against the
real WordPress of scripts/wordpress/start.sh; the person in the browser is played by httpx
(wp_browser.py). The GUI button's test lives here too: it needs this real WordPress and the
temporary keyring of this folder's conftest."""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import wp_browser
from PySide6.QtCore import Qt
from tests.conftest import run_cli

from conftest import Server, _Handler
from newsdesk.errors import UserError
from newsdesk.publish import secrets
from newsdesk.publish.wp_authorize import APP_ID, authorize, discover_authorization_endpoint
from newsdesk.services import publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.publish.target_settings import TargetSettings

pytestmark = pytest.mark.wordpress


def _editor(wp: dict[str, Any]) -> tuple[str, str]:
    user = wp["users"]["editor"]
    return user["username"], user["password"]


def _person(wp: dict[str, Any], choice: str = "approve", seen: list[str] | None = None) -> Any:
    """An ``open_browser`` that approves (or rejects) as the editor, like a person would."""

    def open_browser(url: str) -> None:
        if seen is not None:
            seen.append(url)
        end = wp_browser.answer_request(url, wp["base_url"], *_editor(wp), choice=choice)
        assert end.status_code == 200 and "close this tab" in end.text

    return open_browser


def _admin_auth(wp: dict[str, Any]) -> tuple[str, str]:
    user = wp["users"]["editor"]
    return user["username"], user["application_password"]


@pytest.fixture
def forget_ours(wp: dict[str, Any]) -> Iterator[None]:
    """Delete the application passwords newsdesk made during the test (the site is shared)."""
    yield
    api = f"{wp['base_url']}/wp-json/wp/v2/users/me/application-passwords"
    listed = httpx.get(api, auth=_admin_auth(wp), timeout=30)
    listed.raise_for_status()
    for item in listed.json():
        if item.get("app_id") == APP_ID:
            httpx.delete(f"{api}/{item['uuid']}", auth=_admin_auth(wp), timeout=30)


def _me(wp: dict[str, Any], login: str, password: str) -> httpx.Response:
    return httpx.get(f"{wp['base_url']}/wp-json/wp/v2/users/me", auth=(login, password), timeout=30)


def test_discovers_the_authorization_endpoint(wp):
    endpoint = discover_authorization_endpoint(wp["base_url"])
    assert endpoint == f"{wp['base_url']}/wp-admin/authorize-application.php"


def test_approve_gives_a_working_application_password(wp, forget_ours, capfd):
    seen: list[str] = []
    login, password = authorize(wp["base_url"], _person(wp, seen=seen), timeout=60)
    assert login == "editor"
    assert _me(wp, login, password).status_code == 200
    assert _me(wp, login, password).json()["slug"] == "editor"
    [url] = seen
    query = httpx.URL(url).params
    assert url.startswith(f"{wp['base_url']}/wp-admin/authorize-application.php?")
    assert query["app_name"] == "newsdesk" and query["app_id"] == APP_ID
    assert query["success_url"].startswith("http://127.0.0.1:")
    assert query["success_url"].endswith("/done")
    assert query["reject_url"].endswith("/rejected")
    out, err = capfd.readouterr()
    assert password not in out + err  # the local server logs no request line


def test_reject_is_a_user_error(wp):
    with pytest.raises(UserError, match="declined in the browser"):
        authorize(wp["base_url"], _person(wp, choice="reject"), timeout=60)


def test_stray_requests_are_ignored_and_silence_times_out(wp):
    def stray_only(url: str) -> None:
        success = httpx.URL(url).params["success_url"]
        wrong = success.replace("/done", "").rsplit("/", 1)[0] + "/not-the-nonce/done"
        answer = httpx.get(wrong, params={"user_login": "mallory", "password": "x" * 24})
        assert answer.status_code == 404

    with pytest.raises(UserError, match="No approval came back"):
        authorize(wp["base_url"], stray_only, timeout=1)


class _IndexWithoutAppPasswords(_Handler):
    def do_GET(self) -> None:
        self.reply(200, {"name": "Stand-in", "namespaces": ["wp/v2"], "authentication": []})


def test_site_without_application_passwords():
    # A stand-in: the real WordPress here cannot switch application passwords off per test,
    # so a server on 127.0.0.1 answers the REST index the way such a site does.
    server = Server(_IndexWithoutAppPasswords, None)
    opened: list[str] = []
    try:
        with pytest.raises(UserError, match="does not offer application passwords"):
            authorize(server.url, opened.append, timeout=5)
    finally:
        server.stop()
    assert opened == []  # no browser was opened for nothing


def test_service_adds_the_target_with_the_secret_in_the_keyring(ctx, db_path, wp, forget_ours):
    config = publishing.add_wordpress_target_authorized(
        ctx, "site", wp["base_url"] + "/", _person(wp), timeout=60
    )
    assert (config.name, config.kind, config.url, config.username) == (
        "site", "wordpress", wp["base_url"], "editor"
    )  # fmt: skip
    password = secrets.get_secret(config.library, "site")
    assert password and _me(wp, "editor", password).status_code == 200
    assert publishing.check_target(config).ok
    ctx.close()
    assert password.encode() not in db_path.read_bytes()
    with sqlite3.connect(db_path) as db:
        dump = "\n".join(db.iterdump())
    assert password not in dump


def test_service_refuses_a_taken_name_before_the_browser(ctx, wp):
    with ctx.session() as s:
        publishing.add_target(s, "site", "folder", "/tmp/x")
    opened: list[str] = []
    with pytest.raises(UserError, match="already a target called 'site'"):
        publishing.add_wordpress_target_authorized(ctx, "site", wp["base_url"], opened.append)
    assert opened == []


def test_cli_authorize_with_the_browser_standing_in(db_path, wp, forget_ours):
    # $BROWSER is what webbrowser.open runs: here the httpx person approving as the editor.
    browser = f"{sys.executable} {wp_browser.__file__} %s"
    out = run_cli(
        "target", "add", "blog", "--kind", "wordpress", "--url", wp["base_url"], "--authorize",
        "--json", db=db_path, env={"BROWSER": browser},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "authorize-application.php?app_name=newsdesk" in out.stderr
    added = json.loads(out.stdout)
    assert added["username"] == "editor" and added["url"] == wp["base_url"]
    listed = run_cli("target", "test", "blog", db=db_path)
    assert listed.returncode == 0 and "ready to publish" in listed.stdout, listed.stdout


def test_cli_authorize_only_for_wordpress(db_path):
    out = run_cli("target", "add", "x", "--kind", "ghost", "--url", "https://g.example",
                  "--authorize", db=db_path)  # fmt: skip
    assert out.returncode != 0
    assert "--authorize works only with --kind wordpress" in out.stderr


# ------------------------------------------------------------------------- GUI


def test_connect_button_adds_the_target(qtbot, ctx, wp, forget_ours):
    approved: list[str] = []
    shown: list[str] = []

    def browser(url: str) -> None:
        shown.append(settings.report.text())  # what the person reads while approving
        # The person approves in another program: the GUI must stay live meanwhile.

        def approve() -> None:
            _person(wp)(url)
            approved.append(url)

        threading.Thread(target=approve, daemon=True).start()

    prompts = ScriptedPrompts()
    ui = UiContext(services=ctx, prompts=prompts)
    settings = TargetSettings(ui, open_browser=browser)
    qtbot.addWidget(settings)
    settings.kind.setCurrentText("WordPress")
    assert settings.connect_button.isEnabled()
    qtbot.keyClicks(settings.name, "blog")
    qtbot.keyClicks(settings.url, wp["base_url"])
    qtbot.mouseClick(settings.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.list.count() == 1, timeout=30000)
    [waiting] = shown
    assert "Waiting for your approval in the browser" in waiting
    assert "open the approval page" in waiting
    assert settings.list.item(0).text() == "blog"
    assert "Connected blog as editor" in settings.report.text()
    assert approved and prompts.asked == []
    assert settings.connect_button.isEnabled()
    with ctx.session() as s:
        assert secrets.get_secret(secrets.library_uuid(s), "blog")


def test_connect_button_reports_a_rejection(qtbot, ctx, wp):
    prompts = ScriptedPrompts()
    ui = UiContext(services=ctx, prompts=prompts)
    settings = TargetSettings(
        ui,
        open_browser=lambda url: threading.Thread(
            target=_person(wp, choice="reject"), args=(url,), daemon=True
        ).start(),
    )
    qtbot.addWidget(settings)
    settings.kind.setCurrentText("WordPress")
    qtbot.keyClicks(settings.name, "blog")
    qtbot.keyClicks(settings.url, wp["base_url"])
    qtbot.mouseClick(settings.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(prompts.asked), timeout=30000)
    [(kind, _title, text)] = prompts.asked
    assert kind == "error" and "declined in the browser" in text
    assert settings.list.count() == 0 and settings.connect_button.isEnabled()


def test_connect_button_stops_waiting_when_pressed_again(qtbot, ctx, wp):
    prompts = ScriptedPrompts()
    opened: list[str] = []
    settings = TargetSettings(UiContext(services=ctx, prompts=prompts), open_browser=opened.append)
    qtbot.addWidget(settings)
    settings.kind.setCurrentText("WordPress")
    qtbot.keyClicks(settings.name, "blog")
    qtbot.keyClicks(settings.url, wp["base_url"])
    qtbot.mouseClick(settings.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert settings.connect_button.text() == "Stop waiting"
    qtbot.mouseClick(settings.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Stopped waiting" in settings.report.text(), timeout=10000)
    assert prompts.asked == [] and settings.list.count() == 0
    assert settings.connect_button.text() == "Connect with WordPress…"


def test_connect_button_only_for_wordpress(qtbot, ctx):
    settings = TargetSettings(UiContext(services=ctx, prompts=ScriptedPrompts()))
    qtbot.addWidget(settings)
    settings.kind.setCurrentText("Ghost")
    assert not settings.connect_button.isEnabled()
