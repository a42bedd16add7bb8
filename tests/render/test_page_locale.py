"""The published page in the site's language: labels from the gettext catalogues, dates and
numbers through Babel, right-to-left for Arabic — and every page of a site in English, German,
French, Spanish and Arabic passes the HTML checks the export tests use (strict HTML5 parse,
headings that do not skip a level, alt text on every image, one language and direction)."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import html5lib
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.core.settings import SiteSettings, load_settings, save_settings
from newsdesk.errors import UserError
from newsdesk.export.site import export_site
from newsdesk.render.dates import dateline_time, long_date, short_date
from newsdesk.render.locale import PAGE_LANGUAGES, format_number, list_joiners, page_locale
from newsdesk.render.page import load_theme
from tests.conftest import REPO
from tests.newsroom import populate

LOCALE_DIR = REPO / "src" / "newsdesk" / "resources" / "locale"

# What a reader of each language sees: the masthead's date for 2026-03-01 (a Sunday), the
# modules' titles, and the direction of the page.
EXPECTED = {
    "en-GB": ("Sunday, March 1, 2026", "Read more", "Most popular", "Topics", "By", "ltr"),
    "de-DE": ("Sonntag, 1. März 2026", "Mehr zum Thema", "Meistgelesen", "Themen", "Von", "ltr"),
    "fr-FR": ("dimanche 1 mars 2026", "À lire aussi", "Les plus lus", "Thèmes", "Par", "ltr"),
    "es-ES": ("domingo, 1 de marzo de 2026", "Lea también", "Lo más leído", "Temas", "Por", "ltr"),
    "ar": ("الأحد، 1 مارس 2026", "اقرأ أيضًا", "الأكثر قراءة", "مواضيع", "بقلم", "rtl"),
}


def _set_locale(ctx, locale: str) -> None:
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(locale=locale))


def _check_html(html: str, where: str) -> BeautifulSoup:
    """The export tests' checks: strict HTML5, heading levels, alt text."""
    html5lib.HTMLParser(strict=True).parse(html)  # raises on any parse error
    soup = BeautifulSoup(html, "html5lib")
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels and levels[0] == 1, where
    for prev, cur in itertools.pairwise(levels):
        assert cur <= prev + 1, (where, levels)
    assert all(img.get("alt") is not None for img in soup.find_all("img")), where
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), where
    return soup


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same newsroom exported as a site in each of the five languages."""
    from newsdesk.services.opening import open_context

    out: dict[str, Path] = {}
    root = tmp_path_factory.mktemp("locales")
    ctx = open_context(str(root / "lib.newsdesk"), seed=False)
    try:
        with ctx.session() as s:
            populate(s, 9)
            create_article(
                s,
                ArticleRecord(
                    headline="مؤتمر الدوحة يختتم أعماله",
                    body="اختتم المؤتمر أعماله مساء الأحد.",
                    section="World",
                    byline=["ليلى حداد", "عمر خالد", "سارة يوسف"],
                    language="ar",
                    status="published",
                    published_at=datetime(2026, 3, 1, 5, 0, tzinfo=UTC),
                ),
            )
        for locale in EXPECTED:
            _set_locale(ctx, locale)
            with ctx.session() as s:
                export_site(s, root / locale, load_theme(ctx.resources), base_url="")
            out[locale] = root / locale
    finally:
        ctx.close()
    return out


@pytest.mark.parametrize("locale", list(EXPECTED))
def test_every_page_of_the_site_is_valid_in_each_language(sites, locale: str) -> None:
    site = sites[locale]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    direction = EXPECTED[locale][-1]
    for page in pages:
        soup = _check_html(page.read_text(encoding="utf-8"), str(page.relative_to(site)))
        assert soup.html["lang"] == locale, page
        assert soup.html["dir"] == direction, page


@pytest.mark.parametrize("locale", list(EXPECTED))
def test_article_labels_and_dates_follow_the_locale(sites, locale: str) -> None:
    date, read_more, popular, topics, by, _ = EXPECTED[locale]
    page = sites[locale] / "articles" / "story-number-0-a-headline-with-quotes-ampersands"
    soup = BeautifulSoup((page / "index.html").read_text(encoding="utf-8"), "html5lib")
    assert soup.select_one(".masthead__date").get_text(strip=True) == date
    titles = [h.get_text(strip=True) for h in soup.select("h2.module__title")]
    assert read_more in titles and popular in titles
    assert soup.select_one(".topics__title").get_text(strip=True) == topics
    assert soup.select_one(".byline").get_text(" ", strip=True).startswith(by + " ")
    # The English story keeps its own language inside a page in another one.
    article = soup.select_one("article.article")
    if locale.startswith("en"):
        assert article.get("lang") is None
    else:
        assert (article["lang"], article["dir"]) == ("en", "ltr")


def test_arabic_article_on_an_arabic_site(sites) -> None:
    page = sites["ar"] / "articles" / "mutmr-ldwhh-ykhttm-mlh" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
    assert (soup.html["lang"], soup.html["dir"]) == ("ar", "rtl")
    assert soup.select_one("article.article").get("lang") is None  # same language as the page
    # three names joined the Arabic way ("و" sticks to the next name)
    byline = " ".join(soup.select_one(".byline").get_text().split())
    assert byline == "بقلم ليلى حداد وعمر خالد وسارة يوسف"
    assert soup.select_one("time.published").get_text(strip=True).startswith("1 مارس 2026 · ")
    # on the English site the same story is marked Arabic and right-to-left on its own
    en = sites["en-GB"] / "articles" / "mutmr-ldwhh-ykhttm-mlh" / "index.html"
    article = BeautifulSoup(en.read_text(encoding="utf-8"), "html5lib").select_one("article")
    assert (article["lang"], article["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize("locale", list(EXPECTED))
def test_listing_pages_are_translated(sites, locale: str) -> None:
    home = BeautifulSoup((sites[locale] / "index.html").read_text(encoding="utf-8"), "html5lib")
    latest = home.select_one("#latest-title").get_text(strip=True)
    assert latest == {"en-GB": "Latest", "de-DE": "Neueste Artikel", "fr-FR": "Dernières nouvelles",
                      "es-ES": "Lo último", "ar": "الأحدث"}[locale]  # fmt: skip
    missing = BeautifulSoup((sites[locale] / "404.html").read_text(encoding="utf-8"), "html5lib")
    heading = missing.find("h1").get_text(strip=True)
    assert heading == {"en-GB": "Page not found", "de-DE": "Seite nicht gefunden",
                       "fr-FR": "Page introuvable", "es-ES": "Página no encontrada",
                       "ar": "الصفحة غير موجودة"}[locale]  # fmt: skip
    assert missing.title.get_text().startswith(heading)


def test_english_keeps_the_house_formats() -> None:
    moment = datetime(2023, 12, 3, 9, 30, tzinfo=UTC)
    en = page_locale("en-GB")
    assert long_date(moment, locale=en) == "Sunday, December 3, 2023"
    assert short_date(moment, en) == "December 3, 2023"
    assert dateline_time(moment, en) == "December 3, 2023 · 09:30 UTC"
    assert list_joiners(3, en) == ["", ", ", " and "]
    de = page_locale("de-DE")
    assert long_date(moment, "{day} {month} {year}", de) == "3 Dezember 2023"
    assert dateline_time(moment, de) == "3. Dezember 2023 · 09:30 UTC"


@pytest.mark.parametrize("tag", ["en", "en-GB", "en-US", "en-IN", "de-DE", "fr-CH"])
def test_numbers_and_direction_are_what_babel_says(tag: str) -> None:
    from babel import Locale
    from babel.numbers import format_decimal

    loc = page_locale(tag)
    values = [*range(-2001, 2002, 13), 0, 12345, 10**9, -(10**12), 2.5, 1234.5678]
    assert [format_number(v, loc) for v in values] == [
        format_decimal(v, locale=loc.tag.replace("-", "_")) for v in values
    ]
    assert loc.direction == Locale.parse(loc.tag.replace("-", "_")).text_direction


def test_an_english_page_needs_no_locale_data() -> None:
    """English pages (the default locale) are left to right and number their pages as Python
    does, known without loading CLDR's data (~10 ms of a one-edit site re-export)."""
    probe = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "import babel.localedata as data\n"
        "from newsdesk.render.dates import dateline_time, long_date, short_date\n"
        "from newsdesk.render.locale import format_number, page_locale, translations\n"
        "loc = page_locale('en-GB')\n"
        "assert (loc.direction, format_number(12345, loc), format_number(7)) == "
        "('ltr', '12,345', '7')\n"
        "when = datetime(2023, 12, 3, 9, 30, tzinfo=UTC)\n"
        "assert long_date(when, locale=loc) == 'Sunday, December 3, 2023'\n"
        "assert (short_date(when, loc), dateline_time(when, loc)) == "
        "('December 3, 2023', 'December 3, 2023 · 09:30 UTC')\n"
        "assert translations(loc).gettext('Read more') == 'Read more'\n"
        "print(sorted(data._cache), sorted(m for m in sys.modules if m.startswith('babel.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # No CLDR data, and of Babel only its core (Babel's dates, numbers, lists and support
    # modules were ~3 ms of every English re-export's start).
    assert done.stdout.strip() == "[] ['babel.core', 'babel.localedata', 'babel.plural']"


def test_old_library_with_only_a_language_gets_that_language() -> None:
    assert page_locale("en-GB", "de").tag == "de"
    assert page_locale("fr-CA", "en").tag == "fr-CA"
    assert page_locale("xx-notalocale").tag == "en-GB"  # never fails a render
    assert page_locale("de_at").tag == "de-AT"


def test_locale_setting_is_checked_and_brings_its_language() -> None:
    changed = SiteSettings().with_changes(locale="ar")
    assert (changed.locale, changed.language) == ("ar", "ar")
    assert SiteSettings().with_changes(locale="de-AT", language="en").language == "en"
    with pytest.raises(UserError, match="Unknown locale"):
        SiteSettings().with_changes(locale="xx-notalocale")


def test_preview_renders_right_to_left(ctx) -> None:
    _set_locale(ctx, "ar")
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="مؤتمر الدوحة", body="نص.", language="ar"))
        html = render_article_page(s, rec.id, PREVIEW_LINKER, load_theme(ctx.resources))
    soup = _check_html(html, "preview")
    assert (soup.html["lang"], soup.html["dir"]) == ("ar", "rtl")


# ------------------------------------------------------------------ the catalogues


def _template_labels() -> set[str]:
    method_map = [
        ("src/newsdesk/resources/themes/**/templates/**.html", "jinja2"),
        ("src/newsdesk/**.py", "python"),
    ]
    found: set[str] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(REPO), method_map, keywords={"_": None, "gettext": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_every_label_is_translated(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "newsdesk.po").open("rb") as f:
        catalog = read_po(f)
    labels = _template_labels()
    assert "Read more" in labels and "Most popular" in labels
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    assert labels - set(translated) == set(), "run scripts/page_labels.sh and translate"
    for msgid, text in translated.items():  # the same %(name)s fields on both sides
        assert sorted(re.findall(r"%\(\w+\)s", msgid)) == sorted(re.findall(r"%\(\w+\)s", text))


def test_compiled_catalogues_are_kept_by_the_digest_of_their_po(tmp_path, monkeypatch) -> None:
    """A catalogue compiled once is read back without Babel's reader; a changed ``.po`` or a
    damaged kept file is compiled again, never served stale."""
    import babel.messages.pofile

    from newsdesk.render import locale as locale_mod

    po = tmp_path / "newsdesk.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Read more"\nmsgstr "Weiterlesen"\n',
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    cache.mkdir()
    assert locale_mod.compile_po(po, cache).gettext("Read more") == "Weiterlesen"
    assert len(list(cache.iterdir())) == 1  # kept

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(babel.messages.pofile, "read_po", refuse)
    assert locale_mod.compile_po(po, cache).gettext("Read more") == "Weiterlesen"
    monkeypatch.undo()

    po.write_text(po.read_text(encoding="utf-8").replace("Weiterlesen", "Mehr"), encoding="utf-8")
    assert locale_mod.compile_po(po, cache).gettext("Read more") == "Mehr"
    for path in cache.iterdir():
        path.write_bytes(path.read_bytes()[:-5] + b"xxxxx")  # damaged
    assert locale_mod.compile_po(po, cache).gettext("Read more") == "Mehr"
