"""A person in a browser, played with httpx: log in to the real WordPress (wp-login.php, cookie
jar) and press "approve" or "reject" on its authorize-application page, following WordPress's
redirect back to newsdesk's local server.

Also runs as a script (``python wp_browser.py URL``) so it can stand in as ``$BROWSER`` for the
CLI; it reads the login from ``$NEWSDESK_WP_DIR/credentials.json``.
"""

from __future__ import annotations

import json
import os
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx


class _FormParser(HTMLParser):
    """The fields of the authorize-application form, as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = False
        self.action = ""
        self.fields: dict[str, str] = {}
        self.buttons: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "authorize-application.php" in a.get("action", ""):
            self.in_form, self.action = True, a["action"]
        elif self.in_form and tag == "input" and a.get("name"):
            if a.get("type") == "submit":
                self.buttons[a["name"]] = a.get("value", "")
            else:
                self.fields[a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False


def log_in(browser: httpx.Client, base_url: str, login: str, password: str) -> None:
    """Log in through wp-login.php like a browser: the first GET sets WordPress's test cookie."""
    browser.get(f"{base_url}/wp-login.php")
    assert "wordpress_test_cookie" in browser.cookies, "WordPress set no test cookie"
    answer = browser.post(
        f"{base_url}/wp-login.php",
        data={
            "log": login,
            "pwd": password,
            "wp-submit": "Log In",
            "testcookie": "1",
            "redirect_to": f"{base_url}/wp-admin/",
        },
    )
    assert answer.status_code == 200 and "wp-admin" in str(answer.url), "login failed"


def answer_request(
    url: str, base_url: str, login: str, password: str, choice: str = "approve"
) -> httpx.Response:
    """Open the approval page at ``url`` as the logged-in person and press the ``choice``
    button ("approve" or "reject"); returns the page the browser ends on."""
    with httpx.Client(follow_redirects=True, timeout=30) as browser:
        log_in(browser, base_url, login, password)
        page = browser.get(url)
        assert page.status_code == 200, page.text[:500]
        form = _FormParser()
        form.feed(page.text)
        assert form.action and "_wpnonce" in form.fields, "no authorize form on the page"
        assert choice in form.buttons, f"no {choice!r} button: {sorted(form.buttons)}"
        data = {**form.fields, choice: form.buttons[choice]}
        return browser.post(form.action, data=data)


def credentials() -> dict[str, Any]:
    wp_dir = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
    return json.loads((wp_dir / "credentials.json").read_text())  # type: ignore[no-any-return]


if __name__ == "__main__":
    creds = credentials()
    editor = creds["users"]["editor"]
    end = answer_request(sys.argv[1], creds["base_url"], editor["username"], editor["password"])
    sys.exit(0 if end.status_code == 200 else 1)
