"""Generated archives of single files, for the bulk import tests and ``bench/bench_import.py``:
ninjs items (one JSON file each) and a Jekyll site (``_posts/YYYY-MM-DD-slug.md``), with the
same stories as ``tests/wxrgen.py`` (``expected(i)``).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from tests.wxrgen import expected


def item_uuid(i: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://wire.example/{i}"))


def write_ninjs(folder: Path, items: int) -> list[Path]:
    """``items`` ninjs 2.1 files: headline, byline, section, tags, dates, an HTML body."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(items):
        e = expected(i)
        body = "".join(f"<p>{p}.</p>\n" for p in e["paragraphs"])
        subjects = [{"name": t, "rel": "about"} for t in e["tags"]]
        if e["section"]:
            subjects.append({"name": e["section"], "rel": "section"})
        item = {
            "uri": f"urn:uuid:{item_uuid(i)}",
            "type": "text",
            "headlines": [{"role": "main", "value": e["headline"]}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
            "people": [{"name": e["author"][1], "rel": "author"}],
            "subjects": subjects,
            "slugline": e["slug"],
            "pubstatus": "usable" if e["status"] == "published" else "withheld",
            "firstcreated": e["published_at"].isoformat(),
            "versioncreated": e["updated_at"].isoformat(),
            "contentcreated": e["published_at"].isoformat(),
            "language": "en",
        }
        path = folder / f"item-{i:06d}.json"
        path.write_text(json.dumps(item), encoding="utf-8")
        paths.append(path)
    return paths


def write_jekyll(folder: Path, posts: int, *, image: bytes | None = None) -> Path:
    """A Jekyll site of ``posts`` posts; with ``image``, every tenth post shows it (beside it)."""
    posts_dir = folder / "_posts"
    posts_dir.mkdir(parents=True, exist_ok=True)
    if image is not None:
        (posts_dir / "photo.png").write_bytes(image)
    for i in range(posts):
        e = expected(i)
        tags = ", ".join(json.dumps(t) for t in e["tags"])
        front = [f"title: {json.dumps(e['headline'])}", f"tags: [{tags}]"]
        if e["section"]:
            front.append(f"categories: [{json.dumps(e['section'])}]")
        front.append(f"author: {json.dumps(e['author'][1])}")
        paragraphs = list(e["paragraphs"])
        if image is not None and i % 10 == 0:
            paragraphs.insert(1, f"![Picture {i}](photo.png)")
        day = e["published_at"].strftime("%Y-%m-%d")
        text = "---\n" + "\n".join(front) + "\n---\n" + "\n\n".join(paragraphs) + "\n"
        (posts_dir / f"{day}-{e['slug']}.md").write_text(text, encoding="utf-8")
    return folder
