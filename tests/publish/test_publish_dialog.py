"""The publish dialog driven like a person against the real Ghost peer: it shows which of the
article's tags the site already has, and when the post was deleted on the site it asks, and
makes it anew on "Create anew"."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt

from conftest import full_article
from newsdesk.publish.ghost import admin_token
from newsdesk.services import publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.publish.publish_dialog import PublishDialog


def _ghost(peer, method, path, **kw):
    headers = {"Authorization": f"Ghost {admin_token(peer['GHOST_ADMIN_API_KEY'])}"}
    return httpx.request(method, f"{peer['GHOST_URL']}/ghost/api/admin/{path}", headers=headers,
                         timeout=30, **kw)  # fmt: skip


def _publish_in_dialog(qtbot, ui, article_id):
    dialog = PublishDialog(ui, article_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "on the site" in dialog.terms.text(), timeout=30000)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    return dialog, blocker.args[0]


def test_dialog_shows_site_tags_and_offers_to_recreate_a_deleted_post(qtbot, ctx, ghost_peer):
    article = full_article(ctx)
    with ctx.session() as s:
        publishing.add_target(s, "ghost", "ghost", ghost_peer["GHOST_URL"],
                              secret=ghost_peer["GHOST_ADMIN_API_KEY"])  # fmt: skip
    prompts = ScriptedPrompts([True])  # "Create anew"
    ui = UiContext(services=ctx, prompts=prompts)
    dialog, outcomes = _publish_in_dialog(qtbot, ui, article.id)
    assert f"will be created {article.tags[2]}" in dialog.terms.text()  # its own new tag
    assert [o.status for o in outcomes] == ["done"]
    assert "✓ ghost: published as published" in dialog.outcome_label.text()
    with ctx.session() as s:
        [state] = publishing.article_state(s, article.id)
    assert _ghost(ghost_peer, "DELETE", f"posts/{state.remote_id}/").status_code == 204

    dialog, outcomes = _publish_in_dialog(qtbot, ui, article.id)
    assert f"on the site Business, Shipping, Tariffs, {article.tags[2]}" in dialog.terms.text()
    [(kind, title, text)] = prompts.asked
    assert kind == "confirm" and title == "Create the post anew?"
    assert "no longer on the site" in text
    assert [o.status for o in outcomes] == ["done"]
    with ctx.session() as s:
        [again] = publishing.article_state(s, article.id)
    assert again.remote_id != state.remote_id
    assert _ghost(ghost_peer, "GET", f"posts/{again.remote_id}/").status_code == 200


def test_target_settings_store_a_rotated_secret(qtbot, ctx, webhook_server):
    from conftest import WEBHOOK_SECRET
    from newsdesk.ui.publish.target_settings import TargetSettings

    with ctx.session() as s:
        publishing.add_target(s, "hook", "webhook", webhook_server.url, secret="revoked")
    ui = UiContext(services=ctx, prompts=ScriptedPrompts())
    settings = TargetSettings(ui)
    qtbot.addWidget(settings)
    qtbot.waitUntil(lambda: settings.list.count() == 1)  # read on a worker
    settings.list.setCurrentRow(0)
    settings.kind.setCurrentText("Webhook")
    qtbot.keyClicks(settings.secret, WEBHOOK_SECRET)
    qtbot.mouseClick(settings.secret_button, Qt.MouseButton.LeftButton)
    assert settings.secret.text() == ""
    qtbot.waitUntil(lambda: "Stored a new secret for hook" in settings.report.text())
    qtbot.mouseClick(settings.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ready to publish" in settings.report.text(), timeout=20000)
