"""The panes show what is saved and what is typed (issue 11's defects), each driven as a person
drives the window: the preview follows every field, the history list follows new revisions,
a click in the preview lands on the clicked block, a theme switch restyles the editor."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article
from tests.ui.events import handle_posted_events
from tests.ui.test_mainwindow import _open_new, _stored
from tests.ui.test_mainwindow_wiring import _js


def _published(ctx, headline: str, tags: list[str], body: str = "Text.") -> int:
    with ctx.session() as s:
        rec = create_article(
            s,
            ArticleRecord(
                headline=headline,
                body=body,
                tags=tags,
                status="published",
                published_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
            ),
        )
    assert rec.id is not None
    return rec.id


def _open(qtbot, window, article_id: int) -> None:
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article_id)
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)


def _topics(qtbot, window) -> list[str]:
    return _js(qtbot, window, "[...document.querySelectorAll('.topics li')].map(e => e.innerText)")


def test_a_removed_tag_leaves_the_preview_without_reopening(ctx, qtbot, make_window):
    article = _published(ctx, "Storm closes the bridge", ["Weather", "Transport"])
    window = make_window(ctx)
    _open(qtbot, window, article)
    qtbot.waitUntil(lambda: _topics(qtbot, window) == ["Weather", "Transport"], timeout=10000)
    window.metadata.tags.remove_tag("Weather")  # the chip's × button
    qtbot.waitUntil(lambda: _topics(qtbot, window) == ["Transport"], timeout=3000)
    qtbot.waitUntil(lambda: _stored(ctx, article).tags == ["Transport"], timeout=5000)
    assert _topics(qtbot, window) == ["Transport"]  # and it stays so once saved


def test_read_more_appears_on_a_new_article_as_its_tag_is_typed(ctx, qtbot, make_window):
    _published(ctx, "Ferries cancelled for the weekend", ["Transport"])
    window = make_window(ctx)
    _open_new(qtbot, window)
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)
    assert not _js(qtbot, window, "!!document.querySelector('.module--read-more')")
    window.metadata.tags.input.setFocus()
    qtbot.keyClicks(window.metadata.tags.input, "Transport")
    qtbot.keyClick(window.metadata.tags.input, Qt.Key.Key_Return)

    def read_more() -> str:
        found = _js(
            qtbot,
            window,
            "(document.querySelector('.module--read-more') || {innerText: ''}).innerText",
        )
        return found or ""

    qtbot.waitUntil(lambda: "Ferries cancelled" in read_more(), timeout=3000)
    assert _topics(qtbot, window) == ["Transport"]


def test_the_history_list_follows_new_revisions(sample_ctx, qtbot, make_window, prompts):
    window = make_window(sample_ctx)
    first = window.library.model.rows[0].id
    _open(qtbot, window, first)
    window.act_history.trigger()
    qtbot.waitUntil(lambda: window.history.article_id == first)
    assert window.ui_ctx.tasks.wait(10000)  # the listing is done …
    handle_posted_events(qtbot)  # … and shown
    with sample_ctx.session() as s:
        before = len(revisions.list_revisions(s, first))
    assert window.history.list.topLevelItemCount() == before
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor.text_edit, " Saved on purpose.")
    with qtbot.waitSignal(window.explicit_save_recorded, timeout=10000):
        qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.history.list.topLevelItemCount() == before + 1, timeout=2000)
    # a revision thinned away elsewhere: clicking it refreshes the list, no error box
    from newsdesk.storage.models import ArticleRevision

    with sample_ctx.session() as s:
        newest = revisions.list_revisions(s, first)[0].id
        s.delete(s.get(ArticleRevision, newest))
    window.history.item_for(newest).setSelected(True)
    qtbot.waitUntil(lambda: window.history.list.topLevelItemCount() == before, timeout=2000)
    assert not [a for a in prompts.asked if a[0] == "error"]


def _center_of(qtbot, window, selector: str) -> QPoint:
    x, y = _js(
        qtbot,
        window,
        f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
        " return [r.left + 5, r.top + r.height / 2]; })()",
    )
    zoom = window.preview.view.zoomFactor()
    return QPoint(int(x * zoom), int(y * zoom))


def test_a_click_in_the_preview_puts_the_cursor_in_that_paragraph(ctx, qtbot, make_window):
    long = " ".join(["A sentence long enough to wrap in a narrow editor column."] * 8)
    paragraphs = [f"Paragraph {i}. {long}" for i in range(12)]
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Long", body="\n\n".join(paragraphs)))
    window = make_window(ctx)
    window.resize(1366, 768)
    _open(qtbot, window, rec.id)
    window.preview.scroll_to_source_line(14)  # paragraph 7 (source lines 0, 2, 4, …)
    qtbot.waitUntil(lambda: _js(qtbot, window, "window.scrollY") > 0, timeout=5000)
    scrolled = _js(qtbot, window, "window.scrollY")
    target = ".article-body > [data-src-line='14']"
    with qtbot.waitSignal(window.preview.source_line_clicked, timeout=10000):
        QTest.mouseClick(
            window.preview.view.focusProxy(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            _center_of(qtbot, window, target),
        )
    block = window.editor.text_edit.textCursor().block()
    assert block.text().startswith("Paragraph 7.")
    # The click moved the cursor, and a cursor move asks the page to scroll, before the signal
    # above returned; scripts run in the page in order, so this reading comes after that scroll.
    assert abs(_js(qtbot, window, "window.scrollY") - scrolled) < 2


MAPPED = "document.querySelectorAll('.article-body > [data-src-line]').length"


def _three_paragraphs_shown(ctx, qtbot, make_window):
    """A window showing a three-paragraph article, its blocks mapped in the preview."""
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Long", body="One.\n\nTwo.\n\nThree."))
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    qtbot.waitUntil(lambda: _js(qtbot, window, MAPPED) == 3, timeout=20000)
    return window


def test_a_load_reported_before_the_article_is_there_does_not_leave_it_out(ctx, qtbot, make_window):
    """CI saw Chromium report the article's URL finished while the page before it was still in
    the view; the preview took it as shown, and the real load then reset what followed (the
    scroll). The report is replayed here on a page whose body is gone."""
    window = _three_paragraphs_shown(ctx, qtbot, make_window)
    _js(qtbot, window, "document.querySelector('.article-body').remove(), 0")
    window.preview.page.loadFinished.emit(True)
    qtbot.waitUntil(lambda: _js(qtbot, window, MAPPED) == 3, timeout=10000)


def test_a_theme_switch_restyles_the_editor_at_once(ctx, qtbot, make_window):
    from newsdesk.ui.theme import apply_theme

    app = QApplication.instance()
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Dark", body="> A quote with [a link](x)."))
    window = make_window(ctx)
    apply_theme(app, "light")
    try:
        _open(qtbot, window, rec.id)
        edit = window.editor.text_edit

        def marker_lightness() -> int:  # the quote's ">" marker
            formats = edit.document().firstBlock().layout().formats()
            first = min(formats, key=lambda f: f.start)
            assert first.start == 0
            return first.format.foreground().color().lightness()

        assert marker_lightness() < 128
        apply_theme(app, "dark")
        qtbot.waitUntil(lambda: edit.palette().color(QPalette.ColorRole.Text).lightness() > 128)
        qtbot.waitUntil(lambda: marker_lightness() > 128, timeout=1000)
    finally:
        apply_theme(app, "light")


def test_the_quit_anyway_question_goes_away_once_the_save_succeeds(
    ctx, db_path, qtbot, make_window, prompts, unwritable
):
    window = make_window(ctx)
    rec = _open_new(qtbot, window)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")
    window.ui_ctx.tasks.wait()
    window.watcher.stop()  # its read-only connection too
    ctx.library.engine.dispose()  # no open connection: the WAL folds back into the file
    with unwritable(db_path):
        qtbot.keyClicks(window.editor.text_edit, "Words that must survive")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved:"), timeout=5000)
        window.close()
        assert window.isVisible()  # it asks first
        assert [q for q in prompts.questions if q.open]
    # the retry saves while the question is up: the question goes, and so does the window
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=8000)
    assert prompts.questions[-1].withdrawn
    assert _stored(ctx, rec.id).body == "Words that must survive"


def test_quit_without_saving_when_the_person_says_so(
    ctx, db_path, qtbot, make_window, prompts, unwritable
):
    window = make_window(ctx)
    _open_new(qtbot, window)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved")
    window.ui_ctx.tasks.wait()
    window.watcher.stop()  # its read-only connection too
    ctx.library.engine.dispose()
    with unwritable(db_path):
        qtbot.keyClicks(window.editor.text_edit, "Lost on purpose")
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved:"), timeout=5000)
        window.close()
        prompts.questions[-1].answer(True)
        assert not window.isVisible()


def test_the_conflict_dialog_shows_both_versions_and_three_answers(qtbot):
    from PySide6.QtWidgets import QPushButton

    from newsdesk.ui.conflict import ConflictDialog
    from newsdesk.ui.prompts import VersionChoice

    theirs = {"Headline": "Ferry", "Body": "The ferry sails at noon."}
    mine = {"Headline": "Ferry strike", "Body": "The ferry sails at dawn."}
    options = ["Keep mine", "Take theirs", "Keep both"]
    dialog = ConflictDialog(
        VersionChoice("Changed elsewhere", "Which stays?", theirs, mine, options)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(QTextBrowser).toPlainText()
    assert "noon" in text and "dawn" in text and "Ferry strike" in text
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert set(options) <= set(buttons)
    buttons["Keep both"].click()
    assert dialog.choice == "Keep both" and not dialog.isVisible()


def test_a_set_up_script_that_gives_no_answer_is_asked_again(ctx, qtbot, make_window):
    """Seen on CI: the page's set-up answered "()" (its script not there yet); the preview took
    the page as shown with its blocks unmapped, for good."""
    window = _three_paragraphs_shown(ctx, qtbot, make_window)
    unmap = "document.querySelectorAll('[data-src-line]').forEach(e => e.removeAttribute('data-src-line'))"
    _js(qtbot, window, f"(window.__ndInit = __nd.init, __nd.init = undefined, {unmap}, 0)")
    assert _js(qtbot, window, MAPPED) == 0
    window.preview.page.loadFinished.emit(True)  # its set-up is asked for, and fails
    _js(qtbot, window, "(__nd.init = window.__ndInit, 0)")  # runs after that attempt
    qtbot.waitUntil(lambda: _js(qtbot, window, MAPPED) == 3, timeout=10000)


def _wheel(widget, notches: int) -> None:
    """A mouse wheel turned over the middle of ``widget`` (negative: towards the person)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    at = QPointF(widget.rect().center())
    event = QWheelEvent(
        at, QPointF(widget.mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_scrolling_the_inspector_over_its_fields_changes_nothing(ctx, qtbot, make_window):
    """Seen when tried as a person: the wheel, scrolling the inspector down to the image,
    passed over the Status box and archived the article (and over Section, Language and
    Publish at, changed them). A field the person has not clicked lets the wheel scroll the
    inspector; one they are in still takes it."""
    window = make_window(ctx)
    rec = _open_new(qtbot, window)
    meta, area = window.metadata, window.metadata_area
    window.editor.text_edit.setFocus()
    qtbot.waitUntil(window.editor.text_edit.hasFocus)
    meta.section.setCurrentText("")
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0  # the inspector is taller than its place: it scrolls
    before = (meta.status.currentData(), meta.section.currentText(),
              meta.language_code(), meta.publish_at.dateTime())  # fmt: skip
    for field in (meta.status, meta.section, meta.language, meta.publish_at):
        bar.setValue(0)
        _wheel(field, -2)
        handle_posted_events(qtbot)
        assert bar.value() > 0, field  # the inspector scrolled …
    after = (meta.status.currentData(), meta.section.currentText(),
             meta.language_code(), meta.publish_at.dateTime())  # fmt: skip
    assert after == before  # … and no field changed
    meta.status.setFocus()  # in the field, the wheel still chooses
    qtbot.waitUntil(meta.status.hasFocus)
    _wheel(meta.status, -1)
    chosen = meta.status.currentData()
    assert chosen != "draft"
    qtbot.waitUntil(lambda: _stored(ctx, rec.id).status == chosen, timeout=5000)
