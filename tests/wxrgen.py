"""A generated WordPress export (WXR 1.2) of any size, for the archive-scale test and bench.

Every post has a category (or "Uncategorized"), one to four tags, an author, GMT dates, an
excerpt and an HTML body with an image by URL; a page and an attachment are mixed in, as real
exports have them. ``expected(i)`` says what post ``i`` must become in the library.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CATEGORIES = ["Local", "Politics", "Business", "Sport", "Culture", "Science", "Weather", "Opinion"]
TAGS = [f"Topic {i:03d}" for i in range(300)] + ["Zürich", "São Paulo", "Ærø ferries"]
AUTHORS = [(f"writer{i}", f"Writer Number {i}") for i in range(25)]
WORDS = [
    "council",
    "harbour",
    "ferry",
    "fares",
    "budget",
    "school",
    "water",
    "bridge",
    "rail",
    "storm",
    "tide",
    "election",
    "mayor",
    "market",
    "port",
    "freight",
    "housing",
    "clinic",
    "festival",
    "league",
    "season",
    "drought",
    "wind",
    "solar",
]
START = datetime(2012, 1, 1, tzinfo=UTC)
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Archive Herald</title>
  <wp:wxr_version>1.2</wp:wxr_version>
"""


def expected(i: int) -> dict[str, Any]:
    rng = random.Random(i)
    category = rng.choice([*CATEGORIES, "Uncategorized"])
    published = START + timedelta(minutes=37 * i)
    return {
        "guid": f"https://herald.example/?p={i + 10}",
        "headline": f"Story {i}: " + " ".join(rng.choices(WORDS, k=6)),
        "slug": f"story-{i}",
        "section": None if category == "Uncategorized" else category,
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "author": AUTHORS[i % len(AUTHORS)],
        "published_at": published,
        "updated_at": published + timedelta(hours=rng.randint(0, 48)),
        "status": "draft" if i % 50 == 7 else "published",
        "image": f"https://herald.example/wp-content/uploads/{i}.jpg",
        "paragraphs": [" ".join(rng.choices(WORDS, k=rng.randint(30, 70))) for _ in range(5)],
    }


def _item(i: int) -> str:
    e = expected(i)
    body = "".join(f"<p>{p}.</p>\n\n" for p in e["paragraphs"][:2])
    body += f'<img src="{e["image"]}" alt="Picture {i}" />\n\n'
    body += "".join(f"<p>{p}.</p>\n\n" for p in e["paragraphs"][2:])
    gmt = e["published_at"].strftime("%Y-%m-%d %H:%M:%S")
    modified = e["updated_at"].strftime("%Y-%m-%d %H:%M:%S")
    tags = "".join(
        f'<category domain="post_tag" nicename="t"><![CDATA[{t}]]></category>' for t in e["tags"]
    )
    category = e["section"] or "Uncategorized"
    return f"""  <item>
    <title>{escape(e["headline"])}</title>
    <link>https://herald.example/{e["slug"]}/</link>
    <dc:creator><![CDATA[{e["author"][0]}]]></dc:creator>
    <guid isPermaLink="false">{e["guid"]}</guid>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <excerpt:encoded><![CDATA[{e["paragraphs"][0][:120]}]]></excerpt:encoded>
    <wp:post_id>{i + 10}</wp:post_id>
    <wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>
    <wp:post_modified_gmt><![CDATA[{modified}]]></wp:post_modified_gmt>
    <wp:post_name><![CDATA[{e["slug"]}]]></wp:post_name>
    <wp:status><![CDATA[{"draft" if e["status"] == "draft" else "publish"}]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="c"><![CDATA[{category}]]></category>{tags}
  </item>
"""


def write_wxr(path: Path, posts: int) -> Path:
    """Write an export of ``posts`` posts (plus a page and an attachment) to ``path``."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for login, name in AUTHORS:
            out.write(
                f"  <wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>"
                f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n"
            )
        out.write(
            "  <item><title>About us</title><guid>https://herald.example/?page_id=2</guid>"
            "<content:encoded><![CDATA[A page.]]></content:encoded>"
            "<wp:post_type><![CDATA[page]]></wp:post_type></item>\n"
            "  <item><title>ferry.jpg</title><guid>https://herald.example/ferry.jpg</guid>"
            "<wp:post_type><![CDATA[attachment]]></wp:post_type></item>\n"
        )
        for i in range(posts):
            out.write(_item(i))
        out.write("</channel>\n</rss>\n")
    return path
