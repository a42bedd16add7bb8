"""Slugs from headlines in every script: kept as letters (IRI slugs) or transliterated, by the
site's ``slug_style``; and the site export puts each article at the URL its slug names."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from newsdesk.core.articles import ArticleRecord, create_article, update_article
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.core.taxonomy import add_section
from newsdesk.domain.slugs import slugify
from newsdesk.errors import UserError
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme

# (headline, unicode slug, ascii slug): six scripts and a German sharp s
HEADLINES = [
    ("مؤتمر الدوحة", "مؤتمر-الدوحة", "mutmr-ldwhh"),  # Arabic
    ("Встреча в Дохе", "встреча-в-дохе", "vstrecha-v-dokhe"),  # Cyrillic
    ("Συνάντηση στη Ντόχα", "συνάντηση-στη-ντόχα", "synantisi-sti-ntocha"),  # Greek
    ("東京で会議", "東京で会議", "dongjingdehuiyi"),  # Japanese (kanji + kana)
    ("नई दिल्ली में बैठक", "नई-दिल्ली-में-बैठक", "ni-dilli-mem-baithk"),  # Devanagari
    ("פגישה בדוחא", "פגישה-בדוחא", "fgysh-vdvh"),  # Hebrew
    ("Straße in Köln", "straße-in-köln", "strasse-in-koln"),  # Latin with ß and umlaut
]


@pytest.mark.parametrize(("headline", "iri", "ascii_slug"), HEADLINES)
def test_every_script_makes_a_slug_in_both_styles(headline: str, iri: str, ascii_slug: str) -> None:
    assert slugify(headline, style="unicode") == iri
    assert slugify(headline, style="ascii") == ascii_slug
    assert slugify(headline) == ascii_slug  # ascii is the default style


def test_strasse_becomes_strasse() -> None:
    assert slugify("Straße") == "strasse"


@pytest.mark.parametrize("style", ["ascii", "unicode"])
def test_punctuation_apostrophes_and_joiners(style: str) -> None:
    assert slugify("Qatar’s new sea wall — explained", style=style) == (
        "qatars-new-sea-wall-explained"
    )
    assert slugify("  --!?--  ", style=style) == "untitled"
    # A slug slugified again stays the same: saving an article twice never moves its URL.
    for headline, *_ in HEADLINES:
        once = slugify(headline, style=style)
        assert slugify(once, style=style) == once


def test_unicode_style_drops_tatweel_and_zero_width_non_joiner() -> None:
    assert slugify("الـدوحة", style="unicode") == "الدوحة"
    assert slugify("می\u200cخواهم", style="unicode") == "میخواهم"


def test_long_headlines_are_cut_at_a_word() -> None:
    headline = " ".join(["встреча"] * 30)
    slug = slugify(headline, style="unicode", max_length=40)
    assert len(slug) <= 40 and not slug.endswith("-")
    assert set(slug.split("-")) == {"встреча"}


def test_site_setting_chooses_the_style(ctx) -> None:
    with ctx.session() as s:
        assert create_article(s, ArticleRecord(headline="Встреча в Дохе")).slug == (
            "vstrecha-v-dokhe"
        )
        save_settings(s, load_settings(s).with_changes(slug_style="unicode"))
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Встреча в Дохе"))
        assert rec.slug == "встреча-в-дохе"
        assert add_section(s, "Политика").slug == "политика"
        again = create_article(s, ArticleRecord(headline="Встреча в Дохе"))
        assert again.slug == "встреча-в-дохе-2"
        # a slug typed by hand is cleaned in the same style
        changed = update_article(s, rec.id, {"slug": "Встреча Дохе 2026"})
        assert changed.slug == "встреча-дохе-2026"


def test_unknown_slug_style_is_refused(ctx) -> None:
    with ctx.session() as s, pytest.raises(UserError, match="slug_style"):
        load_settings(s).with_changes(slug_style="klingon")


def test_iri_slugs_are_the_site_export_urls(ctx, tmp_path: Path) -> None:
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(slug_style="unicode"))
    with ctx.session() as s:
        recs = [
            create_article(
                s,
                ArticleRecord(
                    headline=h, body="Text.", status="published", section="العالم", tags=[h]
                ),
            )
            for h, *_ in HEADLINES[:3]
        ]
    with ctx.session() as s:
        export_site(s, tmp_path / "site", load_theme(ctx.resources))
    site = tmp_path / "site"
    for rec, (_, iri, _) in zip(recs, HEADLINES, strict=False):
        assert rec.slug == iri
        page = site / "articles" / iri / "index.html"
        assert page.is_file()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html5lib")
        for a in soup.select("a[href]"):
            href = a["href"]
            if "://" in href or href.startswith("#"):
                continue
            target = (page.parent / unquote(href.split("#")[0])).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), href
    assert (site / "sections" / "العالم" / "index.html").is_file()
