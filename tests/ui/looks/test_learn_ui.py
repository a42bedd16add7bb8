"""The targets dialog's "Learn site look…" button and the parts dialog, driven as a person
does, against a real web site on 127.0.0.1."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from newsdesk.services import looks, publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.looks.parts_dialog import LookPartsDialog
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.publish.target_settings import TargetSettings
from tests.looks.conftest import Site


def test_learn_a_look_from_the_targets_dialog_and_correct_the_body(qtbot, ctx) -> None:
    site = Site()
    with ctx.session() as s:
        publishing.add_target(s, "paper", "folder", str(ctx.paths.data_dir))
    prompts = ScriptedPrompts([site.url + "/post/"])  # the post's address, as typed
    ui_ctx = UiContext(services=ctx, prompts=prompts)
    settings = TargetSettings(ui_ctx)
    qtbot.addWidget(settings)
    qtbot.waitUntil(lambda: settings.list.count() == 1)  # the targets are read on a worker
    settings.list.setCurrentRow(0)
    try:
        qtbot.mouseClick(settings.look_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "Learned the look of paper" in settings.report.text(), timeout=20000
        )
    finally:
        site.stop()
    assert prompts.errors == []
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LookPartsDialog))
    qtbot.addWidget(dialog)
    dialog.part.setCurrentIndex(dialog.part.findData("content"))
    qtbot.waitUntil(lambda: dialog.candidates.count() > 1, timeout=10000)
    first = dialog.candidates.item(0)
    assert first.text().startswith("✓ The original first paragraph")
    related = next(dialog.candidates.item(i) for i in range(dialog.candidates.count())
                   if dialog.candidates.item(i).data(Qt.ItemDataRole.UserRole) == "aside.related")  # fmt: skip
    dialog.candidates.setCurrentItem(related)
    assert dialog.selector.text() == "aside.related"
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "In use: aside.related" in dialog.status.text())  # a worker saves
    with ctx.session() as s:
        assert looks.get_look(s, "paper").corrected == {"content": "aside.related"}
    qtbot.waitUntil(lambda: dialog.candidates.count() > 0
                    and dialog.candidates.item(0).text().startswith("✓ Related"), timeout=10000)  # fmt: skip
    ui_ctx.tasks.wait()
