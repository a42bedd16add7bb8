"""The sitemap written as text is byte for byte what ElementTree writes for the same tree,
hostile addresses included (escaping, characters XML does not allow, non-ASCII)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from newsdesk.export import feeds


def _tree_sitemap(urls: list[tuple[str, str]]) -> bytes:
    """The sitemap as the XML library builds, escapes and indents it."""
    urlset = ET.Element("urlset", {"xmlns": feeds.SITEMAPS})
    for url, modified in urls:
        entry = feeds._add(urlset, "url")
        feeds._add(entry, "loc", url)
        if modified:
            feeds._add(entry, "lastmod", modified)
    return feeds._document(urlset)


@pytest.mark.parametrize(
    "urls",
    [
        [],
        [("https://news.example.org/articles/a-story/", "2026-01-02T03:04:05Z")],
        [("https://x.example/?a=1&b=<2>", ""), ("q\"u'o]]>te", "&<>")],
        [
            ("ctrl\x00\x08\x0b\x1f\x7f tab\tnl\ncr\r", ""),
            ("ünïcödé/文字/\ud800\ufffe\U0001f600", "z"),
        ],
        [(f"https://news.example.org/p/{i}/", "" if i % 3 else "2026-05-06") for i in range(40)],
    ],
)
def test_text_sitemap_is_what_the_xml_library_writes(urls) -> None:
    written = feeds.sitemap_of(urls)
    assert written == _tree_sitemap(urls)
    parsed = ET.fromstring(written)  # well-formed, and every address reads back
    read = [e.findtext(f"{{{feeds.SITEMAPS}}}loc") for e in parsed]
    assert read == [feeds._xml(u).replace("\r", "\n") for u, _m in urls]  # XML reads CR as LF
