"""Every control a person can reach with Tab has an accessible name and description, as a
screen reader reads them through Qt's accessibility interface: the main window, and every
dialog (each opened the way a person opens it, through its menu command)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

import newsdesk.ui
from newsdesk.ui.accessibility import accessible_text, spoken_name
from tests.ui.test_mainwindow import _open_new
from tests.ui.test_mainwindow_wiring import _menu_action


def unnamed(top: QWidget) -> list[str]:
    """Focusable, visible controls under ``top`` that a screen reader cannot name or explain."""
    missing = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
            continue
        if not widget.isVisibleTo(top) and widget is not top:
            continue
        name, description = spoken_name(widget), accessible_text(widget)[1]
        if not name.strip() or not description.strip():
            parent = widget.parentWidget()
            where = type(parent).__name__ if parent is not None else "-"
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {where}: "
                           f"name={name!r} description={description!r}")  # fmt: skip
    return missing


def _new_windows(before: set[int]) -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in before and isinstance(w, QDialog)
    ]  # fmt: skip


def _find_action(window, text: str):
    """The menu command called ``text``, in whichever menu it is (None if there is none)."""

    def walk(menu):
        for action in menu.actions():
            if action.menu() is not None:
                found = walk(action.menu())
                if found is not None:
                    return found
            elif action.text().replace("&", "") == text:
                return action
        return None

    for top in window.menuBar().actions():
        found = walk(top.menu())
        if found is not None:
            return found
    return None


def _dialogs_of(qtbot, window, text: str) -> list[QWidget]:
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    _find_action(window, text).trigger()
    qtbot.waitUntil(lambda: bool(_new_windows(before)), timeout=5000)
    return _new_windows(before)


MENU_DIALOGS = [
    "Preferences…", "Tags…", "Sections…", "Trash…", "Command Palette…", "Keyboard Shortcuts",
    "Writing Guide", "Publish…", "Publishing Targets…", "Open Article…",
]  # fmt: skip


def test_the_main_window_names_and_describes_every_control(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _open_new(qtbot, window)
    assert unnamed(window) == []
    headline = window.metadata.headline
    assert spoken_name(headline) == "Headline"  # its form label, not the placeholder
    assert spoken_name(window.metadata.status) == "Status"  # not the chosen "Draft"
    assert spoken_name(window.editor.text_edit) == "Article body"
    for dock in ("History", "Outbox"):  # panels made on first use
        _menu_action(window, "View" if dock == "History" else "Article", dock).trigger()
    qtbot.waitUntil(lambda: window.outbox_panel is not None and window.history.isVisible())
    assert unnamed(window) == []


def test_every_dialog_names_and_describes_every_control(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _open_new(qtbot, window)
    checked: set[type] = set()
    problems: dict[str, list[str]] = {}
    for text in MENU_DIALOGS:
        if _find_action(window, text) is None:
            continue  # a command this version has not got (the check below names the dialogs)
        for dialog in _dialogs_of(qtbot, window, text):
            checked.add(type(dialog))
            if unnamed(dialog):
                problems[text] = unnamed(dialog)
            dialog.close()
    assert problems == {}
    covered = {cls.__name__ for cls in checked}
    if _find_action(window, "Open Article…") is not None:
        assert "QuickSwitcher" in covered
    assert {"PreferencesDialog", "TagManagerDialog", "SectionManagerDialog", "TrashDialog",
            "CommandPalette", "ShortcutsDialog", "GuideDialog", "PublishDialog"} <= covered  # fmt: skip


def test_dialogs_made_outside_the_main_window_are_complete(sample_ctx, qtbot, tmp_path):
    from newsdesk.ui.conflict import ConflictDialog
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.crash import CrashDialog
    from newsdesk.ui.progress import ProgressDialog
    from newsdesk.ui.prompts import ScriptedPrompts, VersionChoice
    from newsdesk.ui.site_folder import SiteFolderDialog
    from newsdesk.ui.welcome import WelcomeDialog

    made = [
        CrashDialog("Traceback …", tmp_path / "newsdesk.log"),
        WelcomeDialog(UiContext(sample_ctx, ScriptedPrompts())),
        ConflictDialog(
            VersionChoice(
                "Changed elsewhere",
                "Which version?",
                {"Headline": "A"},
                {"Headline": "B"},
                ["Keep mine", "Take theirs", "Keep both"],
            )
        ),
        ProgressDialog("Exporting"),
        SiteFolderDialog("Export the static site", str(tmp_path / "site")),
    ]
    problems = {}
    for dialog in made:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        if unnamed(dialog):
            problems[type(dialog).__name__] = unnamed(dialog)
        dialog.close()
    assert problems == {}


def test_dialogs_panes_open_over_the_window_are_complete(sample_ctx, qtbot, make_window):
    """Dialogs a pane opens with the main window as parent (completed as they are shown)."""
    from newsdesk.ui.looks.parts_dialog import LookPartsDialog

    window = make_window(sample_ctx)
    dialog = LookPartsDialog(window.ui_ctx, "no-such-look", window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed(dialog) == []
    dialog.close()
    window.ui_ctx.tasks.wait()


def test_no_dialog_class_escapes_these_tests():
    """A new dialog must be added to the checks above (by menu, or made directly)."""
    found = set()
    for info in pkgutil.walk_packages(newsdesk.ui.__path__, "newsdesk.ui."):
        if info.name.endswith(("smoke", "selftest", "app", "test_hooks")):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.add(cls.__name__)
    checked = {"PreferencesDialog", "TagManagerDialog", "SectionManagerDialog", "TrashDialog",
               "CommandPalette", "ShortcutsDialog", "GuideDialog", "CrashDialog",
               "WelcomeDialog", "ConflictDialog", "ProgressDialog", "PublishDialog",
               "QuickSwitcher", "LookPartsDialog", "SiteFolderDialog"}  # fmt: skip
    checked.add("LibraryDialog")  # the base of four of these, never shown alone
    assert found <= checked, found - checked
