"""Edit → Undo/Redo/Cut/Copy/Paste/Select All act on the focused field; the command palette
runs every menu command by name; Help → Keyboard Shortcuts is generated from the actions."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from newsdesk.ui.action_index import keys_text
from tests.ui.test_keyboard import _active
from tests.ui.test_mainwindow import _open_new
from tests.ui.test_mainwindow_wiring import _menu_action


def test_edit_menu_acts_on_the_focused_field(ctx, qtbot, make_window):
    window = _active(qtbot, make_window(ctx))
    _open_new(qtbot, window)
    names = [a.text().replace("&", "") for a in _menu_action(window, "Edit").menu().actions()]
    for wanted in ("Undo", "Redo", "Cut", "Copy", "Paste", "Select All"):
        assert wanted in names
    headline = window.metadata.headline
    headline.setFocus()
    qtbot.waitUntil(headline.hasFocus)
    qtbot.keyClicks(headline, "Quay cranes return")
    _menu_action(window, "Edit", "Select All").trigger()
    wrapping = hasattr(headline, "textCursor")  # the headline may wrap (a plain text edit)
    selected = headline.textCursor().selectedText() if wrapping else headline.selectedText()
    assert selected == "Quay cranes return"
    _menu_action(window, "Edit", "Cut").trigger()
    assert headline.text() == "" and QGuiApplication.clipboard().text() == "Quay cranes return"
    _menu_action(window, "Edit", "Undo").trigger()
    assert headline.text() == "Quay cranes return"
    _menu_action(window, "Edit", "Redo").trigger()
    assert headline.text() == ""
    body = window.editor.text_edit
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    _menu_action(window, "Edit", "Paste").trigger()
    assert window.editor.markdown() == "Quay cranes return"
    _menu_action(window, "Edit", "Undo").trigger()
    assert window.editor.markdown() == ""
    window.metadata.byline.setFocus()
    qtbot.waitUntil(window.metadata.byline.hasFocus)
    _menu_action(window, "Edit", "Paste").trigger()
    assert window.metadata.byline.text() == "Quay cranes return"
    assert headline.text() == "" and window.editor.markdown() == ""


def test_the_edit_menu_greys_out_what_cannot_act(ctx, qtbot, make_window):
    window = _active(qtbot, make_window(ctx))
    _open_new(qtbot, window)
    window.metadata.headline.setFocus()
    qtbot.waitUntil(window.metadata.headline.hasFocus)
    menu = _menu_action(window, "Edit").menu()
    menu.aboutToShow.emit()
    assert not window.edit_actions.actions["undo"].isEnabled()  # nothing typed yet
    assert window.edit_actions.actions["paste"].isEnabled()
    menu.aboutToHide.emit()
    assert window.edit_actions.actions["undo"].isEnabled()


def _all_menu_actions(window) -> list[QAction]:
    found = []

    def walk(menu):
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and action.isVisible():
                found.append(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_the_palette_lists_every_enabled_menu_command_and_runs_one_by_name(ctx, qtbot, make_window):
    window = _active(qtbot, make_window(ctx))
    _open_new(qtbot, window)
    window.metadata.headline.setFocus()
    qtbot.waitUntil(window.metadata.headline.hasFocus)
    keys = window.act_palette.shortcut()
    assert keys == QKeySequence("Ctrl+Shift+P")
    qtbot.keyClick(
        window.focusWidget(),
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    palette = window.views.palette
    qtbot.waitUntil(lambda: palette is not None and palette.isVisible())
    listed = {
        id(palette.commands[int(palette.list.item(i).data(Qt.ItemDataRole.UserRole))].action)
        for i in range(palette.list.count())
    }
    enabled = {id(a) for a in _all_menu_actions(window) if a.isEnabled()}
    assert enabled <= listed
    qtbot.keyClicks(palette.query, "trash")
    assert palette.current_command().action is window.act_trash
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.trash_dialog is not None and window.trash_dialog.isVisible())
    assert not palette.isVisible()
    window.trash_dialog.close()
    window.act_palette.trigger()
    qtbot.keyClicks(palette.query, "go to edit")
    assert palette.current_command().action is window.act_focus_editor
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    qtbot.waitUntil(window.editor.text_edit.hasFocus)


def test_keyboard_shortcuts_lists_every_action_and_cannot_go_stale(ctx, qtbot, make_window):
    window = _active(qtbot, make_window(ctx))
    _menu_action(window, "Help", "Keyboard Shortcuts").trigger()
    dialog = window.views.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    shown = dialog.rows()
    for action in window.findChildren(QAction):
        if action.text() and action.shortcuts():
            assert any(k == keys_text(action) for _name, k in shown), action.text()
    assert ("Go to Editor", "Ctrl+E") in shown and ("Trash…", "Ctrl+Alt+R") in shown
    assert not any(re.search(r"\bF(1[3-9]|2\d)\b|\b(Undo|Cut|Copy|Paste)$", k) for _n, k in shown)
    dialog.filter.setText("trash")
    assert {name for name, _k in dialog.rows()} == {"Move to Trash", "Trash…"}
    late = QAction("Late &Feature", window)  # added after the window was built
    late.setShortcut(QKeySequence("Ctrl+Alt+F12"))
    window.addAction(late)
    # Only keys a PC keyboard has. On a Linux desktop Qt's standard Undo and Paste carry F14,
    # F18 and the dedicated keys of old Sun keyboards: the list read "Ctrl+Z, F14, Undo".
    sun = QAction("Sun &Undo", window)
    sun.setShortcuts(
        [QKeySequence("Ctrl+Alt+F11"), QKeySequence("F14"), QKeySequence.fromString("Undo")]
    )
    window.addAction(sun)
    window.act_shortcuts.trigger()
    dialog.filter.clear()
    assert ("Late Feature", "Ctrl+Alt+F12") in dialog.rows()
    assert ("Sun Undo", "Ctrl+Alt+F11") in dialog.rows()


def test_the_writing_guide_opens_from_help(ctx, qtbot, make_window):
    window = make_window(ctx)
    _menu_action(window, "Help", "Writing Guide").trigger()
    qtbot.waitUntil(lambda: window.views.guide_dialog.isVisible())
    text = window.views.guide_dialog.text.toPlainText()
    assert "Ctrl+E" in text and "Trash" in text


def test_the_edit_menu_reached_from_the_file_menu_acts_on_the_field(ctx, qtbot, make_window):
    """Seen when tried as a person: Alt+F, then → to the Edit menu, showed Undo, Cut, Copy,
    Paste and Select All greyed out after typing in the body (the menu bar held the focus
    while the keyboard moved along it, and the actions asked it instead of the body)."""
    window = _active(qtbot, make_window(ctx))
    _open_new(qtbot, window)
    body = window.editor.text_edit
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    qtbot.keyClicks(body, "The council voted")
    file_menu = _menu_action(window, "File").menu()
    edit_menu = _menu_action(window, "Edit").menu()
    qtbot.keyClick(body, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is file_menu)
    qtbot.keyClick(file_menu, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is edit_menu)
    enabled = {n for n, a in window.edit_actions.actions.items() if a.isEnabled()}
    assert enabled == {"undo", "cut", "copy", "paste", "selectAll"}  # nothing to redo
    undo = next(a for a in edit_menu.actions() if a is window.edit_actions.actions["undo"])
    edit_menu.setActiveAction(undo)
    qtbot.keyClick(edit_menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.markdown() != "The council voted")
    qtbot.waitUntil(body.hasFocus)


def test_every_key_the_writing_guide_names_does_what_it_says(ctx, qtbot, make_window):
    """The guide (F1) names keys in *italics*; each must be some action's shortcut, or a key
    renamed in the window would leave the guide telling people to press a dead key."""
    from newsdesk.paths import resources_dir

    window = make_window(ctx)
    keys = {k.toString() for action in window.findChildren(QAction) for k in action.shortcuts()}
    guide = (resources_dir() / "help" / "guide.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\*((?:Ctrl|Alt|Shift)\+[^*]+|F\d+)\*", guide))
    assert {"Alt+1", "Ctrl+Shift+L", "Ctrl+E"} <= named  # the pattern finds them
    for key in named:
        if key in {"Tab", "Enter"}:
            continue
        assert key in keys, f"the guide names {key}, which no action has"
