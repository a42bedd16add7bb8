"""The Markdown editor driven like a person: typing, shortcuts, lists, smart typing, find and
replace, spelling suggestions, images."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from newsdesk.services import spelling
from newsdesk.ui.context import UiContext
from newsdesk.ui.editor.widget import MarkdownEditor
from newsdesk.ui.prompts import ScriptedPrompts


@pytest.fixture
def editor(qtbot, ctx) -> MarkdownEditor:
    ui_ctx = UiContext(services=ctx, prompts=ScriptedPrompts())
    widget = MarkdownEditor(ui_ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.spelling_ready, timeout=10000):
        pass  # the dictionary loads on a worker; its underlines come when it is in
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.text_edit.setFocus()
    yield widget
    ui_ctx.tasks.wait()


def _format_at(editor: MarkdownEditor, line: int, column: int):
    block = editor.text_edit.document().findBlockByNumber(line)
    for fr in block.layout().formats():
        if fr.start <= column < fr.start + fr.length:
            return QTextCharFormat(fr.format)
    return None


def _type(qtbot, editor: MarkdownEditor, text: str) -> None:
    """Type like a person; QTest.keyClicks cannot send a newline, so Enter is a key press."""
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
        qtbot.keyClicks(editor.text_edit, line)


def test_typed_heading_is_larger_and_bold(qtbot, editor) -> None:
    _type(qtbot, editor, "## Council votes\n\nPlain text")
    heading = _format_at(editor, 0, 5)
    assert heading is not None and heading.fontWeight() == QFont.Weight.Bold
    assert heading.fontPointSize() > editor.text_edit.font().pointSizeF()
    assert (
        _format_at(editor, 2, 2) is None
        or _format_at(editor, 2, 2).fontWeight() != QFont.Weight.Bold
    )


def test_emphasis_and_link_markup_are_styled(qtbot, editor) -> None:
    editor.set_markdown("Some *fine* words and a [link](https://example.org) here.")
    assert _format_at(editor, 0, 7).fontItalic()
    url_format = _format_at(editor, 0, 35)
    assert url_format.foreground().color().alphaF() < 0.6  # the URL is dimmed


def test_ctrl_b_wraps_the_selection_and_again_unwraps(qtbot, editor) -> None:
    _type(qtbot, editor, "make this bold")
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(10)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)
    editor.text_edit.setTextCursor(cursor)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "make this **bold**"
    assert editor.text_edit.textCursor().selectedText() == "bold"
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "make this bold"


def test_heading_shortcut_and_changed_signal(qtbot, editor) -> None:
    _type(qtbot, editor, "A title")
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(editor.text_edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "## A title"


def test_lists_continue_on_enter_and_an_empty_item_ends_them(qtbot, editor) -> None:
    _type(qtbot, editor, "- apples")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    _type(qtbot, editor, "pears")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    _type(qtbot, editor, "After.\n3. third")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    assert editor.markdown() == "- apples\n- pears\n\nAfter.\n3. third\n4. "


def test_smart_quotes_and_dashes_as_you_type_and_switched_off(qtbot, editor) -> None:
    _type(qtbot, editor, 'She said "it\'s done" -- twice --- and `don\'t "touch"`')
    assert editor.markdown() == 'She said “it’s done” – twice — and `don\'t "touch"`'
    editor.action("smart").trigger()
    assert not editor.smart_typography()
    _type(qtbot, editor, ' "plain"')
    assert editor.markdown().endswith(' "plain"')


def test_find_replace_regex_whole_word_count_and_one_undo(qtbot, editor) -> None:
    editor.set_markdown("cat catalog cat. Cat\ncats cat")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    assert bar.isVisible() and bar.replace_field.isVisible()
    qtbot.keyClicks(bar.find_field, "c(a)t")
    bar.regex.click()
    bar.whole_word.click()
    bar.match_case.click()
    qtbot.keyClicks(bar.replace_field, r"d\1g")
    assert bar.status.text() == "3 found"
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert editor.markdown() == "dag catalog dag. Cat\ncats dag"
    assert bar.status.text() == "Replaced 3"
    editor.text_edit.undo()
    assert editor.markdown() == "cat catalog cat. Cat\ncats cat"


def test_tab_goes_from_the_find_field_to_the_replace_field(qtbot, editor) -> None:
    """Seen when tried as a person: Ctrl+H, the word to find, Tab, the replacement — and the
    replacement went nowhere, as Tab had moved to the Previous button."""
    editor.set_markdown("the council met")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    qtbot.waitUntil(bar.find_field.hasFocus)
    qtbot.keyClicks(bar.find_field, "council")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(bar.replace_field.hasFocus)
    qtbot.keyClicks(bar.replace_field, "Council")
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)  # goes to the match …
    assert editor.text_edit.textCursor().selectedText() == "council"
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)  # … and replaces it
    assert editor.markdown() == "the Council met"
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Backtab)
    qtbot.waitUntil(bar.find_field.hasFocus)
    # Find only (Ctrl+F): the hidden replace field is skipped, Tab reaches Next
    bar.hide()
    editor.text_edit.setFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.find_field.hasFocus)
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Tab)
    qtbot.waitUntil(bar.next_button.hasFocus)


def test_every_match_is_marked_in_the_text_while_the_find_bar_is_open(qtbot, editor) -> None:
    """Seen when tried as a person: the bar said "2 found" and nothing showed where."""
    editor.set_markdown("The council met.\n\nLater the council voted.")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    qtbot.keyClicks(bar.find_field, "council")
    assert bar.status.text() == "2 found"
    marks = editor.text_edit.extraSelections()
    assert [m.cursor.selectedText() for m in marks] == ["council", "council"]
    # and it shows: the marker's yellow behind the second match
    cursor = QTextCursor(marks[1].cursor)
    cursor.setPosition(cursor.selectionStart() + 3)
    rect = editor.text_edit.cursorRect(cursor)
    image = editor.text_edit.viewport().grab().toImage()
    colours = [image.pixelColor(rect.x() + dx, rect.center().y()) for dx in range(-8, 8)]
    assert any(c.red() > 200 and c.green() > 170 and c.blue() < 190 for c in colours)
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Backspace)  # "counci": still both
    assert len(editor.text_edit.extraSelections()) == 2
    bar.find_field.clear()
    assert editor.text_edit.extraSelections() == []
    qtbot.keyClicks(bar.find_field, "voted")
    assert len(editor.text_edit.extraSelections()) == 1
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)  # closed: no marks left behind
    assert not bar.isVisible() and editor.text_edit.extraSelections() == []


def test_find_next_and_previous_step_through_the_matches_and_wrap(qtbot, editor) -> None:
    editor.set_markdown("tide one, tide two, tide three")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = editor.find_bar
    qtbot.keyClicks(bar.find_field, "tide")
    editor.set_cursor_position(0)
    starts = []
    for _ in range(4):  # forward from the top: 1, 2, 3, then round to 1
        assert bar.find_next()
        starts.append(editor.text_edit.textCursor().selectionStart())
        assert editor.text_edit.textCursor().selectedText() == "tide"
    assert starts == [0, 10, 20, 0]
    assert bar.status.text() == "1 of 3"
    assert bar.find_previous()  # back from the first: round to the last
    assert editor.text_edit.textCursor().selectionStart() == 20
    assert bar.status.text() == "3 of 3"
    assert bar.find_previous()
    assert editor.text_edit.textCursor().selectionStart() == 10


def test_find_in_selection_only(qtbot, editor) -> None:
    editor.set_markdown("one\none\none")
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(4)
    cursor.setPosition(11, QTextCursor.MoveMode.KeepAnchor)
    editor.text_edit.setTextCursor(cursor)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert editor.find_bar.in_selection.isChecked()
    qtbot.keyClicks(editor.find_bar.find_field, "one")
    qtbot.keyClicks(editor.find_bar.replace_field, "two")
    assert editor.find_bar.replace_all() == 2
    assert editor.markdown() == "one\ntwo\ntwo"


def test_bad_regex_is_reported_in_the_bar(qtbot, editor) -> None:
    editor.set_markdown("text")
    editor.action("find").trigger()
    editor.find_bar.regex.click()
    qtbot.keyClicks(editor.find_bar.find_field, "(")
    assert "regular expression" in editor.find_bar.status.text()


needs_en = pytest.mark.skipif(spelling.dictionary_tag("en") is None, reason="no English dictionary")
needs_de = pytest.mark.skipif(spelling.dictionary_tag("de") is None, reason="no German dictionary")


def _point_in(editor: MarkdownEditor, position: int):
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(position)
    return editor.text_edit.cursorRect(cursor).center()


@needs_en
def test_misspelled_word_is_underlined_with_suggestions_and_can_be_added(
    qtbot, editor, ctx
) -> None:
    editor.set_markdown("We recieve letters.")
    misspelled = _format_at(editor, 0, 4)
    assert misspelled.underlineStyle() == misspelled.UnderlineStyle.SpellCheckUnderline
    assert _format_at(editor, 0, 0) is None or not _format_at(editor, 0, 0).fontUnderline()
    menu = editor.text_edit.context_menu_at(_point_in(editor, 5))
    texts = [a.text() for a in menu.actions()]
    assert "receive" in texts
    next(a for a in menu.actions() if a.text() == "receive").trigger()
    assert editor.markdown() == "We receive letters."

    editor.set_markdown("The Kostrzyca council met.")
    menu = editor.text_edit.context_menu_at(_point_in(editor, 6))
    menu.findChild(type(menu.actions()[0]), "add_to_dictionary").trigger()
    editor.ui_ctx.tasks.wait()
    QApplication.processEvents()
    assert _format_at(editor, 0, 6) is None or not _format_at(editor, 0, 6).underlineStyle()
    with ctx.session() as session:
        assert spelling.personal_words(session, "en") == {"Kostrzyca"}


@needs_de
def test_german_words_are_accepted_with_language_de(qtbot, editor) -> None:
    editor.set_markdown("Die Bürgermeisterin eröffnet die Straße.")
    assert (
        _format_at(editor, 0, 6).underlineStyle()
        == _format_at(editor, 0, 6).UnderlineStyle.SpellCheckUnderline
    )
    with qtbot.waitSignal(editor.spelling_ready, timeout=10000):
        editor.set_language("de")
    block = editor.text_edit.document().firstBlock()
    styles = [QTextCharFormat(fr.format).underlineStyle() for fr in block.layout().formats()]
    assert QTextCharFormat.UnderlineStyle.SpellCheckUnderline not in styles


def test_the_dictionary_loads_off_the_gui_thread(qtbot, editor, monkeypatch) -> None:
    """Reading and parsing a Hunspell file is I/O: opening an article (and start-up) never
    waits for it on the GUI thread."""
    import threading

    on_gui_thread: list[bool] = []
    real = spelling.SpellChecker

    def recording(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(spelling, "SpellChecker", recording)
    with qtbot.waitSignal(editor.spelling_ready, timeout=10000):
        editor.set_language("fr")
    assert on_gui_thread == [False]
    assert editor.language() == "fr"


def test_a_dictionary_arriving_after_the_text_is_not_an_edit(qtbot, editor) -> None:
    """The dictionary loads on a worker and the text is styled again when it is in: that is
    no edit, so autosave hears nothing (else a reopened article would save itself, and an
    edit from another desk would no longer replace it)."""
    editor.set_markdown("Die Bürgermeisterin eröffnet die Straße.")
    edits: list[str] = []
    editor.changed.connect(lambda *_: edits.append("changed"))
    with qtbot.waitSignal(editor.spelling_ready, timeout=10000):
        editor.set_language("de")
    assert edits == []


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, "PNG")
    return out.getvalue()


def test_image_by_dialog_is_stored_in_the_library_and_inserted(
    qtbot, editor, ctx, tmp_path: Path
) -> None:
    image = tmp_path / "harbour-wall.png"
    image.write_bytes(_png())
    editor.ui_ctx.prompts.answers.append(str(image))
    editor.action("image").trigger()
    qtbot.waitUntil(lambda: "asset:" in editor.markdown())
    with ctx.session() as session:
        from newsdesk.core.assets import get_asset

        sha = editor.markdown().split("asset:")[1].rstrip(")")
        assert get_asset(session, sha).width == 4
    assert editor.markdown() == f"![harbour wall](asset:{sha})"
    assert editor.text_edit.textCursor().selectedText() == "harbour wall"


def test_not_an_image_is_reported_through_the_prompt_seam(qtbot, editor, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.png"
    bogus.write_text("not an image")
    editor.ui_ctx.prompts.answers.append(str(bogus))
    editor.action("image").trigger()
    qtbot.waitUntil(lambda: bool(editor.ui_ctx.prompts.errors))
    assert "not an image" in editor.ui_ctx.prompts.errors[0]
    assert editor.markdown() == ""


def test_focus_mode_flag_and_cursor_line_signal(qtbot, editor) -> None:
    editor.set_markdown("one\ntwo\nthree")
    with qtbot.waitSignal(editor.cursor_line_changed) as blocker:
        editor.set_cursor_position(5)
    assert blocker.args == [1]
    with qtbot.waitSignal(editor.focus_mode_changed) as blocker:
        qtbot.keyClick(
            editor.text_edit,
            Qt.Key.Key_D,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert blocker.args == [True] and editor.focus_mode()
    assert editor.text_edit.centerOnScroll()


def test_table_rows_are_set_in_a_fixed_pitch_with_dimmed_pipes(qtbot, editor) -> None:
    editor.set_markdown(
        "Before.\n\n| Cargo | Change |\n|---|---:|\n| **Grain** | −32% |\n\nA | not a table"
    )
    cell = _format_at(editor, 2, 3)
    assert cell is not None and cell.fontFixedPitch()
    assert _format_at(editor, 2, 0).foreground().color().alphaF() < 0.6  # the pipe
    assert _format_at(editor, 3, 2).foreground().color().alphaF() < 0.6  # the rule row
    bold = _format_at(editor, 4, 5)
    assert bold.fontFixedPitch() and bold.fontWeight() == QFont.Weight.Bold
    prose = _format_at(editor, 6, 0)
    assert prose is None or not prose.fontFixedPitch()
