"""The byline on WordPress: its first name matched to a site user (who becomes the post's
author), and the byline line at the top of the post's content, marked up as the site theme's.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsdesk.publish.http import AuthError

# One users search (query params → the JSON list). Raises AuthError when the site refuses it.
UserSearch = Callable[[dict[str, Any]], Any]

# With list_users (administrators) context=edit also matches user names; without it, anyone
# who can write posts may still list the site's authors (who=authors, view context).
_MODES: tuple[dict[str, str], ...] = ({"context": "edit"}, {"who": "authors"})


def name_key(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name: "Zoë  Ångström" → "zoe angstrom"."""
    decomposed = unicodedata.normalize("NFKD", html.unescape(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def slug_key(text: str) -> str:
    """The name as WordPress would slug it for a user ("Ada Lovelace" → "ada-lovelace")."""
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-")


def byline_html(names: list[str], links: dict[str, str] | None = None) -> str:
    """``<p class="byline">By A, B and C</p>`` as the default theme's article page writes it."""
    parts = []
    for name in names:
        url = (links or {}).get(name)
        text = html.escape(name)
        if url:
            parts.append(
                f'<a class="byline__author" rel="author" href="{html.escape(url)}">{text}</a>'
            )
        else:
            parts.append(f'<span class="byline__author">{text}</span>')
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f'<p class="byline">By {joined}</p>'


def matching_users(name: str, users: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The users whose display name, slug or login is the byline name."""
    key, slug = name_key(name), slug_key(name)
    return [
        u
        for u in users
        if name_key(str(u.get("name", ""))) == key
        or str(u.get("slug", "")) == slug
        or name_key(str(u.get("username", ""))) == key
    ]


@dataclass(frozen=True)
class AuthorChoice:
    """The WordPress user for a byline (None: post as the logged-in user), the link to show
    on the byline, and why the byline was not mapped when it was not."""

    user_id: int | None = None
    link: str = ""
    warning: str = ""


class AuthorMap:
    """Byline name → WordPress user, looked up once per publisher (one publish run)."""

    def __init__(self, search: UserSearch, account: str) -> None:
        self._search, self.account = search, account
        self._modes = list(_MODES)
        self._found: dict[str, AuthorChoice] = {}
        self.refused = ""  # the site's reason once it refused to post as someone else

    def choose(self, byline: list[str]) -> AuthorChoice:
        if not byline:
            return AuthorChoice()
        key = name_key(byline[0])
        if key not in self._found:
            self._found[key] = self._lookup(byline[0])
        choice = self._found[key]
        if choice.user_id is not None and self.refused:
            return AuthorChoice(None, "", self.refusal(byline[0]))
        return choice

    def refusal(self, name: str) -> str:
        why = self.refused
        if why == "rest_cannot_edit_others":
            why += ": only Editors and Administrators may credit other users"
        return (
            f"WordPress does not let {self.account} credit the post to “{name}” ({why}); "
            f"posted as {self.account}, with the byline in the text"
        )

    def _lookup(self, name: str) -> AuthorChoice:
        for query in dict.fromkeys([name, slug_key(name)]):
            users = self._query(query)
            if users is None:
                return AuthorChoice(warning=(
                    f"{self.account} may not list the site's users, so the byline “{name}” "
                    f"could not be matched; posted as {self.account}, with the byline in the text"
                ))  # fmt: skip
            found = matching_users(name, users)
            if len(found) > 1:
                ids = ", ".join(str(u["id"]) for u in found)
                return AuthorChoice(warning=(
                    f"the byline “{name}” matches several WordPress users (ids {ids}); posted "
                    f"as {self.account}, with the byline in the text"
                ))  # fmt: skip
            if found:
                return AuthorChoice(int(found[0]["id"]), str(found[0].get("link", "")))
        return AuthorChoice(warning=(
            f"the byline “{name}” matches no WordPress user; posted as {self.account}, with "
            "the byline in the text (add a user with that display name to credit them)"
        ))  # fmt: skip

    def _query(self, text: str) -> list[dict[str, Any]] | None:
        """The users the search finds, in the first mode the site allows; None if it allows
        none."""
        while self._modes:
            try:
                found = self._search({"search": text, "per_page": 100, **self._modes[0]})
            except AuthError as exc:
                if exc.status != 403:  # 401: the login itself failed; publishing will say so
                    raise
                self._modes.pop(0)  # forbidden for this user: not asked again this run
                continue
            return [u for u in found or [] if isinstance(u, dict)]
        return None
