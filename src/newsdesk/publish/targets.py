"""Publish targets as plain values: what kind of site, where, as whom (never the secret)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.domain.plain import plain
from newsdesk.errors import UserError
from newsdesk.publish.http import PublishError

KINDS = ("wordpress", "ghost", "micropub", "webhook", "folder")
# Each kind as people name it, and what its address looks like.
KIND_LABELS = {
    "wordpress": "WordPress",
    "ghost": "Ghost",
    "micropub": "Micropub",
    "webhook": "Webhook",
    "folder": "Folder",
}


def kind_label(kind: str) -> str:
    """A target kind as people name it ("WordPress"); an unknown one as it is stored."""
    return KIND_LABELS.get(kind, kind)


ADDRESS_HINTS = {
    "wordpress": "The WordPress site, e.g. https://news.example.org",
    "ghost": "The Ghost site, e.g. https://news.example.org",
    "micropub": "The site or its Micropub endpoint, e.g. https://example.org/micropub",
    "webhook": "The address that receives the article, e.g. https://example.org/hook",
    "folder": "A folder on this computer, e.g. /home/you/outbox",
}
# What the secret is called for each kind, for prompts and help.
SECRET_LABELS = {
    "wordpress": "application password",
    "ghost": "Admin API key (id:secret)",
    "micropub": "access token",
    "webhook": "signing secret",
    "folder": "",
}
# The statuses a person can ask for; each publisher maps them to its own words.
POST_STATUSES = ("draft", "publish", "future", "pending", "private")
# Statuses that keep a post off the public site (sites without "pending"/"private" get a draft).
HIDDEN_STATUSES = ("draft", "pending", "private")


@dataclass(frozen=True)
class TargetConfig:
    """One named target; ``options`` holds kind-specific settings (e.g. a discovered endpoint)."""

    name: str
    kind: str
    url: str
    username: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    # The library's UUID: the keyring keys the target's secret by it (see publish.secrets).
    library: str = ""

    @property
    def needs_secret(self) -> bool:
        return bool(SECRET_LABELS.get(self.kind))

    def require_secret(self, secret: str | None) -> str:
        """``secret``, or a PublishError saying which one is missing and how to store it."""
        if not secret:
            raise PublishError(
                f"Target {self.name} has no {SECRET_LABELS.get(self.kind) or 'secret'} in the "
                f"keyring; store it with 'newsdesk target secret {self.name}'."
            )
        return secret

    def to_json(self) -> dict[str, Any]:
        return plain(self, leave_out=("library",))


def check_kind(kind: str) -> str:
    norm = kind.strip().lower()
    if norm not in KINDS:
        raise UserError(f"Unknown target kind {kind!r}; use one of: {', '.join(KINDS)}")
    return norm


# Per-kind settings a person may set on a target (``target add/set --option KEY=VALUE``);
# anything not set is left to the site's defaults.
OPTIONS: dict[str, dict[str, str]] = {
    "ghost": {
        "visibility": "who may read new posts: public, members, paid or tiers",
        "newsletter": "slug of the newsletter a published post is emailed with",
    },
    "micropub": {
        "syndicate_to": "comma-separated uids from the server's syndicate-to list",
        "endpoint": "the Micropub endpoint, when the site does not name one",
    },
    "wordpress": {},
    "webhook": {},
    "folder": {},
}
GHOST_VISIBILITY = ("public", "members", "paid", "tiers")


def parse_options(kind: str, pairs: list[str]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs checked against the kind's settings (an empty value unsets)."""
    known = OPTIONS.get(kind, {})
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in known:
            names = ", ".join(sorted(known)) or "none"
            raise UserError(f"Unknown option {pair!r} for a {kind} target; known: {names}")
        if key == "visibility" and value and value not in GHOST_VISIBILITY:
            raise UserError(f"visibility must be one of: {', '.join(GHOST_VISIBILITY)}")
        if key == "syndicate_to":
            out[key] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            out[key] = value
    return out


def normalise_ghost_url(url: str) -> str:
    """The site address from what people copy: ``…/ghost/``, ``…/ghost/#/posts``, a trailing
    slash, a query or fragment are dropped (the Admin API lives under ``<site>/ghost/api/``)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    for tail in ("/ghost/api/admin", "/ghost/api/content", "/ghost"):
        if path.endswith(tail):
            path = path[: -len(tail)]
            break
    return urlunsplit((parts.scheme, parts.netloc, path.rstrip("/"), "", ""))


def check_post_status(status: str) -> str:
    norm = status.strip().lower()
    if norm == "published":
        norm = "publish"
    if norm not in POST_STATUSES:
        raise UserError(f"Unknown status {status!r}; use one of: {', '.join(POST_STATUSES)}")
    return norm
