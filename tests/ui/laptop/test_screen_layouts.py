"""The desk on a given screen (run by ``tests/ui/test_layout.py`` in a process whose offscreen
screen is 1366×768; skipped in a plain run, whose screen size is Qt's default)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.events import handle_posted_events
from tests.ui.test_mainwindow import _open_first
from tests.ui.test_mainwindow_wiring import _menu_action

SCREEN = os.environ.get("NEWSDESK_TEST_SCREEN", "")
pytestmark = pytest.mark.skipif(not SCREEN, reason="run with a configured screen")


def _rect(widget):
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return top_left.x(), top_left.y(), widget.width(), widget.height()


def _settle(qtbot, window):
    handle_posted_events(qtbot)  # layouts apply from posted layout requests
    qtbot.waitUntil(lambda: window.editor.text_edit.width() > 0)


def test_default_layout_fits_the_laptop_screen(sample_ctx, qtbot, make_window):
    width, height = (int(n) for n in SCREEN.split("x"))
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    _settle(qtbot, window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert (area.width(), area.height()) == (width, height)
    assert area.contains(window.frameGeometry()) or area.contains(window.geometry())
    edit, preview = window.editor.text_edit, window.preview
    assert edit.width() >= 560 and edit.height() >= 400, _rect(edit)
    assert preview.isVisible() and preview.width() >= 360, _rect(preview)
    assert _rect(preview)[0] >= _rect(edit)[0] + edit.width() - 1  # beside it
    assert window.metadata_area.isVisible()
    # the find bar opens below the text: nothing beside it moves
    before = [_rect(w) for w in (window.metadata_area, preview)] + [_rect(edit)[:3]]
    window.editor.action("find").trigger()
    _settle(qtbot, window)
    assert window.editor.find_bar.isVisible()
    assert [_rect(w) for w in (window.metadata_area, preview)] + [_rect(edit)[:3]] == before


def test_write_edit_and_review_layouts(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    edit, preview = window.editor.text_edit, window.preview
    window.layouts.actions["write"].trigger()
    _settle(qtbot, window)
    assert not preview.isVisible() and not window.metadata_area.isVisible()
    assert not window.library.isVisible()
    assert edit.width() >= window.width() * 0.8  # the editor alone …
    margin = edit.viewportMargins().left()
    assert margin > 50 and abs(margin - edit.viewportMargins().right()) <= 1  # … text centred
    window.layouts.actions["review"].trigger()
    _settle(qtbot, window)
    assert preview.isVisible() and preview.width() > 1.5 * edit.width()
    assert window.inspector_strip.isVisible()  # the inspector collapsed to a strip
    window.layouts.actions["edit"].trigger()
    _settle(qtbot, window)
    assert preview.width() >= 360 and edit.width() >= 560 and window.metadata_area.isVisible()
    window.layouts.actions["review"].trigger()
    window.save_layout()
    assert window.state.value("layout") == "review"  # remembered for this window


def test_the_inspector_wraps_long_headlines_and_tags_without_widening(
    sample_ctx, qtbot, make_window
):
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    _settle(qtbot, window)
    meta, area = window.metadata, window.metadata_area
    meta.headline.setText("Seawall")
    one_line = meta.headline.height()
    meta.headline.setFocus()
    meta.headline.selectAll()
    qtbot.keyClicks(
        meta.headline,
        "Harbour authority approves the long-delayed seawall after a decade of storms, "
        "petitions and three failed votes",
    )
    _settle(qtbot, window)
    assert meta.headline.height() >= 2 * one_line - 8  # it wraps, two or three lines
    assert "\n" not in meta.headline.text()
    meta.tags.add_tag("An extraordinarily long tag name that would push any form sideways")
    _settle(qtbot, window)
    assert meta.width() <= area.viewport().width()  # nothing pushes the form sideways
    assert area.horizontalScrollBar().maximum() == 0


def test_search_library_on_the_laptop_screen_shows_the_library_at_a_usable_width(
    sample_ctx, qtbot, make_window
):
    """Seen when tried as a person at 1366×768: Edit hides the library there, and both Show
    Library (Ctrl+Shift+L) and Search Library (Ctrl+Shift+F) then showed it 4 px wide; the
    search words typed next went nowhere."""
    from tests.ui.test_keyboard import _active, _press

    window = _active(qtbot, make_window(sample_ctx))
    _open_first(qtbot, window)
    _settle(qtbot, window)
    library, edit, preview = window.library, window.editor.text_edit, window.preview
    assert not library.isVisible()  # Edit on a laptop: no library beside the rest
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    _press(qtbot, window, "Ctrl+Shift+F")
    _settle(qtbot, window)
    assert library.isVisible() and library.width() >= 250, _rect(library)
    qtbot.waitUntil(library.search_box.hasFocus)
    qtbot.keyClicks(library.search_box, "harbour")
    assert library.search_box.text() == "harbour"
    assert edit.width() >= 400 and preview.width() >= 300, (_rect(edit), _rect(preview))
    _press(qtbot, window, "Ctrl+Shift+L")  # hidden, and shown again by its own key
    _settle(qtbot, window)
    assert not library.isVisible()
    _press(qtbot, window, "Ctrl+Shift+L")
    _settle(qtbot, window)
    assert library.isVisible() and library.width() >= 250, _rect(library)


def test_the_outbox_opens_as_a_strip_under_the_editor(sample_ctx, qtbot, make_window):
    """Article → Outbox on the laptop, a publish waiting with its reason written out: the
    first-shown dock took half the window, and the editor above it shrank to a dozen lines."""
    from newsdesk.core.articles import list_articles
    from newsdesk.services import publishing

    with sample_ctx.session() as s:
        first = list_articles(s)[0].id
        publishing.add_target(s, "hook", "webhook", "http://127.0.0.1:9/", secret="s3cret")
        publishing.queue_publish(s, first, "hook")
        s.commit()
    publishing.run_outbox(sample_ctx)  # refused: it waits, with why
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    _settle(qtbot, window)
    _menu_action(window, "Article", "Outbox").trigger()
    qtbot.waitUntil(lambda: window.outbox_panel is not None and window.outbox_panel.isVisible())
    qtbot.waitUntil(lambda: "connection refused" in window.outbox_panel.detail.text())
    dock = window.outbox_panel.parentWidget()
    qtbot.waitUntil(lambda: dock.height() <= window.height() * 0.4, timeout=5000)
    handle_posted_events(qtbot)
    assert window.editor.text_edit.height() >= 300, _rect(window.editor.text_edit)
    assert dock.height() >= 150 and window.outbox_panel.table.isVisible()


def test_the_history_opens_under_the_editor_and_leaves_it_room(sample_ctx, qtbot, make_window):
    """View → History on the laptop took about 60 % of the window: the editor above it was
    left with four lines."""
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    _settle(qtbot, window)
    window.act_history.trigger()
    dock = window.history_dock
    qtbot.waitUntil(lambda: dock.isVisible() and dock.height() <= window.height() * 0.4)
    handle_posted_events(qtbot)
    assert window.editor.text_edit.height() >= 300, _rect(window.editor.text_edit)
    assert dock.height() >= 180 and window.history.isVisible()


def _shows_whole(widget) -> bool:
    """A widget given at least the width its text asks (a clipped "Match ca" fails)."""
    return widget.isVisible() and widget.width() >= widget.sizeHint().width()


def test_the_find_bar_fits_the_review_layouts_narrow_editor(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    window.layouts.actions["review"].trigger()
    window.editor.action("replace").trigger()
    _settle(qtbot, window)
    bar = window.editor.find_bar
    assert bar.isVisible() and bar.width() <= 520, _rect(bar)  # the editor beside a wide page
    options = (bar.regex, bar.match_case, bar.whole_word, bar.in_selection)
    buttons = (bar.previous_button, bar.next_button, bar.replace_button, bar.replace_all_button)
    for widget in (*options, *buttons):
        assert _shows_whole(widget), (widget.text(), widget.width(), widget.sizeHint().width())
    for field in (bar.find_field, bar.replace_field):
        assert field.width() >= 160, _rect(field)  # room for a phrase, not "arbour"
    bar.find_field.setText("the")
    _settle(qtbot, window)
    assert bar.status.text() and bar.status.width() >= bar.status.sizeHint().width()
    # the wide editor keeps the bar in two rows
    window.layouts.actions["write"].trigger()
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: bar.height() < 90)  # two rows again, once laid out
    field, regex = _rect(bar.find_field), _rect(bar.regex)
    assert abs((field[1] + field[3] / 2) - (regex[1] + regex[3] / 2)) < 6  # one row
    for widget in (*options, *buttons):
        assert _shows_whole(widget), widget.text()


def test_the_library_beside_the_editor_keeps_its_headlines_readable(sample_ctx, qtbot, make_window):
    """Seen when tried at 1366×768: Show Library put the list beside the inspector 290 px
    wide, where the seven columns squeezed every headline to "Council votes t…" and a
    sideways scroll bar; the columns that do not fit now step aside, and the headline's
    tooltip says what they held."""
    from PySide6.QtCore import Qt

    from newsdesk.ui.library.model import COLUMNS

    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    window.layouts.actions["edit"].trigger()
    library = window.library
    assert not library.isVisible()
    _menu_action(window, "View", "Show Library").trigger()
    _settle(qtbot, window)
    table = library.table
    qtbot.waitUntil(lambda: library.model.rowCount() > 3)
    _settle(qtbot, window)
    assert library.isVisible() and table.viewport().width() < 400, _rect(table)
    names = [name for name, _label in COLUMNS]
    header = table.horizontalHeader()
    shown = [n for i, n in enumerate(names) if not header.isSectionHidden(i)]
    assert shown[0] == "headline" and "status" in shown
    assert header.sectionSize(0) >= 170, (shown, [header.sectionSize(i) for i in range(7)])
    assert table.horizontalScrollBar().maximum() == 0, shown  # no sideways scrolling
    hidden = [n for n in names if n not in shown]
    assert hidden  # at this width something had to step aside …
    tip = library.model.data(library.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    row = library.model.rows[0]
    if "section" in hidden and row.section:
        assert row.section in tip  # … and the headline's tooltip says what it held
    if "updated" in hidden:
        assert "Updated" in tip
    # A search's words under the list wrap: they do not widen the library (a long query's
    # "0 found for …" pushed it 90 px into the editor).
    wide = library.width()
    with qtbot.waitSignal(library.searched, timeout=10000):
        qtbot.keyClicks(library.search_box, "harbour wall council vote on the seawall tariff")
    _settle(qtbot, window)
    assert library.width() == wide, (wide, library.count_label.text())


def test_a_long_newsroom_note_is_read_whole_in_the_dock(sample_ctx, qtbot, make_window):
    """Seen when tried at 1366×768: a note added in the Newsroom dock showed as "Check the vote
    count with the counc…"; the notes wrap, as the corrections do."""
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    qtbot.waitUntil(lambda: window.newsroom is not None, timeout=10000)
    window.newsroom.action.trigger()
    panel = window.newsroom.panel
    qtbot.waitUntil(lambda: panel.view is not None and panel.isVisible(), timeout=20000)
    _settle(qtbot, window)
    text = "Check the vote count with the council clerk before this goes out tonight"
    qtbot.keyClicks(panel.note_text, text)
    qtbot.keyClick(panel.note_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.notes.topLevelItemCount() == 1, timeout=10000)
    _settle(qtbot, window)
    notes = panel.notes
    fm = notes.fontMetrics()
    assert fm.horizontalAdvance(text) > notes.columnWidth(0)  # it cannot fit on one line …

    def height() -> int:  # the notes are shown anew as they change: the item of now
        return notes.visualItemRect(notes.topLevelItem(0)).height()

    qtbot.waitUntil(lambda: height() >= 2 * fm.height())  # … so it wraps
