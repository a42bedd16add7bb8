"""Learned site looks in the library: learning one from a target's published post, listing
them, correcting an article part's selector, and rendering an article in a look (the
preview and ``newsdesk export html --look``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from soupsieve import SelectorSyntaxError
from sqlmodel import Session, col, select

from newsdesk.core import taxonomy
from newsdesk.core.articles import ArticleRecord, get_article
from newsdesk.core.pages import AssetUrls, Linker, Prefetched, article_context
from newsdesk.core.settings import SiteSettings, load_settings
from newsdesk.errors import NotFoundError, UserError
from newsdesk.looks.fetch import Fetcher, newest_post_url
from newsdesk.looks.parts import PART_LABELS as PART_LABELS  # the CLI's vocabulary
from newsdesk.looks.parts import PARTS as PARTS
from newsdesk.looks.parts import Candidate, candidates
from newsdesk.looks.render import render_into
from newsdesk.looks.snapshot import EXTENSIONS, Snapshot, take_snapshot
from newsdesk.storage.models import LookFile, SiteLook, SiteLookFile

PREVIEW_FILES = "newsdesk://look/"
EXPORT_FILES = "look/"


@dataclass(frozen=True)
class LookInfo:
    id: int
    name: str
    target_name: str
    platform: str
    source_url: str
    taken_at: datetime
    parts: dict[str, str]
    corrected: dict[str, str]
    files: int = 0
    versions: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "target": self.target_name,
            "platform": self.platform, "source_url": self.source_url,
            "taken_at": self.taken_at.isoformat(), "parts": self.parts,
            "corrected": self.corrected, "files": self.files, "versions": self.versions,
        }  # fmt: skip


def _info(row: SiteLook, files: int = 0, versions: int = 1) -> LookInfo:
    assert row.id is not None
    return LookInfo(row.id, row.name, row.target_name, row.platform, row.source_url,
                    row.taken_at, dict(row.parts), dict(row.corrected), files, versions)  # fmt: skip


def _row(session: Session, name: str) -> SiteLook:
    row = session.exec(
        select(SiteLook)
        .where(SiteLook.name == name)
        .order_by(col(SiteLook.taken_at).desc(), col(SiteLook.id).desc())
    ).first()
    if row is None:
        raise NotFoundError(f"No learned look called {name!r} (learn one with "
                            f"'newsdesk target look {name}')")  # fmt: skip
    return row


def learn_look(
    session_factory: Callable[[], Any],
    target_name: str,
    from_url: str | None = None,
    fetcher: Fetcher | None = None,
) -> LookInfo:
    """Learn target ``target_name``'s look from its newest post (or ``from_url``) and store
    it as a new snapshot; the person's corrected parts carry over where they still match.
    ``session_factory()`` is a context manager giving a transaction (``AppContext.session``);
    no transaction is open while the site is fetched."""
    from newsdesk.services import publishing

    with session_factory() as session:
        target = publishing.get_target(session, target_name)
    if target.kind in ("folder", "webhook", "micropub") and not from_url:
        raise UserError(f"{target.name} is a {target.kind} target; give a post's address "
                        "with --from URL")  # fmt: skip
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        url = from_url or newest_post_url(fetcher, target.url, target.kind)
        snapshot = take_snapshot(fetcher, url)
    finally:
        if own:
            fetcher.close()
    with session_factory() as session:
        return save_snapshot(session, target.name, target.name, snapshot)


def save_snapshot(session: Session, name: str, target_name: str, snap: Snapshot) -> LookInfo:
    previous = session.exec(
        select(SiteLook).where(SiteLook.name == name).order_by(col(SiteLook.taken_at).desc())
    ).first()
    parts = dict(snap.parts)
    corrected: dict[str, str] = {}
    if previous is not None and previous.corrected:
        soup = BeautifulSoup(snap.html, "html.parser")
        for part, sel in previous.corrected.items():
            if soup.select_one(sel) is not None:
                parts[part] = corrected[part] = sel
    row = SiteLook(name=name, target_name=target_name, platform=snap.platform,
                   source_url=snap.source_url, html=snap.html, parts=parts,
                   corrected=corrected)  # fmt: skip
    session.add(row)
    session.flush()
    for item in snap.files.values():
        if session.get(LookFile, item.sha256) is None:
            session.add(LookFile(sha256=item.sha256, media_type=item.media_type,
                                 size=len(item.data), data=item.data, source_url=item.source_url))  # fmt: skip
    session.flush()
    assert row.id is not None
    for sha in snap.files:
        session.add(SiteLookFile(look_id=row.id, file_sha256=sha))
    session.flush()
    return _info(row, len(snap.files))


def list_looks(session: Session) -> list[LookInfo]:
    """The newest snapshot of every learned look, by name."""
    rows = session.exec(
        select(SiteLook).order_by(col(SiteLook.name), col(SiteLook.taken_at).desc())
    ).all()
    out: dict[str, tuple[SiteLook, int]] = {}
    for r in rows:
        first, count = out.get(r.name, (r, 0))
        out[r.name] = (first, count + 1)
    return [_info(r, _file_count(session, r), n) for r, n in out.values()]


def _file_count(session: Session, row: SiteLook) -> int:
    return len(session.exec(select(SiteLookFile).where(SiteLookFile.look_id == row.id)).all())


def get_look(session: Session, name: str) -> LookInfo:
    row = _row(session, name)
    return _info(row, _file_count(session, row))


def remove_look(session: Session, name: str) -> int:
    """Forget every snapshot of ``name`` and the files no other snapshot uses."""
    rows = session.exec(select(SiteLook).where(SiteLook.name == name)).all()
    if not rows:
        raise NotFoundError(f"No learned look called {name!r}")
    for r in rows:
        session.delete(r)
    session.flush()
    used = select(SiteLookFile.file_sha256)
    for f in session.exec(select(LookFile).where(col(LookFile.sha256).not_in(used))).all():
        session.delete(f)
    return len(rows)


def _check_selector(html: str, selector: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    try:
        found = soup.select_one(selector)
    except SelectorSyntaxError as exc:
        raise UserError(f"{selector!r} is not a CSS selector: {exc}") from exc
    if found is None:
        raise UserError(f"Nothing in the learned page matches {selector!r}")
    return soup


def set_part(session: Session, name: str, part: str, selector: str) -> LookInfo:
    """Use ``selector`` for ``part`` in the look (kept with the snapshot, and carried over
    when the look is learned again)."""
    if part not in PARTS:
        raise UserError(f"Unknown part {part!r}; parts are: {', '.join(PARTS)}")
    row = _row(session, name)
    selector = selector.strip()
    _check_selector(row.html, selector)
    row.parts = {**row.parts, part: selector}
    row.corrected = {**row.corrected, part: selector}
    session.add(row)
    session.flush()
    return _info(row, _file_count(session, row))


def part_candidates(session: Session, name: str, part: str) -> list[Candidate]:
    row = _row(session, name)
    soup = BeautifulSoup(row.html, "html.parser")
    return candidates(soup, part, row.parts.get(part))


def load_file(session: Session, file_name: str) -> tuple[str, bytes] | None:
    """A look's file by its name in the snapshot (``<sha256>.css``): (media type, bytes)."""
    sha = file_name.split(".", 1)[0].lower()
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        return None
    row = session.get(LookFile, sha)
    return (row.media_type, row.data) if row is not None else None


def look_files(session: Session, name: str) -> list[LookFile]:
    row = _row(session, name)
    return list(
        session.exec(
            select(LookFile)
            .join(SiteLookFile, col(SiteLookFile.file_sha256) == col(LookFile.sha256))
            .where(SiteLookFile.look_id == row.id)
        ).all()
    )


def file_name(f: LookFile) -> str:
    return f.sha256 + EXTENSIONS.get(f.media_type, "")


@dataclass(frozen=True)
class LookPage:
    """What rendering in a look needs besides the article: read once per preview load."""

    html: str
    parts: dict[str, str]
    platform: str


def look_page(session: Session, name: str) -> LookPage:
    row = _row(session, name)
    return LookPage(row.html, dict(row.parts), row.platform)


def render_article_in_look(
    session: Session,
    ref: str | int | ArticleRecord,
    look: str | LookPage,
    linker: Linker,
    file_base: str,
    settings: SiteSettings | None = None,
    assets: AssetUrls | None = None,
) -> str:
    """The article's page in a learned look (the same fields the newsdesk theme shows)."""
    from newsdesk.paths import resources_dir
    from newsdesk.render.page import load_theme

    rec = ref if isinstance(ref, ArticleRecord) else get_article(session, ref)
    settings = settings or load_settings(session)
    page = look if isinstance(look, LookPage) else look_page(session, look)
    theme = load_theme(resources_dir(), "default")  # only its name is read by the context
    # A look shows no related-article cards or tag list: skip their queries (a field typed
    # in the preview renders the page again).
    sections = {s.id: s for s in taxonomy.list_sections(session) if s.id is not None}
    nothing_related = Prefetched(sections=sections, related={}, tag_slugs=[])
    context = article_context(session, rec, linker, settings, theme, assets, nothing_related)
    return render_into(page.html, page.parts, page.platform, context["article"], file_base,
                       context["page"]["title"])  # fmt: skip


def export_html_in_look(session: Session, ref: str | int, out_dir: Path, look: str) -> Path:
    """``out_dir/index.html`` in the look, the look's files in ``look/``, images in
    ``assets/``; opens offline from a file browser."""
    from newsdesk.core.assets import export_name
    from newsdesk.core.atomic import atomic_directory
    from newsdesk.core.pages import export_linker

    settings = load_settings(session)
    linker = export_linker(settings.base_url)
    assets = AssetUrls(session, linker)
    html = render_article_in_look(session, ref, look, linker, EXPORT_FILES, settings, assets)
    files = look_files(session, look)
    with atomic_directory(out_dir, merge=True) as tmp:
        (tmp / "index.html").write_text(html, encoding="utf-8")
        (tmp / "look").mkdir(exist_ok=True)
        for f in files:
            (tmp / "look" / file_name(f)).write_bytes(f.data)
        for asset in assets.used.values():
            dest = tmp / "assets" / export_name(asset)
            dest.parent.mkdir(exist_ok=True)
            dest.write_bytes(asset.data)
    return out_dir / "index.html"
