"""WordPress's authorize-application flow: the person approves newsdesk in their browser and
WordPress hands us an application password, so nobody has to copy one.

We find the approval page in the REST index, start a one-shot HTTP server on 127.0.0.1 that
WordPress redirects the browser to, and wait for that redirect (or the rejection, or a timeout).
"""

from __future__ import annotations

import secrets as pysecrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from newsdesk.errors import UserError
from newsdesk.publish.http import make_client, plain_http_to_remote, send

APP_NAME = "newsdesk"
# Stable: WordPress keeps it with each password, so a person can see which ones newsdesk made.
APP_ID = "7c0e7a52-3d5b-4a8e-9f3c-2b6f0d9e4a17"
TIMEOUT = 300.0


@dataclass(frozen=True)
class Approval:
    """What WordPress sent back when the person approved: who, and the new password."""

    user_login: str
    password: str
    site_url: str


class AuthorizeCancelled(UserError):
    """The person stopped waiting for the approval."""


# ------------------------------------------------------------------ discovery


def _rest_index(site_url: str, client: httpx.Client) -> dict[str, Any]:
    base = site_url.rstrip("/")
    what = f"WordPress at {base}"
    for root in (f"{base}/wp-json/", f"{base}/?rest_route=/"):
        response = send(client, "GET", root, what, checked=False)
        if response.status_code == 200 and "json" in response.headers.get("content-type", ""):
            data = response.json()
            if isinstance(data, dict) and "namespaces" in data:
                return data
    raise UserError(
        f"{base} answers, but not with WordPress's REST API (nothing at /wp-json/ or "
        "?rest_route=/). Check that the URL is the WordPress site's address; a security plugin "
        "may also block the REST API."
    )


def _unavailable(site_url: str) -> UserError:
    if plain_http_to_remote(site_url):
        return UserError(
            f"{site_url} does not offer application passwords: WordPress offers them only over "
            "HTTPS. Use the site's https:// address (install a certificate if it has none)."
        )
    return UserError(
        f"{site_url} does not offer application passwords (switched off by a plugin or the "
        "host), so newsdesk cannot ask for one. Enable them (security plugins often have a "
        "setting) or ask your host."
    )


def discover_authorization_endpoint(site_url: str, client: httpx.Client | None = None) -> str:
    """The site's authorize-application.php address, from the REST index; ``UserError`` when
    the site has no REST API or no application passwords."""
    own = client is None
    client = client or make_client()
    try:
        index = _rest_index(site_url, client)
    finally:
        if own:
            client.close()
    auth = index.get("authentication")
    entry = auth.get("application-passwords") if isinstance(auth, dict) else None
    endpoint = (entry or {}).get("endpoints", {}).get("authorization") if entry else None
    if not isinstance(endpoint, str) or not endpoint.startswith(("http://", "https://")):
        raise _unavailable(site_url.rstrip("/"))
    return endpoint


def authorization_url(endpoint: str, success_url: str, reject_url: str, app_name: str) -> str:
    """The approval page for the person to open, asking WordPress to send them back to us."""
    query = urlencode(
        {
            "app_name": app_name,
            "app_id": APP_ID,
            "success_url": success_url,
            "reject_url": reject_url,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


# ----------------------------------------------------------- the receiver

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsdesk</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em}}
</style></head><body><h1>{title}</h1><p>{text}</p>
<p>You can close this tab and return to newsdesk.</p>
<script>history.replaceState(null, "", "/{nonce}/finished")</script></body></html>
"""


class _Outcome:
    """Filled in by the request handler (server thread), read by ``authorize`` (caller)."""

    def __init__(self, nonce: str) -> None:
        self.nonce = nonce
        self.approval: Approval | None = None
        self.error: UserError | None = None
        self.arrived = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    server: _Receiver

    def log_message(self, format: str, *args: Any) -> None:
        # The request line carries the new password: it must never reach a log or stderr.
        pass

    def do_GET(self) -> None:
        outcome = self.server.outcome
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == f"/{outcome.nonce}/done" and not outcome.arrived.is_set():
            self._done(outcome, query)
        elif parts.path == f"/{outcome.nonce}/rejected" and not outcome.arrived.is_set():
            self._rejected(outcome, query)
        else:  # a stray request (another tab, a port scan, a reload): not for us
            self._page(404, "Nothing here", "This address is not waiting for anything.")

    def _done(self, outcome: _Outcome, query: dict[str, str]) -> None:
        user, password = query.get("user_login", ""), query.get("password", "")
        if not user or not password:
            outcome.error = UserError(
                "WordPress sent the browser back without a user name or password; nothing was "
                "stored. Try connecting again."
            )
            self._page(400, "Not connected", "WordPress did not send a password.")
        else:
            outcome.approval = Approval(user, password, query.get("site_url", ""))
            self._page(200, "Connected", "newsdesk can now publish to your WordPress site.")
        outcome.arrived.set()

    def _rejected(self, outcome: _Outcome, query: dict[str, str]) -> None:
        if query.get("error") == "disabled":
            outcome.error = UserError(
                "WordPress says application passwords are not available for your account on "
                "this site; nothing was stored. Ask the site's administrator to allow them."
            )
        else:
            outcome.error = UserError(
                "The connection was declined in the browser; nothing was stored. To connect, "
                "try again and choose 'Yes, I approve of this connection'."
            )
        self._page(200, "Not connected", "newsdesk was not given access.")
        outcome.arrived.set()

    def _page(self, status: int, title: str, text: str) -> None:
        blob = _PAGE.format(title=title, text=text, nonce=self.server.outcome.nonce).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Length", str(len(blob)))
        self.end_headers()
        self.wfile.write(blob)


class _Receiver(HTTPServer):
    """Listens on a free port of 127.0.0.1 for WordPress's redirect, in a thread of its own."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.outcome = _Outcome(pysecrets.token_urlsafe(16))
        self.base = f"http://127.0.0.1:{self.server_address[1]}/{self.outcome.nonce}"
        self.thread = threading.Thread(
            target=self.serve_forever, args=(0.1,), name="wp-authorize", daemon=True
        )

    def __enter__(self) -> _Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(5)


# ------------------------------------------------------------------- the flow


def authorize(
    site_url: str,
    open_browser: Callable[[str], None],
    timeout: float = TIMEOUT,
    *,
    app_name: str = APP_NAME,
    cancel: threading.Event | None = None,
    client: httpx.Client | None = None,
) -> tuple[str, str]:
    """Ask the person to approve newsdesk on the site; returns (user_login, app_password).

    ``open_browser`` gets the approval page's address (it may block, e.g. a person typing it in).
    Raises ``UserError`` when the site cannot do this, the person declined, or nothing came back
    within ``timeout`` seconds (or ``cancel`` was set).
    """
    endpoint = discover_authorization_endpoint(site_url, client)
    with _Receiver() as receiver:
        url = authorization_url(
            endpoint, f"{receiver.base}/done", f"{receiver.base}/rejected", app_name
        )
        open_browser(url)
        outcome = receiver.outcome
        _wait(outcome.arrived, timeout, cancel)
    if not outcome.arrived.is_set():
        if cancel is not None and cancel.is_set():
            raise AuthorizeCancelled("Stopped waiting for WordPress; nothing was stored.")
        minutes = max(1, round(timeout / 60))
        raise UserError(
            f"No approval came back from WordPress within {minutes} minute(s); nothing was "
            "stored. Try again: log in to WordPress in the browser tab that opens and choose "
            "'Yes, I approve of this connection'."
        )
    if outcome.error is not None:
        raise outcome.error
    assert outcome.approval is not None
    return outcome.approval.user_login, outcome.approval.password


def _wait(event: threading.Event, timeout: float, cancel: threading.Event | None) -> None:
    """Wait for ``event`` up to ``timeout`` seconds, looking at ``cancel`` now and then."""
    if cancel is None:
        event.wait(timeout)
        return
    deadline = time.monotonic() + timeout
    while not event.is_set() and not cancel.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return
        event.wait(min(0.2, remaining))
