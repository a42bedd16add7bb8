"""``newsdesk theme list|use|new|check`` in a real subprocess: a theme made from the built-in
one, used for export, and a broken copy whose problems are listed with file and line."""

from __future__ import annotations

import json

from newsdesk.core.articles import ArticleRecord, create_article
from tests.conftest import run_cli


def test_new_use_list_and_export_with_an_own_theme(ctx, db_path, tmp_path) -> None:
    with ctx.session() as s:
        create_article(s, ArticleRecord(headline="Seawall approved", body="One."))
    made = run_cli("theme", "new", "harbour", db=db_path)
    assert made.returncode == 0, made.stderr
    folder = ctx.paths.data_dir / "themes" / "harbour"
    css = folder / "static" / "style.css"
    css.write_text(css.read_text() + "\n/* harbour edition */\n")
    listed = json.loads(run_cli("theme", "list", "--json", db=db_path).stdout)
    assert [(t["name"], t["builtin"], t["in_use"]) for t in listed] == [
        ("Default", True, True), ("harbour", False, False)]  # fmt: skip
    assert listed[0]["slots"] and listed[0]["locales"] == ["en"]
    used = run_cli("theme", "use", "harbour", db=db_path)
    assert used.returncode == 0, used.stderr
    assert json.loads(run_cli("theme", "list", "--json", db=db_path).stdout)[1]["in_use"]
    out = tmp_path / "out"
    exported = run_cli("export", "html", "1", "--out", str(out), db=db_path)
    assert exported.returncode == 0, exported.stderr
    assert "harbour edition" in (out / "style.css").read_text()
    clean = run_cli("theme", "check", str(folder), db=db_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "no problems found" in clean.stdout


def test_check_lists_a_template_error_and_a_missing_alt_with_file_and_line(ctx, db_path) -> None:
    assert run_cli("theme", "new", "broken", db=db_path).returncode == 0
    template = ctx.paths.data_dir / "themes" / "broken" / "templates" / "article.html"
    lines = template.read_text().splitlines()
    h1 = next(i for i, line in enumerate(lines) if '<h1 class="headline">' in line)
    lines.insert(h1 + 1, "    <p>{{ article.kicker_text }}</p>")  # no such field
    img = next(i for i, line in enumerate(lines) if "<img src=" in line)
    lines[img] = lines[img].replace("alt=\"{{ image.alt|default('', true) }}\"", "")
    template.write_text("\n".join(lines) + "\n")
    meta = template.parents[1] / "theme.toml"
    meta.write_text(meta.read_text().replace('"date_format"', '"date_format", "horoscope"'))

    checked = run_cli("theme", "check", "broken", "--json", db=db_path)
    assert checked.returncode == 1, checked.stderr
    problems = json.loads(checked.stdout)
    assert {"file": "templates/article.html", "line": h1 + 2, "kind": "template",
            "message": "UndefinedError: 'dict object' has no attribute 'kicker_text'"} in problems  # fmt: skip
    assert {"file": "templates/article.html", "line": img + 1, "kind": "alt",
            "message": "<img> without an alt attribute"} in problems  # fmt: skip
    assert any(p["file"] == "theme.toml" and p["line"] > 1 and "unknown slot 'horoscope'"
               in p["message"] for p in problems)  # fmt: skip
    text = run_cli("theme", "check", "broken", db=db_path).stdout
    assert f"templates/article.html:{h1 + 2}: template: UndefinedError" in text


def test_check_finds_missing_parts_and_parse_errors(ctx, db_path) -> None:
    assert run_cli("theme", "new", "bare", db=db_path).returncode == 0
    folder = ctx.paths.data_dir / "themes" / "bare" / "templates"
    article = folder / "article.html"
    text = article.read_text()
    text = text.replace('<h1 class="headline">{{ article.headline }}</h1>',
                        '<h2 class="headline">{{ article.headline }}</h2></span>')  # fmt: skip
    text = text.replace('_("Read more")', '"More"')  # the read-more module's title
    article.write_text(text)
    base = folder / "base.html"
    base.write_text(base.read_text().replace("<footer", "<div").replace("</footer>", "</div>"))
    problems = json.loads(run_cli("theme", "check", "bare", "--json", db=db_path).stdout)
    messages = {p["message"].split(" (article")[0] for p in problems if p["kind"] == "missing"}
    assert messages == {"the headline is not in an <h1>", 'no "Read more" list of related articles',
                        "no contentinfo landmark (<footer> or role=contentinfo)"}  # fmt: skip
    assert any(p["kind"] == "html" and p["file"].startswith("page articles/") for p in problems)
