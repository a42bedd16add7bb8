"""The desktop window on a shared PostgreSQL library, driven like a person: what one desk types
reaches the database by autosave, another desk sees it and finds it by search, the window's
library search finds it, and the real QtWebEngine preview loads its page from the database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()  # before pytest-qt makes the QApplication (a no-op if tests/ui did it)


def test_a_desk_types_into_the_shared_library_and_another_desk_finds_it(
    sample_ctx, pg_url, qtbot, window_on
):
    from newsdesk.core.articles import get_article
    from newsdesk.core.search import search
    from newsdesk.services.opening import open_context

    window = window_on(sample_ctx)
    qtbot.waitUntil(lambda: window.library.model.total > 0, timeout=10000)
    assert window.library.count_label.text().endswith("articles")
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.act_new.trigger()
    rec = window.record
    qtbot.keyClicks(window.metadata.headline, "Lighthouse keepers vote to strike")
    window.editor.text_edit.setFocus()
    qtbot.keyClicks(window.editor.text_edit, "Keepers at Saltmere walked out at dawn.")
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor.text_edit, "The harbour master called it regrettable.")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=10000)

    other_desk = open_context(pg_url)  # a second newsdesk on the same database
    try:
        with other_desk.session() as s:
            stored = get_article(s, rec.id)
            assert stored.headline == "Lighthouse keepers vote to strike"
            assert stored.body.endswith("The harbour master called it regrettable.")
            hits = search(s, "harbour master")
        assert [h.id for h in hits][:1] == [rec.id]
    finally:
        other_desk.close()

    # The preview's page was rendered from the shared library (the typing patches that follow
    # are the same on both databases and are tested with the window on a file library).
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)
    # The library searched from the window finds it too.
    from newsdesk.ui.library.model import ID_ROLE

    with qtbot.waitSignal(window.library.searched, timeout=10000):
        qtbot.keyClicks(window.library.search_box, "lighthouse")
    results = window.library.results
    assert results.rowCount() >= 1 and results.index(0, 0).data(ID_ROLE) == rec.id
