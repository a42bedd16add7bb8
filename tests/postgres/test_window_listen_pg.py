"""A window on a shared PostgreSQL library hears another desk's changes through LISTEN/NOTIFY
(migration 0012's trigger), not by reading every article's version twice a second: an edit
in a second context on the real server shows in the library list and the open article within
2 s, and so does a new article; with nothing changing, nothing is read."""

from __future__ import annotations

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()


def _headlines(window) -> list[str]:
    return [row.headline for row in window.library.model.rows]


def test_another_desks_edit_and_new_article_arrive_by_notify(ctx, pg_url, qtbot, window_on):
    from newsdesk.core.articles import ArticleRecord, create_article, update_article
    from newsdesk.services.opening import open_context
    from newsdesk.storage.changes import ChangeProbe

    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
    window = window_on(ctx)
    qtbot.waitUntil(lambda: "Ferry strike" in _headlines(window), timeout=10000)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(rec.id)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=10000)
    assert window.watcher._listener is not None  # listening, not polling
    assert not window.watcher._timer.isActive()

    reads: list[int] = []
    real_poll = ChangeProbe.poll

    def counted(self):
        reads.append(1)
        return real_poll(self)

    ChangeProbe.poll = counted  # count the version reads (the real ones still run)
    try:
        # a quiet library reads nothing: no poll timer runs (asserted above), and reads
        # happen only when a notification arrives (counted below)
        assert reads == []
        other = open_context(pg_url)  # another desk on the same database
        try:
            with other.session() as s:
                update_article(s, rec.id, {"headline": "Ferry strike ends", "body": "Back."})
            qtbot.waitUntil(lambda: "Ferry strike ends" in _headlines(window), timeout=2000)
            qtbot.waitUntil(lambda: window.editor.markdown() == "Back.", timeout=2000)
            assert window.metadata.headline.text() == "Ferry strike ends"
            with other.session() as s:
                create_article(s, ArticleRecord(headline="Storm closes bridge", body="Shut."))
            qtbot.waitUntil(lambda: "Storm closes bridge" in _headlines(window), timeout=2000)
        finally:
            other.close()
        assert 1 <= len(reads) <= 6  # read when told, not twice a second
    finally:
        ChangeProbe.poll = real_poll
