"""The find bar at the widths the layouts give the editor: two rows beside a wide text, three
when the options no longer fit beside the fields (the Edit layout on a laptop, ~565 px), four
in the Review layout's narrow editor; every label whole in each."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from newsdesk.ui.editor.findbar import FindBar


def _rows(bar: FindBar) -> int:
    """How many rows the bar's widgets sit in (by their middles, in the bar)."""
    widgets = (bar.find_field, bar.replace_field, bar.regex, bar.in_selection)
    middles = {w.mapTo(bar, w.rect().center()).y() // 10 for w in widgets}
    return len(middles)


@pytest.mark.parametrize(("width", "rows"), [(900, 2), (560, 3), (430, 4)])
def test_the_find_bar_takes_as_few_rows_as_its_labels_allow(qtbot, width, rows) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    edit = QPlainTextEdit("The harbour wall, the harbour master.")
    bar = FindBar(edit)
    layout = QVBoxLayout(holder)
    layout.addWidget(edit)
    layout.addWidget(bar)
    holder.resize(width, 500)
    holder.show()
    bar.open(replace=True)
    bar.find_field.setText("harbour")
    qtbot.waitUntil(
        lambda: _rows(bar) == rows and bar.status.width() >= bar.status.sizeHint().width(),
        timeout=2000,
    )
    for widget in (bar.regex, bar.match_case, bar.whole_word, bar.in_selection, bar.status,
                   bar.previous_button, bar.next_button, bar.replace_all_button):  # fmt: skip
        assert widget.width() >= widget.sizeHint().width(), (width, widget)
    assert bar.find_field.width() >= 120
