"""The publishing widgets driven like a person: the publish dialog with its pre-flight
checklist, the outbox panel and target settings with the doctor (folder target on tmp_path)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.services import publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.publish.outbox_panel import OutboxPanel
from newsdesk.ui.publish.publish_dialog import PublishDialog
from newsdesk.ui.publish.target_settings import TargetSettings


def test_publish_dialog_checklist_and_publish(qtbot, ctx, tmp_path):
    site = tmp_path / "content"
    site.mkdir()
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="H" * 120, body="Text.", status="published"))
        publishing.add_target(s, "hugo", "folder", str(site))
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    dialog = PublishDialog(ui, rec.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "no section" in dialog.checklist.text())
    assert "120 characters; the budget is 90" in dialog.checklist.text()
    qtbot.waitUntil(lambda: "hugo (Folder): new post as publish" in dialog.receives.text())
    with qtbot.waitSignal(dialog.finished_publishing, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert [o.status for o in blocker.args[0]] == ["done"]
    assert "✓ hugo: published as published" in dialog.outcome_label.text()
    assert len(list(site.rglob("index.md"))) == 1

    panel = OutboxPanel(ui)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)  # read on a worker
    assert panel.table.item(0, 4).text() == "done"


def test_target_settings_add_and_doctor(qtbot, ctx, tmp_path):
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    settings = TargetSettings(ui)
    qtbot.addWidget(settings)
    settings.kind.setCurrentText("Folder")
    qtbot.keyClicks(settings.name, "site")
    qtbot.keyClicks(settings.url, str(tmp_path / "missing"))
    qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.list.count() == 1, timeout=10000)  # a worker; slow under load
    settings.list.setCurrentRow(0)
    qtbot.mouseClick(settings.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not ready" in settings.report.text(), timeout=10000)
    assert "is not a folder" in settings.report.text()


def test_the_outbox_shows_in_full_why_a_publish_waits_and_when_it_is_tried_again(qtbot, ctx):
    """Seen at 1366x768: the Error column was cut to "WordPress ..." beside an empty half of
    the table, and nothing said when the job would go out. A real refused connection (nothing
    listens on port 9)."""
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry fares rise", body="Text."))
        publishing.add_target(s, "Harbour hook", "webhook", "http://127.0.0.1:9/", secret="s3cret")
        publishing.queue_publish(s, rec.id, "Harbour hook")
        s.commit()
    [outcome] = publishing.run_outbox(ctx)
    assert outcome.status == "queued" and "connection refused" in outcome.message
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    panel = OutboxPanel(ui)
    qtbot.addWidget(panel)
    panel.resize(1300, 260)  # the outbox dock across a laptop's window
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10000)  # read on a worker
    table = panel.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    error, when = headers.index("Error"), headers.index("Next try")
    reason = table.item(0, error).text()
    assert "connection refused" in reason and table.item(0, error).toolTip() == reason
    assert table.columnWidth(error) > table.viewport().width() * 0.35  # room to read it
    assert table.item(0, when).text() not in ("", "now")  # waiting for its backoff
    assert not table.verticalHeader().isVisible()
    detail = panel.detail.text()
    assert panel.detail.isVisible() and "“Ferry fares rise” → Harbour hook" in detail
    assert "connection refused" in detail and f"Next try at {table.item(0, when).text()}" in detail


def test_a_publish_that_cannot_reach_the_site_says_it_waits_in_the_outbox(qtbot, ctx):
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Quay reopens", body="Text."))
        publishing.add_target(s, "hook", "webhook", "http://127.0.0.1:9/", secret="s3cret")
        s.commit()
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    dialog = PublishDialog(ui, rec.id)
    qtbot.addWidget(dialog)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", dialog.schedule.text())  # as Publish at
    qtbot.waitUntil(dialog.publish_button.isEnabled, timeout=10000)
    dialog.targets.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    said = dialog.outcome_label.text()
    assert "connection refused" in said and "waits in the Outbox" in said, said


def test_the_outbox_lists_what_waits_and_only_the_newest_of_what_was_sent(qtbot, ctx):
    """A library's whole publishing past was read and listed every minute, on the GUI
    thread (5,000 sent jobs: 60-120 ms of reading, a stutter in the typing each minute)."""
    from sqlmodel import select

    from newsdesk.storage.models import PublishJob, PublishTarget
    from newsdesk.ui.publish.outbox_panel import ENDED_SHOWN

    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Tide tables", body="Text."))
        publishing.add_target(s, "hook", "webhook", "http://127.0.0.1:9/", secret="s3cret")
        target = s.exec(select(PublishTarget.id)).one()
        s.add(PublishJob(article_id=rec.id, target_id=target, action="publish", status="failed",
                         last_error="the oldest, still failed"))  # fmt: skip
        for _ in range(ENDED_SHOWN + 50):
            s.add(PublishJob(article_id=rec.id, target_id=target, action="publish", status="done"))
        s.commit()
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    panel = OutboxPanel(ui)
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 0  # nothing read on the GUI thread
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0, timeout=10000)
    statuses = [panel.table.item(r, 4).text() for r in range(panel.table.rowCount())]
    assert statuses.count("done") == ENDED_SHOWN and statuses[-1] == "failed"
    assert "the oldest, still failed" in panel.detail.text()


def test_add_target_then_test_connection_tests_the_new_target(qtbot, ctx, tmp_path):
    """Fill in the form, Add target, Test connection: the test did nothing, silently, as the
    new target was not chosen in the list."""
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    settings = TargetSettings(ui)
    qtbot.addWidget(settings)
    qtbot.waitUntil(lambda: "No publishing targets yet" in settings.report.text(), timeout=10000)
    qtbot.mouseClick(settings.test_button, Qt.MouseButton.LeftButton)
    assert "Choose a target" in settings.report.text()
    settings.kind.setCurrentText("Folder")
    qtbot.keyClicks(settings.name, "desk copy")
    qtbot.keyClicks(settings.url, str(tmp_path / "missing"))
    qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.current_name() == "desk copy", timeout=10000)
    assert "Added desk copy" in settings.report.text()
    qtbot.mouseClick(settings.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not ready" in settings.report.text(), timeout=10000)
    assert "is not a folder" in settings.report.text()


def test_target_kinds_are_named_as_people_know_them(qtbot, ctx, tmp_path):
    """Seen when tried as a person: the Kind box read "wordpress", "micropub", and the
    publish dialog listed "desk copy (folder)"; the address field said "URL or folder"
    whatever was chosen."""
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    settings = TargetSettings(ui)
    qtbot.addWidget(settings)
    shown = [settings.kind.itemText(i) for i in range(settings.kind.count())]
    assert shown == ["WordPress", "Ghost", "Micropub", "Webhook", "Folder"]
    settings.kind.setCurrentText("Micropub")
    assert "micropub" in settings.url.placeholderText().lower()
    settings.kind.setCurrentText("Folder")
    assert "folder" in settings.url.placeholderText().lower()
    qtbot.keyClicks(settings.name, "desk copy")
    qtbot.keyClicks(settings.url, str(tmp_path))
    qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.current_name() == "desk copy", timeout=10000)
    with ctx.session() as s:
        (target,) = publishing.list_targets(s)
    assert target.kind == "folder"  # stored by its key
