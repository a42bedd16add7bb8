"""A WordPress target over the REST API v2 with an application password.

Exactly once: every post carries an HTML comment ``<!-- newsdesk:<uuid> -->`` in its content;
before creating, we look for a post with the article's slug, then search for the UUID, and only
take a post whose raw content carries our marker. WordPress silently drops unknown tag ids, so
the tags of the saved post are compared with what we sent. The byline's first name becomes the
post's author when a site user has that name (``wp_authors``); the byline heads the text
unless the post is credited to its one name (the theme prints that).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import secrets as pysecrets
from datetime import UTC, datetime
from typing import Any

import httpx

from newsdesk.domain.report import DoctorReport
from newsdesk.publish.base import (
    MediaCache,
    MediaFile,
    PostPayload,
    RemoteRef,
    caption_with_credit,
)
from newsdesk.publish.http import (
    AuthError,
    ConnectionRefused,
    HostNotFound,
    PublishError,
    RemoteError,
    RemoteGone,
    TLSError,
    error_code,
    plain_http_to_remote,
    send,
)
from newsdesk.publish.targets import TargetConfig
from newsdesk.publish.wp_authors import AuthorChoice, AuthorMap, byline_html
from newsdesk.render.markdown import resolve_assets

_STRIPPED_FIX = (
    "If the password is right, the web server drops the Authorization header before WordPress "
    'sees it: on Apache add  SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1  (or '
    "CGIPassAuth On) to .htaccess; on nginx + PHP-FPM pass fastcgi_param HTTP_AUTHORIZATION "
    "$http_authorization; or ask your host."
)
_CREDENTIALS_FIX = (
    "Check the user name, then make a new application password (Users → Profile → "
    "Application Passwords) and add the target again."
)


# An image alone in its paragraph, as the renderer writes it (still pointing at asset:SHA).
_IMAGE_PARAGRAPH = re.compile(
    r'<p>\s*(?P<img><img\b[^>]*\bsrc="asset:(?P<sha>[0-9a-f]{64})"[^>]*>)\s*</p>'
)
_TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')


def captioned_images(body_html: str, image: MediaFile | None) -> str:
    """Images with words under them become WordPress image figures with a figcaption, as the
    block editor writes them: the featured picture used in the body carries its caption and
    credit ("The terminal. Photo: Mira Santos"), any other image its Markdown title."""

    def figure(m: re.Match[str]) -> str:
        if image is not None and m.group("sha") == image.sha256:
            words = html.escape(caption_with_credit(image.caption, image.credit), quote=False)
        else:
            found = _TITLE.search(m.group("img"))
            words = found.group("title").strip() if found else ""
        if not words:
            return m.group(0)
        return (f'<figure class="wp-block-image">{m.group("img")}'
                f'<figcaption class="wp-element-caption">{words}</figcaption></figure>')  # fmt: skip

    return _IMAGE_PARAGRAPH.sub(figure, body_html)


# Post meta keys SEO plugins expose over REST for the description (first found is used).
SEO_META_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description",
                 "meta_description", "description")  # fmt: skip


def fingerprint(post: dict[str, Any]) -> str:
    """A stamp of the fields newsdesk sends, as WordPress keeps them: an edit made on the site
    within the same second as ours (``modified_gmt`` has whole seconds) still shows."""

    def raw(key: str) -> Any:
        value = post.get(key)
        return value.get("raw", value.get("rendered")) if isinstance(value, dict) else value

    fields = [raw(k) for k in ("title", "content", "excerpt", "status", "slug")]
    fields += [sorted(post.get("tags") or []), sorted(post.get("categories") or []),
               post.get("featured_media"), post.get("author"), post.get("sticky")]  # fmt: skip
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def _gmt(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") if moment else None


class WordPressPublisher:
    # Bumped when what we send for the same article changes (the byline as author): posts sent
    # before are updated on the next publish instead of being "already up to date".
    payload_format = "byline-author"

    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        self.target, self.client = target, client
        self.base = target.url.rstrip("/")
        self.auth = httpx.BasicAuth(target.username, secret or "")
        self.what = f"WordPress {target.name}"
        self._api: str | None = target.options.get("api_root")
        self.authors = AuthorMap(self._find_users, target.username)
        self._me_id: int | None = None
        self._unattached: list[int] = []

    # ------------------------------------------------------------ plumbing

    def api_root(self) -> str:
        if self._api is None:
            self._api, _index = self._discover()
        return self._api

    def _discover(self) -> tuple[str, dict[str, Any]]:
        """The REST root (pretty /wp-json/ or ?rest_route=) and its index document."""
        for root in (f"{self.base}/wp-json/", f"{self.base}/?rest_route=/"):
            response = send(self.client, "GET", root, self.what, checked=False)
            if response.status_code == 200 and "json" in response.headers.get("content-type", ""):
                data = response.json()
                if isinstance(data, dict) and "namespaces" in data:
                    return root, data
        raise RemoteError(
            f"{self.what}: {self.base} answers, but not with WordPress's REST API "
            "(nothing at /wp-json/ or ?rest_route=/).",
            404,
        )

    def _url(self, route: str) -> str:
        root = self.api_root()
        if "rest_route=" in root:
            return f"{root}{route}"
        return root + route

    def _call(self, method: str, route: str, what: str, **kw: Any) -> Any:
        response = send(self.client, method, self._url(route), f"{self.what}: {what}",
                        auth=self.auth, **kw)  # fmt: skip
        return response.json() if response.content else None

    # -------------------------------------------------------------- doctor

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            root, index = self._discover()
        except (HostNotFound, ConnectionRefused) as exc:
            report.add("address", False, str(exc), "Check the site URL in the target.")
            return report
        except TLSError as exc:
            report.add("tls", False, str(exc), "Fix the site's certificate, or the URL's host.")
            return report
        except RemoteError as exc:
            report.add(
                "rest api", False, str(exc),
                "Check the URL is the WordPress site's address; if it is, a security plugin "
                "or the host may block the REST API: allow /wp-json/.",
            )  # fmt: skip
            return report
        except PublishError as exc:
            report.add("address", False, str(exc), "Check the URL, or try again later.")
            return report
        self._api = root
        report.add("address", True, f"WordPress REST API at {root}")
        if "wp/v2" not in index.get("namespaces", []):
            report.add("rest api", False, "the wp/v2 routes are switched off",
                       "A plugin disables the core REST routes; allow them for logged-in users.")  # fmt: skip
            return report
        if not self._doctor_app_passwords(report, index):
            return report
        if not self._doctor_login(report):
            return report
        self._doctor_role(report)
        return report

    def _doctor_app_passwords(self, report: DoctorReport, index: dict[str, Any]) -> bool:
        if "application-passwords" in (index.get("authentication") or {}):
            return report.add("application passwords", True, "available")
        if plain_http_to_remote(self.base):
            return report.add(
                "application passwords", False,
                "not available: WordPress offers them only over HTTPS",
                "Use the https:// address of the site (install a certificate if it has none), "
                "or for a local test site set WP_ENVIRONMENT_TYPE to 'local' in wp-config.php.",
            )  # fmt: skip
        return report.add(
            "application passwords", False,
            "not available on this site (switched off by a plugin or the host)",
            "Enable application passwords (security plugins often have a setting), or ask "
            "your host.",
        )  # fmt: skip

    def _me(self, auth: httpx.Auth | None, context: str = "view") -> httpx.Response:
        return send(
            self.client, "GET", self._url("wp/v2/users/me"), f"{self.what}: login",
            auth=auth, params={"context": context}, checked=False,
        )  # fmt: skip

    def _doctor_login(self, report: DoctorReport) -> bool:
        response = self._me(self.auth)
        if response.status_code == 200:
            name = response.json().get("name", self.target.username)
            return report.add("login", True, f"logged in as {name}")
        code, _message = error_code(response)
        if code in ("invalid_username", "incorrect_password", "invalid_email"):
            return report.add("login", False, f"WordPress says {code}: wrong user name or "
                              "application password", _CREDENTIALS_FIX)  # fmt: skip
        if code == "application_passwords_disabled_for_user":
            return report.add("login", False, "application passwords are off for this user",
                              "Ask an administrator to allow them for your account.")  # fmt: skip
        if response.status_code != 401 or code != "rest_not_logged_in":
            return report.add("login", False, f"unexpected answer HTTP {response.status_code} "
                              f"{code}", "Try again later, or check the site's error log.")  # fmt: skip
        # WordPress answers rest_not_logged_in both when no header arrived and (on many
        # versions) for a wrong password. A made-up user tells them apart where it can: if
        # WordPress names *that* error, the header reaches it and our credentials are wrong.
        probe = httpx.BasicAuth(f"newsdesk-probe-{pysecrets.token_hex(4)}", "x" * 24)
        probe_code, _ = error_code(self._me(probe))
        if probe_code in ("invalid_username", "incorrect_password"):
            return report.add("login", False, "the user name or application password is wrong",
                              _CREDENTIALS_FIX)  # fmt: skip
        return report.add(
            "login", False,
            "WordPress saw no valid login: either the application password or user name is "
            "wrong, or the host strips the Authorization header",
            f"{_CREDENTIALS_FIX} {_STRIPPED_FIX}",
        )  # fmt: skip

    def _doctor_role(self, report: DoctorReport) -> None:
        response = self._me(self.auth, "edit")
        data = response.json() if response.status_code == 200 else {}
        caps = data.get("capabilities") or {}
        roles = ", ".join(data.get("roles") or []) or "unknown"
        if not caps.get("publish_posts"):
            report.add("role", False, f"the role ({roles}) cannot publish posts",
                       "Ask an administrator to make the user an Author, Editor or "
                       "Administrator.")  # fmt: skip
            return
        if not caps.get("upload_files"):
            report.add("role", False, f"the role ({roles}) cannot upload images",
                       "Ask an administrator for the upload_files capability.")  # fmt: skip
            return
        note = (
            ""
            if caps.get("manage_categories")
            else ("; it cannot create new categories, so sections must already exist on the site")
        )
        report.add("role", True, f"{roles} can publish and upload{note}")
        if caps.get("edit_others_posts"):
            report.add("authors", True, "can credit posts to other users (the byline's author)")
        else:
            report.add("authors", True, f"posts go out under {data.get('name') or roles}: the "
                       "role cannot credit other users (the byline stays in the text)")  # fmt: skip

    # --------------------------------------------------------------- terms

    def _category(self, section: str) -> int:
        """The site's category for the section, chosen from its tree: a section written as a
        path ("News › Business") names that branch; a plain name takes the category of that
        name, the one nearest the top when several branches have one. Made only when none
        exists (and the role may)."""
        cats = self._all("wp/v2/categories")
        by_id = {c["id"]: c for c in cats}

        def path(cat: dict[str, Any]) -> list[str]:
            names: list[str] = []
            while cat and len(names) < 20:
                names.append(html.unescape(cat.get("name", "")).casefold())
                cat = by_id.get(cat.get("parent") or 0, {})
            return list(reversed(names))

        wanted = [p.strip().casefold() for p in section.replace("/", "›").split("›")]
        exact = [c for c in cats if path(c) == wanted]
        named = [c for c in cats if path(c)[-1:] == wanted[-1:]]
        found = exact or sorted(named, key=lambda c: len(path(c)))
        if found:
            return int(found[0]["id"])
        return self._term("categories", section.split("›")[-1].strip())

    def _term(self, taxonomy: str, name: str) -> int:
        found = self._call("GET", f"wp/v2/{taxonomy}", f"finding {name!r}",
                           params={"search": name, "per_page": 100})  # fmt: skip
        for term in found or []:
            if html.unescape(term.get("name", "")).casefold() == name.casefold():
                return int(term["id"])
        try:
            made = self._call(
                "POST", f"wp/v2/{taxonomy}", f"creating {name!r}", json={"name": name}
            )
        except AuthError as exc:
            kind = "category" if taxonomy == "categories" else "tag"
            raise PublishError(
                f"{self.what}: the {kind} {name!r} does not exist on the site and this login's "
                f"role may not create it ({exc.code or exc.status}). Create it on the site, or "
                "choose one it has ('newsdesk target terms "
                f"{self.target.name}' lists them)."
            ) from None
        except RemoteError as exc:
            if exc.code == "term_exists":  # made between our search and create
                again = self._call("GET", f"wp/v2/{taxonomy}", f"finding {name!r}",
                                   params={"search": name, "per_page": 100})  # fmt: skip
                for term in again or []:
                    if html.unescape(term.get("name", "")).casefold() == name.casefold():
                        return int(term["id"])
            raise
        return int(made["id"])

    def _all(self, route: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in range(1, 21):  # up to 2,000 terms
            found = self._call("GET", route, "listing terms",
                               params={"per_page": 100, "page": page})  # fmt: skip
            out.extend(found or [])
            if not found or len(found) < 100:
                break
        return out

    def terms(self) -> dict[str, list[str]]:
        """The site's categories (nested ones as "Parent › Child") and tags."""
        cats = self._all("wp/v2/categories")
        by_id = {c["id"]: c for c in cats}

        def path(cat: dict[str, Any]) -> str:
            names, seen = [], set()
            while cat and cat["id"] not in seen:
                seen.add(cat["id"])
                names.append(html.unescape(cat.get("name", "")))
                cat = by_id.get(cat.get("parent") or 0, {})
            return " › ".join(reversed(names))

        return {
            "categories": sorted(path(c) for c in cats),
            "tags": sorted(html.unescape(t.get("name", "")) for t in self._all("wp/v2/tags")),
        }

    # --------------------------------------------------------------- media

    def _on_site(self, item: MediaFile) -> dict[str, Any] | None:
        """The media item already on the site with these bytes (its description carries the
        SHA-256) and the same alt text and caption, e.g. uploaded for another article or by
        another library. The same picture with other words is a media item of its own: the
        site shows an image's caption from its media item."""
        found = self._call("GET", "wp/v2/media", "looking for the image on the site",
                           params={"search": item.sha256, "context": "edit",
                                   "per_page": 20})  # fmt: skip
        for entry in found or []:
            text = (entry.get("description") or {}).get("raw", "")
            caption = (entry.get("caption") or {}).get("raw", "")
            same_words = entry.get("alt_text", "") == item.alt and caption == (
                caption_with_credit(item.caption, item.credit)
            )
            if f"sha256:{item.sha256}" in text and same_words:
                return dict(entry)
        return None

    def _upload(self, item: MediaFile, media: MediaCache) -> dict[str, str]:
        cached = media.get(item.sha256)
        if cached:
            return cached
        data = self._on_site(item)
        if data is None:
            data = self._call(
                "POST", "wp/v2/media", f"uploading {item.filename}",
                content=item.data,
                headers={
                    "Content-Type": item.media_type,
                    "Content-Disposition": f'attachment; filename="{item.filename}"',
                },
                params={"alt_text": item.alt, "title": item.filename,
                        "caption": caption_with_credit(item.caption, item.credit),
                        "description": f"sha256:{item.sha256}"},
            )  # fmt: skip
            self._unattached.append(int(data["id"]))
        media.put(item.sha256, str(data["id"]), data.get("source_url", ""))
        return media.items[item.sha256]

    def _attach(self, post_id: str) -> None:
        """Uploads belong to the post they were made for (the media library shows it)."""
        while self._unattached:
            media_id = self._unattached.pop()
            self._call("POST", f"wp/v2/media/{media_id}", "attaching an image to the post",
                       json={"post": int(post_id)})  # fmt: skip

    # --------------------------------------------------------------- posts

    def _fields(
        self, post: PostPayload, media: MediaCache, author: AuthorChoice
    ) -> tuple[dict[str, Any], list[int]]:
        for item in post.all_media():
            self._upload(item, media)
        tags = [self._term("tags", t) for t in post.tags]
        fields: dict[str, Any] = {
            "title": post.headline,
            "content": self._content(post, media, author.link),
            "excerpt": post.standfirst,
            "slug": post.slug,
            "status": post.status,
            "tags": tags,
            "sticky": post.pinned,
        }
        if post.section:
            fields["categories"] = [self._category(post.section)]
        if post.date:
            fields["date_gmt"] = _gmt(post.date)
        if post.image:
            fields["featured_media"] = int(media.items[post.image.sha256]["id"])
        return fields, tags

    def _content(self, post: PostPayload, media: MediaCache, author_link: str) -> str:
        """The byline (its first name linked to the author's page when the post is theirs),
        the body, and our marker. A post credited to its one byline name carries no byline
        paragraph: WordPress themes print the post's author, and it would read twice."""
        links = {post.byline[0]: author_link} if author_link else {}
        credited_alone = bool(author_link) and len(post.byline) == 1
        shown = post.byline and not credited_alone
        byline = f"{byline_html(post.byline, links)}\n" if shown else ""
        body = resolve_assets(captioned_images(post.body_html, post.image), media.urls())
        return f"{byline}{body}\n<!-- {post.marker} -->"

    # ------------------------------------------------------------- authors

    def _find_users(self, params: dict[str, Any]) -> Any:
        return self._call("GET", "wp/v2/users", "looking up the byline's author", params=params)

    def _my_id(self) -> int:
        if self._me_id is None:
            me = self._call("GET", "wp/v2/users/me", "finding the logged-in user")
            self._me_id = int(me["id"])
        return self._me_id

    def _save(self, route: str, what: str, post: PostPayload, media: MediaCache,
              updating: bool) -> RemoteRef:  # fmt: skip
        """Create or update the post, credited to the byline's user where the site allows."""
        choice = self.authors.choose(post.byline)
        fields, tags = self._fields(post, media, choice)
        warnings = [choice.warning] if choice.warning else []
        if choice.user_id is not None:
            fields["author"] = choice.user_id
        elif updating:
            # An update must not leave the post credited to someone the byline no longer names.
            fields["author"] = self._my_id()
        try:
            data = self._call("POST", route, what, json=fields)
        except RemoteError as exc:
            # 403 rest_cannot_edit_others (an Author's role), or the user went away
            # (rest_invalid_author): WordPress refused before saving anything, so send again
            # as the logged-in user.
            if choice.user_id is None or not (
                exc.status == 403 or exc.code == "rest_invalid_author"
            ):
                raise
            fields["author"] = self._my_id()
            fields["content"] = self._content(post, media, "")  # her page would not list it
            data = self._call("POST", route, what, json=fields)
            self.authors.refused = exc.code or f"HTTP {exc.status}"
            warnings = [self.authors.refusal(post.byline[0])]
        self._check_tags(data, tags)
        self._attach(str(data["id"]))
        warnings += self._seo(post, data)
        ref = self._ref(data)
        ref.warnings = warnings
        return ref

    def _seo(self, post: PostPayload, data: dict[str, Any]) -> list[str]:
        """The SEO description into the meta field an SEO plugin exposes, else a note."""
        if not post.seo_description:
            return []
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        key = next((k for k in SEO_META_KEYS if k in (meta or {})), None)
        if key is None:
            return ["the site exposes no meta description field over REST (an SEO plugin "
                    "would): the SEO text was not sent"]  # fmt: skip
        if (meta or {}).get(key) != post.seo_description:
            saved = self._call("POST", f"wp/v2/posts/{data['id']}", "setting the description",
                               json={"meta": {key: post.seo_description}})  # fmt: skip
            data.update(saved)
        return []

    def _ref(self, data: dict[str, Any]) -> RemoteRef:
        return RemoteRef(
            remote_id=str(data["id"]), url=data.get("link", ""),
            status=data.get("status", ""),
            modified=f"{data.get('modified_gmt', '')} {fingerprint(data)}",
        )  # fmt: skip

    def _check_tags(self, data: dict[str, Any], sent: list[int]) -> None:
        kept = set(data.get("tags") or [])
        if kept != set(sent):
            raise PublishError(
                f"{self.what}: WordPress kept tags {sorted(kept)} of {sorted(set(sent))}: it "
                "drops tags it does not know. Check the tags on the site and publish again."
            )

    def _owns(self, post: dict[str, Any], marker: str) -> bool:
        content = post.get("content") or {}
        return marker in (content.get("raw") or content.get("rendered") or "")

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        queries = [{"slug": post.slug}, {"search": post.uuid}]
        for query in queries:
            found = self._call("GET", "wp/v2/posts", "looking for an earlier post", params={
                **query, "status": "publish,future,draft,pending,private",
                "context": "edit", "per_page": 20,
            })  # fmt: skip
            for item in found or []:
                if self._owns(item, post.marker):
                    return self._ref(item)
        return None

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        return self._save("wp/v2/posts", "creating the post", post, media, updating=False)

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        route = f"wp/v2/posts/{ref.remote_id}"
        try:
            return self._save(route, "updating the post", post, media, updating=True)
        except RemoteError as exc:
            if exc.status in (404, 410):
                raise RemoteGone(f"{self.what}: the post {ref.url or ref.remote_id} is no "
                                 "longer on the site (deleted there?)") from None  # fmt: skip
            raise

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        # Back to draft rather than the bin: the post, its URL and comments stay restorable.
        data = self._call("POST", f"wp/v2/posts/{ref.remote_id}", "unpublishing",
                          json={"status": "draft"})  # fmt: skip
        return self._ref(data)

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        try:
            data = self._call("GET", f"wp/v2/posts/{ref.remote_id}", "checking for edits",
                              params={"context": "edit"})  # fmt: skip
        except RemoteError as exc:
            if exc.status in (404, 410):
                raise RemoteGone(f"{self.what}: the post {ref.url or ref.remote_id} is no "
                                 "longer on the site (deleted there?)") from None  # fmt: skip
            raise
        if data.get("status") == "trash":
            raise RemoteGone(f"{self.what}: the post {ref.url or ref.remote_id} was moved to "
                             "the bin on the site")  # fmt: skip
        current = self._ref(data).modified
        if not ref.modified or current == ref.modified:
            return None
        stamp, old = current.partition(" ")[0], ref.modified.partition(" ")[0]
        if stamp != old:
            return stamp
        if " " not in ref.modified:  # recorded by an older newsdesk: the stamp alone
            return None
        return "its title, text, tags, categories or image differ from what newsdesk sent"

    def close(self) -> None:
        self.client.close()
