"""``MarkdownEditor``: the article body editor the main window composes.

It owns the text area, the highlighter, the find bar, the spell checker and the editing
actions; the main window puts ``actions()`` in its menus and toolbar and listens to
``changed``, ``cursor_line_changed`` and ``focus_mode_changed``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from newsdesk.errors import UserError
from newsdesk.services import spelling
from newsdesk.ui.dbwork import run_in_library
from newsdesk.ui.editor import formatting
from newsdesk.ui.editor.findbar import FindBar
from newsdesk.ui.editor.highlighter import MarkdownHighlighter, Styles
from newsdesk.ui.editor.textedit import SourceEdit
from newsdesk.ui.icons import icon as palette_icon

if TYPE_CHECKING:
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp)"
FOCUS_COLUMN_EM = 38  # text column width in focus mode, in ems


class MarkdownEditor(QWidget):
    changed = Signal()
    cursor_line_changed = Signal(int)
    focus_mode_changed = Signal(bool)
    language_changed = Signal(str)
    spelling_ready = Signal(str)  # the language whose dictionary now checks the text

    def __init__(
        self,
        ui_ctx: UiContext | None = None,
        parent: QWidget | None = None,
        *,
        language: str | None = "en",
    ) -> None:
        """``language``: the spelling dictionary to start with; None loads none until
        ``set_language`` (the main window: its editor waits for an article)."""
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self._edit = SourceEdit(self)
        self._edit.setObjectName("markdown_source")
        font = self._edit.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) + 2)
        self._edit.setFont(font)
        self._edit.setTabChangesFocus(False)
        self._edit.document().setDocumentMargin(12)
        self.highlighter = MarkdownHighlighter(
            self._edit.document(), Styles(self._edit.palette(), font.pointSizeF())
        )
        self.find_bar = FindBar(self._edit, self)
        self.find_bar.hide()
        # However wide its fields would like to be, opening it never widens the editor (and
        # so never moves the panes beside it).
        self.find_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.find_bar.setMinimumWidth(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._edit)
        layout.addWidget(self.find_bar)
        self._language = ""
        self._personal: dict[str, set[str]] = {}
        self._checker: spelling.SpellChecker | None = None
        self._loading = False
        self._last_line = -1
        self._focus_mode = False
        self._measure = False  # the Write layout: a centred column of text
        self._edit.checker = lambda: self._checker
        self._actions = self._make_actions()
        self._edit.textChanged.connect(self._on_text_changed)
        self._edit.cursorPositionChanged.connect(self._on_cursor_moved)
        self._edit.add_word_requested.connect(self.add_to_dictionary)
        self._edit.image_files_dropped.connect(self._on_image_files)
        self._edit.image_data_pasted.connect(self.insert_image_data)
        if language is not None:
            self.set_language(language)

    # -- the interface the main window uses -------------------------------------------------
    @property
    def text_edit(self) -> QPlainTextEdit:
        return self._edit

    def set_markdown(self, text: str, cursor: int = 0) -> None:
        """Show a new body (not an edit: ``changed`` is not emitted)."""
        self._loading = True
        try:
            self._edit.setPlainText(text)
        finally:
            self._loading = False
        self.set_cursor_position(cursor)

    def markdown(self) -> str:
        return self._edit.toPlainText()

    def cursor_position(self) -> int:
        return self._edit.textCursor().position()

    def set_cursor_position(self, position: int) -> None:
        cursor = self._edit.textCursor()
        cursor.setPosition(max(0, min(position, self._edit.document().characterCount() - 1)))
        self._edit.setTextCursor(cursor)
        self._edit.ensureCursorVisible()

    def actions(self) -> list[QAction]:  # type: ignore[override]
        return list(self._actions.values())

    def action(self, name: str) -> QAction:
        """One editing action by name: bold, italic, link, heading1-3, quote, bullets,
        numbered, pullquote, find, replace, image, focus, smart."""
        return self._actions[name]

    def set_language(self, code: str) -> None:
        """The article's language: spelling switches to its dictionary and personal words.
        With a UI context the dictionary loads on a worker (reading and parsing a Hunspell
        file is I/O the GUI thread never waits on: opening an article, start-up); its
        underlines come when it is in (``spelling_ready``)."""
        code = code or "en"
        if code == self._language:
            return
        self._language = code
        key = spelling.normalise_language(code)
        personal = set(self._personal.get(key, set()))
        if key not in self._personal:
            self._load_personal_words(key)
        self.language_changed.emit(code)
        if self.ui_ctx is None:
            self._use_checker(code, spelling.SpellChecker(code, personal))
            return
        self.ui_ctx.tasks.run(
            lambda: spelling.SpellChecker(code, personal),
            lambda checker: self._use_checker(code, checker),
            owner=self,
        )

    def _use_checker(self, code: str, checker: spelling.SpellChecker) -> None:
        if code != self._language:  # another language was chosen while this one loaded
            return
        for word in self._personal.get(checker.language, ()):  # arrived meanwhile
            checker.add_personal(word)
        self._checker = checker
        if not checker.available:
            log.info("no spelling dictionary for %s; spell checking is off", code)
        with self._restyling():
            self.highlighter.set_checker(checker)
        self.spelling_ready.emit(code)

    @contextmanager
    def _restyling(self) -> Iterator[None]:
        """Highlighting the text again makes Qt report a text change: not an edit, so
        ``changed`` (autosave) must not hear of it (a dictionary that arrives later)."""
        loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = loading

    def language(self) -> str:
        return self._language

    def dictionary(self) -> str | None:
        """The spelling dictionary in use ("en_GB"), None when spell checking is off."""
        return self._checker.tag if self._checker is not None and self._checker.available else None

    def set_smart_typography(self, on: bool) -> None:
        self._edit.smart_typography = on
        self._actions["smart"].setChecked(on)

    def set_editor_font(self, family: str, point_size: float) -> None:
        """The writing font (``family`` empty: keep the current one); headings scale with it."""
        font = QFont(self._edit.font())
        if family:
            font.setFamily(family)
        font.setPointSizeF(point_size)
        self._edit.setFont(font)
        self.highlighter.styles = Styles(self._edit.palette(), point_size)
        self.highlighter.rehighlight()
        self._apply_margins()

    def changeEvent(self, event: QEvent) -> None:
        """A light/dark switch (or the system's) restyles the Markdown at once: the formats
        derive from the palette, so they are made again from the new one."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # This widget has the new palette already; its text area may get it just after.
            self.highlighter.styles = Styles(self.palette(), self._edit.font().pointSizeF())
            self.highlighter.rehighlight()

    def smart_typography(self) -> bool:
        return self._edit.smart_typography

    def set_focus_mode(self, on: bool) -> None:
        """Focus mode: the current line stays centred and the text column narrows; the main
        window hides its panes when ``focus_mode_changed`` says so."""
        if on == self._focus_mode:
            return
        self._focus_mode = on
        self._actions["focus"].setChecked(on)
        self._edit.setCenterOnScroll(on)
        self._apply_margins()
        if on:
            self._edit.centerCursor()
        self.focus_mode_changed.emit(on)

    def focus_mode(self) -> bool:
        return self._focus_mode

    def set_measure(self, on: bool) -> None:
        """A centred column of text (the Write layout), as focus mode has it."""
        self._measure = on
        self._apply_margins()

    # -- internals ----------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _on_cursor_moved(self) -> None:
        line = self._edit.textCursor().blockNumber()
        if self._focus_mode:
            self._edit.centerCursor()
        if line != self._last_line:
            self._last_line = line
            self.cursor_line_changed.emit(line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_margins()

    def _apply_margins(self) -> None:
        side = 0
        if self._focus_mode or self._measure:
            column = self._edit.fontMetrics().horizontalAdvance("m") * FOCUS_COLUMN_EM
            side = max(0, (self._edit.width() - column) // 2)
        self._edit.setViewportMargins(side, 0, side, 0)

    def _make_actions(self) -> dict[str, QAction]:
        edit = self._edit
        specs = [
            ("bold", "Bold", "Ctrl+B", "fa5s.bold", lambda c: formatting.wrap(c, "**")),
            ("italic", "Italic", "Ctrl+I", "fa5s.italic", lambda c: formatting.wrap(c, "*")),
            ("link", "Link", "Ctrl+K", "fa5s.link", lambda c: formatting.link(c)),
            ("heading1", "Heading 1", "Ctrl+1", "mdi6.format-header-1", lambda c: formatting.heading(c, 1)),
            ("heading2", "Heading 2", "Ctrl+2", "mdi6.format-header-2", lambda c: formatting.heading(c, 2)),
            ("heading3", "Heading 3", "Ctrl+3", "mdi6.format-header-3", lambda c: formatting.heading(c, 3)),
            ("quote", "Quote", "Ctrl+Shift+9", "fa5s.quote-right", lambda c: formatting.toggle_prefix(c, "quote")),
            ("bullets", "Bulleted list", "Ctrl+Shift+8", "fa5s.list-ul", lambda c: formatting.toggle_prefix(c, "bullet")),
            ("numbered", "Numbered list", "Ctrl+Shift+7", "fa5s.list-ol", lambda c: formatting.toggle_prefix(c, "numbered")),
            ("pullquote", "Pull quote", "Ctrl+Shift+0", "mdi6.comment-quote-outline", lambda c: formatting.pull_quote(c)),
            ("find", "Find…", "Ctrl+F", "fa5s.search", lambda _c: self.find_bar.open(replace=False)),
            ("replace", "Find and replace…", "Ctrl+H", "fa5s.exchange-alt", lambda _c: self.find_bar.open(replace=True)),
            ("image", "Insert image…", "Ctrl+Shift+I", "fa5s.image", lambda _c: self.insert_image_from_dialog()),
        ]  # fmt: skip
        actions: dict[str, QAction] = {}
        for name, text, keys, icon, slot in specs:
            action = QAction(palette_icon(icon), text, self)
            action.setObjectName(f"editor_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, s=slot: self._run(s))
            actions[name] = action
        focus = QAction(palette_icon("fa5s.expand"), "Focus mode", self, checkable=True)
        focus.setObjectName("editor_focus")
        focus.setShortcut(QKeySequence("Ctrl+Shift+D"))
        focus.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        focus.toggled.connect(self.set_focus_mode)
        actions["focus"] = focus
        smart = QAction("Smart quotes and dashes", self, checkable=True, checked=True)
        smart.setObjectName("editor_smart")
        smart.toggled.connect(lambda on: setattr(edit, "smart_typography", on))
        actions["smart"] = smart
        for action in actions.values():
            self.addAction(action)
        return actions

    def _run(self, command: Callable[[QTextCursor], None]) -> None:
        cursor = self._edit.textCursor()
        before = (cursor.anchor(), cursor.position())
        command(cursor)
        # Formatting commands move the cursor they were given; show that in the view.
        if (cursor.anchor(), cursor.position()) != before:
            self._edit.setTextCursor(cursor)

    # -- spelling -------------------------------------------------------------------------------
    def _load_personal_words(self, key: str) -> None:
        ui = self.ui_ctx
        if ui is None:
            self._personal[key] = set()
            return
        if not ui.is_open:
            return  # library_opened() loads them

        def done(words: set[str]) -> None:
            self._personal[key] = words
            if self._checker is not None and self._checker.language == key and words:
                for word in words:
                    self._checker.add_personal(word)
                with self._restyling():
                    self.highlighter.rehighlight()

        run_in_library(ui, lambda session: spelling.personal_words(session, key), done,
                       owner=self)  # fmt: skip

    def library_opened(self) -> None:
        """The window's library is open now: load the personal words of the language."""
        if self._language:
            self._load_personal_words(spelling.normalise_language(self._language))

    def add_to_dictionary(self, word: str) -> None:
        """Accept ``word`` from now on and keep it in the library's personal word list."""
        key = spelling.normalise_language(self._language)
        self._personal.setdefault(key, set()).add(word)
        if self._checker is not None:
            self._checker.add_personal(word)
        self._rehighlight_word(word)
        ui = self.ui_ctx
        if ui is not None:

            def save(session: Any) -> None:
                spelling.add_personal_word(session, word, key)

            run_in_library(ui, save, lambda _r: None, title="Dictionary", owner=self)

    def _rehighlight_word(self, word: str) -> None:
        block = self._edit.document().firstBlock()
        while block.isValid():
            if word in block.text():
                self.highlighter.rehighlightBlock(block)
            block = block.next()

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and self.ui_ctx is not None:
            self.ui_ctx.prompts.error("newsdesk", str(exc))
            return
        raise exc

    # -- images ---------------------------------------------------------------------------------
    def insert_image_from_dialog(self) -> None:
        if self.ui_ctx is None:
            return
        path = self.ui_ctx.prompts.open_path("Insert image", IMAGE_FILTER)
        if path:
            self._on_image_files([Path(path)])

    def _on_image_files(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                self._report(UserError(f"Cannot read image {path}: {exc.strerror or exc}"))
                continue
            self.insert_image_data(data, path.name)

    def insert_image_data(self, data: bytes, name: str) -> None:
        """Store image bytes as a library asset (off the GUI thread), then insert
        ``![alt](asset:SHA)`` where the cursor was, with the alt text selected to type over."""
        ui = self.ui_ctx
        if ui is None:
            return
        anchor = QTextCursor(self._edit.textCursor())  # follows edits made meanwhile

        def store(session: Any) -> str:
            from newsdesk.services.editing import add_asset

            return add_asset(session, data, name).sha256

        def done(sha: str) -> None:
            alt = Path(name).stem.replace("-", " ").replace("_", " ")
            anchor.insertText(f"![{alt}](asset:{sha})")
            start = anchor.position() - len(f"{alt}](asset:{sha})")
            anchor.setPosition(start)
            anchor.setPosition(start + len(alt), QTextCursor.MoveMode.KeepAnchor)
            self._edit.setTextCursor(anchor)
            self._edit.setFocus()

        run_in_library(ui, store, done, title="Insert image", owner=self)
