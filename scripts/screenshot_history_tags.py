"""Screenshots of the tag manager and the history panel on the sample library, for docs/.

Run under a display: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/screenshot_history_tags.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from newsdesk.core import revisions
from newsdesk.core import tags as tag_service
from newsdesk.core.articles import get_article, update_article
from newsdesk.services.opening import open_context
from newsdesk.ui.context import UiContext
from newsdesk.ui.history import HistoryPanel
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.tags import TagManagerDialog

SEAWALL = "porto-calhau-approves-seawall-after-flooding"


def _wait(app: QApplication, ready: object) -> None:
    for _ in range(500):
        app.processEvents()
        if callable(ready) and ready():
            return
        QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
    raise SystemExit("the widget never finished loading")


def _history(ctx: object) -> int:
    t0 = datetime.now(UTC) - timedelta(hours=2)
    with ctx.session() as s:  # type: ignore[attr-defined]
        rec = get_article(s, SEAWALL)
        revisions.record_revision(s, rec.id, "import", now=t0)
        body = rec.body.replace("voted 9–4", "voted nine to four", 1)
        update_article(s, rec.id, {"body": body, "headline": rec.headline + " at last"})
        revisions.record_revision(s, rec.id, "autosave", now=t0 + timedelta(minutes=25))
        paragraphs = body.split("\n\n")
        paragraphs[1] = paragraphs[1].replace("the", "the long-awaited", 1)
        paragraphs.insert(2, "Work on the first 800 metres is due to begin in the spring.")
        update_article(s, rec.id, {"body": "\n\n".join(paragraphs), "tags": [*rec.tags, "storms"]})
        revisions.record_revision(s, rec.id, "save", now=t0 + timedelta(minutes=50))
        update_article(s, rec.id, {"status": "published"})
        revisions.record_revision(s, rec.id, "publish", now=t0 + timedelta(minutes=55))
        tag_service.add_tag(s, "Heatwaves", slug="extreme-heat", description="Records and health")
        tag_service.set_tag_details(s, "climate", description="Climate change and adaptation")
        tag_service.set_tag_details(s, "flooding", description="Floods, storm surges, defences")
        assert rec.id is not None
        return rec.id


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "shots.newsdesk"), seed=True)
        ui_ctx = UiContext(services=ctx, prompts=ScriptedPrompts())
        article = _history(ctx)

        tags = TagManagerDialog(ui_ctx, article_ids=[article])
        tags.resize(1000, 560)
        tags.show()
        _wait(app, lambda: "climate" in tags.tag_names())
        # A real rename through the dialog, answered by the scripted prompt.
        tags.table.selectRow(tags.row_of("coastal cities"))
        ui_ctx.prompts.answers.append("Coastal towns")  # type: ignore[attr-defined]
        tags.on_rename()
        _wait(app, lambda: "Coastal towns" in tags.tag_names())
        tags.table.selectRow(tags.row_of("climate"))
        _wait(app, lambda: tags.articles_list.count() > 0)
        tags.grab().save(str(out / "tag-manager.png"))

        panel = HistoryPanel(ui_ctx)
        panel.resize(1100, 720)
        panel.show()
        panel.set_article(article)
        _wait(app, lambda: panel.list.topLevelItemCount() >= 4)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in (1, 3):
            item = panel.list.topLevelItem(row)
            assert item is not None
            panel.list.setCurrentItem(item, 0, flags)
        _wait(app, lambda: "long-awaited" in panel.diff_text())
        panel.grab().save(str(out / "history.png"))
        ui_ctx.tasks.wait()
        ctx.close()
    print(f"wrote {out / 'tag-manager.png'} and {out / 'history.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
