"""The body pipeline: what editors write comes out right, and hostile markup does not come out."""

from __future__ import annotations

from bs4 import BeautifulSoup

from newsdesk.render.dateline import format_dateline, insert_dateline
from newsdesk.render.markdown import count_words, render_body

HOSTILE = """Hello <script>window.pwned = 1</script> there.

<img src="x.png" onerror="window.pwned=1"> <a href="javascript:alert(1)">click</a>
<a href="JaVaScRiPt:alert(1)">again</a> <iframe src="https://evil.example/"></iframe>
<div onclick="steal()" style="position:fixed">raw</div> <svg onload="x()"><script>1</script></svg>
<object data="x.swf"></object><embed src="x"><form action="/x"><input></form>
[md link](javascript:alert(2)) ![img](javascript:alert(3))
"""


def test_hostile_body_loses_scripts_handlers_and_js_urls() -> None:
    html = render_body(HOSTILE)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(
        ["script", "iframe", "object", "embed", "form", "input", "svg", "style"]
    )
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), (el.name, attr)
            assert attr != "style" or el.name in {"th", "td"}
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert "javascript:" not in text.lower()
    assert "pwned" not in html and "alert" not in html
    assert "Hello" in soup.get_text() and "raw" in soup.get_text()


def test_editor_markdown_features() -> None:
    md = """# Top heading

Quote: "Hello" -- it's 'fine'...

## Subhead

> “We will build it,” she said.

::: pullquote
The sea does not negotiate.
:::

| Party | Votes |
|:------|------:|
| Blue  | 1,204 |

A claim[^1].

A lead paragraph.
{: .lead }

[^1]: The source.
"""
    soup = BeautifulSoup(render_body(md), "html.parser")
    assert [h.name for h in soup.find_all(["h1", "h2"])] == [
        "h2",
        "h2",
    ]  # the page's h1 is the headline
    assert "“Hello” – it’s ‘fine’…" in soup.get_text()
    assert soup.blockquote is not None and "We will build it" in soup.blockquote.get_text()
    pull = soup.find("aside", class_="pullquote")
    assert pull is not None and pull.get_text(strip=True) == "The sea does not negotiate."
    assert soup.table is not None and soup.table.find("th").get_text() == "Party"
    assert soup.find("div", class_="footnote") is not None
    assert soup.find("p", class_="lead") is not None


def test_dateline_opens_the_first_paragraph() -> None:
    assert format_dateline("Doha, Qatar") == "DOHA, Qatar –"
    assert format_dateline("Doha, Qatar", "caps-emdash") == "DOHA, Qatar —"
    assert format_dateline("Doha, Qatar", "plain-dash") == "Doha, Qatar –"
    assert format_dateline("Doha", "none") == ""
    html = insert_dateline("<h2>x</h2>\n<p>First.</p><p>Second.</p>", "Doha, Qatar")
    soup = BeautifulSoup(html, "html.parser")
    first = soup.find("p")
    assert first.get_text() == "DOHA, Qatar – First."
    assert first.find("span", class_="dateline") is not None
    assert insert_dateline("<p>x</p>", "<b>Evil</b>").count("<b>") == 0


def test_word_count_ignores_markup() -> None:
    assert (
        count_words("## Two words\n\n![alt text](asset:abc) A [link](https://x.example/a-b) here.")
        == 5
    )


def test_cite_urls_and_cell_styles_cannot_carry_script() -> None:
    """Issue 13: ``cite="javascript:…"`` and ``text-align:expression(…)`` used to survive."""
    body = (
        '<blockquote cite="javascript:alert(1)">x</blockquote>\n\n'
        '<p><q cite=" JaVaScript:alert(2)">y</q> <q cite="https://example.org/src">ok</q></p>\n\n'
        "<table><tr>"
        '<td style="text-align:expression(alert(3))">z</td>'
        '<td style="text-align: center">c</td>'
        '<th style="text-align:url(javascript:alert(4))">h</th>'
        "</tr></table>\n"
    )
    html = render_body(body).lower()
    assert "javascript" not in html
    assert "expression" not in html
    assert "url(" not in html
    soup = BeautifulSoup(render_body(body), "html.parser")
    assert soup.find("blockquote").get("cite") is None
    quotes = soup.find_all("q")
    assert quotes[0].get("cite") is None
    assert quotes[1]["cite"] == "https://example.org/src"
    cells = soup.find_all("td")
    assert cells[0].get("style") is None
    assert cells[1]["style"].replace(" ", "") == "text-align:center"
