"""Theme use-cases shared by the CLI and the app: list, use, new, and ``check``, which renders
the sample articles through a theme and reports, in one list with file and line, template
errors, missing required parts (headline h1, dateline, tags, "Read more", landmarks), HTML
parse errors and images without alt text."""

from __future__ import annotations

import re
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

import jinja2

from newsdesk.errors import UserError
from newsdesk.render.themes import ThemeInfo, read_theme_info

if TYPE_CHECKING:
    from newsdesk.core.context import AppContext

LANDMARKS = {
    "banner": ("header", "banner"),
    "navigation": ("nav", "navigation"),
    "main": ("main", "main"),
    "contentinfo": ("footer", "contentinfo"),
}
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE | re.DOTALL)
_ALT = re.compile(r"\salt\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the theme folder, or "page <slug>" for a rendered page
    line: int
    kind: str  # template | missing | html | alt | theme
    message: str

    def text(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "kind": self.kind, "message": self.message}


def check_theme(folder: Path, resources: Path) -> list[Problem]:
    """Everything wrong with the theme in ``folder``, as one list (empty: fine)."""
    folder = folder.resolve()
    try:
        info = read_theme_info(folder)
    except UserError as exc:
        return [Problem("theme.toml", 1, "theme", str(exc))]
    problems_meta = _meta_problems(folder, info)
    templates = folder / "templates"
    if not (templates / "article.html").is_file():
        return [Problem("templates/article.html", 0, "missing", "the article template is missing")]
    problems = problems_meta + _syntax_errors(folder) + _images_without_alt(folder)
    if not any(p.kind == "template" for p in problems):
        problems += _render_samples(folder, resources)
    seen: set[tuple[str, int, str]] = set()
    unique = []
    for p in problems:
        key = (p.file, p.line, p.message)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _meta_problems(folder: Path, info: Any) -> list[Problem]:
    """Slots that are no site setting, locales that are no locale, stylesheets not there."""
    from babel import Locale, UnknownLocaleError

    from newsdesk.render.themes import SLOTS

    meta = folder / "theme.toml"
    text = meta.read_text(encoding="utf-8") if meta.is_file() else ""

    def line_of(word: str) -> int:
        at = text.find(f'"{word}"')
        return text.count("\n", 0, at) + 1 if at >= 0 else 1

    out = [Problem("theme.toml", line_of(slot), "theme",
                   f"unknown slot {slot!r}; slots are: {', '.join(SLOTS)}")
           for slot in info.slots if slot not in SLOTS]  # fmt: skip
    for locale in info.locales:
        try:
            Locale.parse(locale.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            out.append(
                Problem("theme.toml", line_of(locale), "theme", f"unknown locale {locale!r}")
            )
    for sheet in info.stylesheets:
        if not (folder / "static" / sheet).is_file():
            out.append(
                Problem("theme.toml", line_of(sheet), "missing", f"static/{sheet} is not there")
            )
    return out


def _rel(folder: Path, filename: str | None) -> str:
    if not filename:
        return "?"
    try:
        return str(Path(filename).resolve().relative_to(folder))
    except ValueError:
        return filename


def _syntax_errors(folder: Path) -> list[Problem]:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder / "templates")), extensions=["jinja2.ext.i18n"]
    )
    out = []
    for path in sorted((folder / "templates").rglob("*.html")):
        name = str(path.relative_to(folder / "templates"))
        try:
            env.parse(path.read_text(encoding="utf-8"), name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            out.append(
                Problem(
                    _rel(folder, str(path)), exc.lineno or 0, "template", exc.message or str(exc)
                )
            )
        except UnicodeDecodeError as exc:
            out.append(Problem(_rel(folder, str(path)), 0, "template", f"not UTF-8 text: {exc}"))
    return out


def _images_without_alt(folder: Path) -> list[Problem]:
    out = []
    for path in sorted((folder / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in _IMG.finditer(text):
            if not _ALT.search(m.group(0)):
                line = text.count("\n", 0, m.start()) + 1
                out.append(
                    Problem(_rel(folder, str(path)), line, "alt", "<img> without an alt attribute")
                )
    return out


def _error_location(folder: Path, exc: BaseException) -> tuple[str, int]:
    """The theme template and line an error was raised in (Jinja puts template frames into
    the traceback), else the article template."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and Path(frame.filename).resolve().is_relative_to(folder):
            return _rel(folder, frame.filename), frame.lineno or 0
    return "templates/article.html", 0


def _render_samples(folder: Path, resources: Path) -> list[Problem]:
    from newsdesk.core.articles import get_article, list_articles
    from newsdesk.core.pages import related_articles, render_article_page, site_linker
    from newsdesk.render.page import forget_templates, load_theme
    from newsdesk.services.opening import open_context

    forget_templates()  # the theme may have changed on disk since it was last rendered
    theme = load_theme(resources, str(folder))
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-theme-check-") as tmp:
        ctx = open_context(str(Path(tmp) / "sample.newsdesk"), tmp, seed=True)
        try:
            with ctx.session() as session:
                for row in list_articles(session):
                    rec = get_article(session, row.id)
                    try:
                        html = render_article_page(session, rec, site_linker(2), theme)
                    except Exception as exc:  # a theme's template error, whatever its kind
                        file, line = _error_location(folder, exc)
                        problems.append(
                            Problem(file, line, "template", f"{type(exc).__name__}: {exc}")
                        )
                        continue
                    has_related = bool(related_articles(session, rec)["read_more"])
                    problems += _page_problems(folder, rec, html, has_related)
        finally:
            ctx.close()
    return problems


def _page_problems(folder: Path, rec: Any, html: str, has_related: bool) -> list[Problem]:
    import html5lib

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    doc = parser.parse(html)
    page = f"page articles/{rec.slug}/index.html"
    out = [Problem(page, line, "html", f"{code} {data or ''}".strip())
           for (line, _col), code, data in parser.errors]  # fmt: skip
    where = ("templates/article.html", _block_line(folder))

    def missing(message: str) -> None:
        out.append(Problem(where[0], where[1], "missing", f"{message} (article {rec.slug})"))

    text = " ".join("".join(doc.itertext()).split())
    h1s = [" ".join("".join(h.itertext()).split()) for h in doc.iter("h1")]
    if rec.headline and rec.headline not in h1s:
        missing("the headline is not in an <h1>")
    if rec.dateline and rec.dateline.split(",")[0].strip().upper() not in text.upper():
        missing("the dateline is not on the page")
    if not any(el.get("datetime") for el in doc.iter("time")):
        missing("no <time datetime> for the article's date")
    links = {" ".join("".join(a.itertext()).split()) for a in doc.iter("a")}
    for tag in rec.tags:
        if tag not in links:
            missing(f"tag {tag!r} is not linked")
    if has_related and "Read more" not in text:
        missing('no "Read more" list of related articles')
    for name, (tag, role) in LANDMARKS.items():
        if not _has_landmark(doc, tag, role):
            missing(f"no {name} landmark (<{tag}> or role={role})")
    for img in doc.iter("img"):
        if img.get("alt") is None:
            out.append(Problem(page, 0, "alt", f"<img src={img.get('src', '')!r}> without alt"))
    return out


def _has_landmark(doc: Element, tag: str, role: str) -> bool:
    return any(True for _ in doc.iter(tag)) or any(el.get("role") == role for el in doc.iter())


def _block_line(folder: Path) -> int:
    text = (folder / "templates" / "article.html").read_text(encoding="utf-8", errors="replace")
    m = re.search(r"{%-?\s*block\s+content", text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


# The theme commands (``newsdesk theme ...``); the preview and the exports read the setting.


def site_themes(ctx: AppContext) -> list[tuple[ThemeInfo, bool]]:
    """Every theme (built-in, then the newsroom's own) and whether the site uses it."""
    from newsdesk.core.settings import load_settings
    from newsdesk.render.themes import list_themes, setting_value

    with ctx.session() as session:
        current = load_settings(session).theme
    themes = list_themes(ctx.resources, ctx.paths.data_dir)
    return [(t, setting_value(t) == current) for t in themes]


def _use(ctx: AppContext, info: ThemeInfo) -> None:
    from newsdesk.core.settings import load_settings, save_settings
    from newsdesk.render.themes import setting_value

    with ctx.session() as session:
        save_settings(session, load_settings(session).with_changes(theme=setting_value(info)))


def use_theme(ctx: AppContext, name_or_path: str) -> ThemeInfo:
    """Render the site's pages with this theme; refuses a folder it cannot read."""
    from newsdesk.render.page import load_theme
    from newsdesk.render.themes import find_theme, setting_value

    info = find_theme(ctx.resources, ctx.paths.data_dir, name_or_path)
    load_theme(ctx.resources, setting_value(info))
    _use(ctx, info)
    return info


def make_theme(ctx: AppContext, name: str, folder: Path | None, *, use: bool) -> ThemeInfo:
    """A new theme as a copy of the built-in one (in ``folder`` or the data folder's themes/)."""
    from newsdesk.render.themes import new_theme

    info = new_theme(ctx.resources, ctx.paths.data_dir, name, folder)
    if use:
        _use(ctx, info)
    return info


def check_named_theme(
    db: str | None, basedir: str | None, name_or_path: str
) -> tuple[ThemeInfo, list[Problem]]:
    """``theme check``: needs no library (the samples render in a temporary one)."""
    from newsdesk.paths import resolve_paths, resources_dir
    from newsdesk.render.themes import find_theme

    paths = resolve_paths(db, basedir)
    info = find_theme(resources_dir(), paths.data_dir, name_or_path)
    return info, check_theme(info.folder, resources_dir())
