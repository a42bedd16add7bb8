"""Manual harness: the rich editor and the live preview side by side on the sample articles.

    PYTHONPATH=src python scripts/try_editor.py [--db FILE] [--article N] [--screenshot out.png]

Without --db a fresh library in a temporary folder gets the sample articles. Typing patches
the preview, moving the cursor scrolls it, clicking a paragraph in the preview moves the cursor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QToolBar  # noqa: E402

from newsdesk.core import taxonomy  # noqa: E402
from newsdesk.core.articles import list_articles  # noqa: E402
from newsdesk.core.context import AppContext  # noqa: E402
from newsdesk.core.settings import load_settings  # noqa: E402
from newsdesk.importers.markdown import import_markdown_files  # noqa: E402
from newsdesk.services.opening import open_context  # noqa: E402
from newsdesk.ui.context import UiContext  # noqa: E402
from newsdesk.ui.editor.widget import MarkdownEditor  # noqa: E402
from newsdesk.ui.preview.pane import PreviewPane  # noqa: E402
from newsdesk.ui.prompts import Prompts  # noqa: E402


def sample_library(folder: Path) -> AppContext:
    """A library with the sample articles (their images copied beside them for the importer)."""
    ctx = open_context(str(folder / "library.newsdesk"), seed=False)
    sample = ctx.resources / "sample"
    articles = folder / "articles"
    shutil.copytree(sample / "articles", articles)
    shutil.copytree(sample / "images", articles / "images")
    with ctx.session() as session:
        for name in ["World", "Business", "Science", "Sport", "Culture"]:
            taxonomy.ensure_section(session, name)
        import_markdown_files(session, sorted(articles.glob("*.md")))
    return ctx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db")
    parser.add_argument("--article", type=int)
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    ctx = open_context(args.db) if args.db else sample_library(Path(tempfile.mkdtemp()))
    window = QMainWindow()
    ui_ctx = UiContext(ctx, Prompts(window))
    with ctx.session() as session:
        summaries = list_articles(session)
        article_id = args.article or next(s.id for s in summaries if "Porto" in s.headline)
        from newsdesk.core.articles import get_article

        record = get_article(session, article_id)
    editor = MarkdownEditor(ui_ctx)
    preview = PreviewPane(ui_ctx)
    splitter = QSplitter()
    splitter.addWidget(editor)
    splitter.addWidget(preview)
    splitter.setSizes([700, 800])
    toolbar = QToolBar("Editing")
    for action in editor.actions():
        if not action.icon().isNull():
            toolbar.addAction(action)
    window.addToolBar(toolbar)
    window.setCentralWidget(splitter)
    window.setWindowTitle(f"newsdesk editor + preview — {record.headline}")
    window.resize(1500, 950)

    def go_to_line(line: int) -> None:
        block = editor.text_edit.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        editor.text_edit.setTextCursor(cursor)
        editor.text_edit.centerCursor()

    with ctx.session() as session:
        locale = load_settings(session).locale  # "en-GB": British spelling for "en" articles
    editor.set_language(locale if locale.split("-")[0] == record.language else record.language)
    editor.set_markdown(record.body)
    editor.changed.connect(lambda: preview.update_body(editor.markdown()))
    editor.cursor_line_changed.connect(preview.scroll_to_source_line)
    preview.source_line_clicked.connect(go_to_line)
    editor.focus_mode_changed.connect(lambda on: preview.setVisible(not on))
    window.show()
    preview.show_article(article_id)
    if args.screenshot:

        def shoot() -> None:
            # Show editing in action: a misspelling, then the cursor in the middle.
            cursor = editor.text_edit.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            editor.text_edit.setTextCursor(cursor)
            editor.text_edit.insertPlainText(" The harbur wall was *finaly* approved.")
            QTimer.singleShot(1500, lambda: (window.grab().save(args.screenshot), app.quit()))

        shots: list[bool] = []

        def first_ready() -> None:
            if not shots:
                shots.append(True)
                QTimer.singleShot(800, shoot)

        preview.page_ready.connect(first_ready)
    code = app.exec()
    ui_ctx.tasks.wait()
    return code


if __name__ == "__main__":
    sys.exit(main())
