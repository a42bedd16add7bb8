"""Two processes on one library file: what the other one saves shows here within 2 s, in
the library list and in the open article (the other process is the real ``newsdesk`` CLI)."""

from __future__ import annotations

from newsdesk.core.articles import ArticleRecord, create_article
from tests.conftest import run_cli


def _headlines(window) -> list[str]:
    return [row.headline for row in window.library.model.rows]


def test_an_edit_in_another_process_shows_in_the_list_and_the_open_article(
    ctx, db_path, qtbot, make_window
):
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
        create_article(s, ArticleRecord(headline="Harbour cranes", body="Back."))
    window = make_window(ctx)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(rec.id)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")

    other = run_cli(
        "article", "edit", str(rec.id), "--headline", "Ferry strike ends",
        "--body-file", "-", db=db_path, input="Crews returned at dawn.",
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    # The watcher polls every 500 ms: the change shows well within the wait (no stopwatch).
    qtbot.waitUntil(lambda: "Ferry strike ends" in _headlines(window), timeout=5000)
    qtbot.waitUntil(lambda: window.editor.markdown() == "Crews returned at dawn.", timeout=5000)
    assert window.metadata.headline.text() == "Ferry strike ends"

    added = run_cli("article", "add", "--headline", "Storm closes bridge", db=db_path)
    assert added.returncode == 0, added.stderr
    qtbot.waitUntil(lambda: "Storm closes bridge" in _headlines(window), timeout=2000)
    # and the person's own typing afterwards saves on top of the other process's version
    window.editor.text_edit.setFocus()
    qtbot.keyClicks(window.editor.text_edit, "Now: ")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    assert window.ui_ctx.prompts.asked == [] or all(
        kind != "choose_version" for kind, *_ in window.ui_ctx.prompts.asked
    )


def test_two_windows_on_one_library_follow_each_other(ctx, qtbot, make_window):
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
    first, second = make_window(ctx), make_window(ctx)
    for window in (first, second):
        with qtbot.waitSignal(window.article_opened, timeout=10000):
            window.open_article(rec.id)
    first.metadata.headline.setFocus()
    first.metadata.headline.selectAll()
    qtbot.keyClicks(first.metadata.headline, "Ferry strike ends")
    qtbot.waitUntil(lambda: first.save_label.text() == "Saved", timeout=5000)
    qtbot.waitUntil(lambda: second.metadata.headline.text() == "Ferry strike ends", timeout=2000)
    qtbot.waitUntil(lambda: "Ferry strike ends" in _headlines(second), timeout=2000)
