"""The metadata panel: headline, standfirst, byline, section, tags, status, dates, slug,
featured image and notes. Every edit is reported as ``field_changed(name, value)``."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.settings import SiteSettings
from newsdesk.domain.record import ArticleRecord
from newsdesk.domain.slugs import slugify
from newsdesk.domain.status import STATUSES, status_label
from newsdesk.errors import UserError
from newsdesk.ui.icons import icon
from newsdesk.ui.metadata.headline import HeadlineEdit
from newsdesk.ui.metadata.language import chosen_language, fill_language_box, show_language
from newsdesk.ui.metadata.tags import TagEditor
from newsdesk.ui.tags.suggest import TagSuggestions
from newsdesk.ui.wheel import wheel_only_when_focused

if TYPE_CHECKING:
    from newsdesk.ui.context import UiContext

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.webp)"


def _short_text(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class BudgetLabel(QLabel):
    """“42 / 90”, in the warning colour past the site's budget."""

    def show_count(self, count: int, budget: int) -> None:
        over = count > budget
        self.setText(f"{count} / {budget}")
        self.setProperty("over", over)
        self.setStyleSheet("color: #c0392b; font-weight: bold;" if over else "")
        self.setToolTip(
            f"{count - budget} characters over the site's budget of {budget}" if over else ""
        )


class MetadataPanel(QWidget):
    field_changed = Signal(str, object)

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.settings = SiteSettings()
        self._loading = False
        self._slug_auto = True
        self._build()
        self._connect()
        self.setEnabled(False)

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.headline = HeadlineEdit(placeholderText="Headline")
        self.headline.setObjectName("headlineEdit")
        self.headline_count = BudgetLabel()
        self.standfirst = _short_text(3)
        self.standfirst.setPlaceholderText(
            "The standfirst: one or two sentences under the headline"
        )
        self.standfirst_count = BudgetLabel()
        self.byline = QLineEdit(placeholderText="Authors, separated by commas")
        self.dateline = QLineEdit(placeholderText="e.g. Port Saltmere")
        self.section = QComboBox(editable=True)
        line = self.section.lineEdit()
        if line is not None:
            line.setPlaceholderText("No section")
        self.tags = TagEditor()
        self.tag_suggestions = TagSuggestions(self.ui_ctx)
        self.language = QComboBox(editable=True)
        self.language.setToolTip("The article's language: spell checking follows it")
        fill_language_box(self.language)
        self.status = QComboBox()
        for value in STATUSES:
            self.status.addItem(status_label(value), value)
        self.publish_set = QCheckBox("Set")
        self.publish_at = QDateTimeEdit(calendarPopup=True)
        self.publish_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.slug = QLineEdit()
        self.image_preview = QLabel("No featured image")
        self.image_preview.setMinimumHeight(48)
        self.image_choose = QPushButton(icon("fa5s.image"), "Choose…")
        self.image_remove = QPushButton(icon("fa5s.times"), "Remove")
        self.image_alt = QLineEdit(placeholderText="What the image shows (for screen readers)")
        self.image_caption = QLineEdit()
        self.image_credit = QLineEdit()
        self.seo_description = _short_text(2)
        self.editors_note = _short_text(2)
        self.editors_note.setPlaceholderText("Only for the newsroom; never published")

        # The inspector scrolls: the wheel passing over a chooser must not change it.
        wheel_only_when_focused(self.section, self.language, self.status, self.publish_at)

        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # extra height goes below the fields, not between them
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A compact inspector: labels above their fields, so a narrow column still fits.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Headline", self._with(self.headline, self.headline_count))
        form.addRow("Standfirst", self._with(self.standfirst, self.standfirst_count))
        form.addRow("Byline", self.byline)
        form.addRow("Dateline", self.dateline)
        form.addRow("Section", self.section)
        tags_box = QVBoxLayout()
        tags_box.setSpacing(2)
        tags_box.addWidget(self.tags)
        tags_box.addWidget(self.tag_suggestions)
        form.addRow("Tags", tags_box)
        form.addRow("Language", self.language)
        form.addRow("Status", self.status)
        publish = QHBoxLayout()
        publish.addWidget(self.publish_set)
        publish.addWidget(self.publish_at, 1)
        form.addRow("Publish at", publish)
        form.addRow("Slug", self.slug)
        image_buttons = QHBoxLayout()
        image_buttons.addWidget(self.image_choose)
        image_buttons.addWidget(self.image_remove)
        image_buttons.addStretch(1)
        image_box = QVBoxLayout()
        image_box.addWidget(self.image_preview)
        image_box.addLayout(image_buttons)
        form.addRow("Image", image_box)
        form.addRow("Alt text", self.image_alt)
        form.addRow("Caption", self.image_caption)
        form.addRow("Credit", self.image_credit)
        form.addRow("SEO text", self.seo_description)
        form.addRow("Editor's note", self.editors_note)

    @staticmethod
    def _with(field: QWidget, counter: QLabel) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(field)
        counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        box.addWidget(counter)
        return box

    def _connect(self) -> None:
        self.headline.textEdited.connect(self._on_headline)
        self.standfirst.textChanged.connect(
            lambda: self._emit("standfirst", self.standfirst.toPlainText())
        )
        self.byline.textEdited.connect(
            lambda text: self._emit("byline", [a.strip() for a in text.split(",") if a.strip()])
        )
        self.dateline.textEdited.connect(lambda text: self._emit("dateline", text))
        self.section.currentTextChanged.connect(
            lambda text: self._emit("section", text.strip() or None)
        )
        self.tags.tags_changed.connect(lambda tags: self._emit("tags", tags))
        self.tag_suggestions.tag_chosen.connect(self.tags.add_tag)
        self.language.currentTextChanged.connect(
            lambda _text: self._emit("language", self.language_code())
        )
        self.status.currentIndexChanged.connect(
            lambda _i: self._emit("status", self.status.currentData())
        )
        self.publish_set.toggled.connect(self._on_publish_changed)
        self.publish_at.dateTimeChanged.connect(self._on_publish_changed)
        self.slug.textEdited.connect(self._on_slug_edited)
        self.image_choose.clicked.connect(self.choose_image)
        self.image_remove.clicked.connect(lambda: self._set_image(None))
        for name, edit in (
            ("image_alt", self.image_alt),
            ("image_caption", self.image_caption),
            ("image_credit", self.image_credit),
        ):
            edit.textEdited.connect(lambda text, n=name: self._emit(n, text))
        for name, box in (
            ("seo_description", self.seo_description),
            ("editors_note", self.editors_note),
        ):
            box.textChanged.connect(lambda n=name, b=box: self._emit(n, b.toPlainText()))

    def language_code(self) -> str:
        """The article language chosen or typed, as a code ("Deutsch" → "de")."""
        return chosen_language(self.language)

    def suggest_tags_for(self, text: str | Callable[[], str]) -> None:
        """The body changed: suggest library tags named in it (debounced by the strip; a
        function giving the body is read once typing pauses, not on every keystroke)."""

        def words() -> str:
            body = text() if callable(text) else text
            return f"{self.headline.text()}\n{self.standfirst.toPlainText()}\n{body}"

        self.tag_suggestions.set_text(words, self.tags.tags())

    # -- loading ------------------------------------------------------------------------------

    def set_choices(self, sections: list[str], tags: list[str], settings: SiteSettings) -> None:
        self.settings = settings
        current = self.section.currentText()
        self._loading = True
        try:
            self.section.clear()
            self.section.addItems(["", *sections])
            self.section.setCurrentText(current)
        finally:
            self._loading = False
        self.tags.set_known_tags(tags)
        self._update_counts()

    def load(self, rec: ArticleRecord) -> None:
        self._loading = True
        try:
            self.headline.setText(rec.headline)
            self.headline.setCursorPosition(0)  # show the start of a long headline
            self.standfirst.setPlainText(rec.standfirst)
            self.byline.setText(", ".join(rec.byline))
            self.dateline.setText(rec.dateline)
            self.section.setCurrentText(rec.section or "")
            self.tags.set_tags(rec.tags)
            show_language(self.language, rec.language or "en")
            self.status.setCurrentIndex(max(self.status.findData(rec.status), 0))
            self.publish_set.setChecked(rec.published_at is not None)
            moment = rec.published_at or datetime.now(UTC)
            self.publish_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
            self.publish_at.setEnabled(rec.published_at is not None)
            self.slug.setText(rec.slug)
            self._slug_auto = _slug_follows(rec.slug, rec.headline, self.settings.slug_style)
            self.image_alt.setText(rec.image_alt)
            self.image_caption.setText(rec.image_caption)
            self.image_credit.setText(rec.image_credit)
            for edit in (self.image_alt, self.image_caption):
                edit.setCursorPosition(0)
            self.seo_description.setPlainText(rec.seo_description)
            self.editors_note.setPlainText(rec.editors_note)
            self._show_image(rec.image_sha256)
        finally:
            self._loading = False
        self._update_counts()
        self.setEnabled(True)

    def clear(self) -> None:
        self.load(ArticleRecord())
        self.setEnabled(False)

    def apply_saved(self, rec: ArticleRecord) -> None:
        """After a save: show a slug the library had to make unique."""
        if rec.slug != self.slug.text() and not self.slug.hasFocus() and self._slug_auto:
            self._loading = True
            self.slug.setText(rec.slug)
            self._loading = False

    # -- edits --------------------------------------------------------------------------------

    def _emit(self, name: str, value: Any) -> None:
        if not self._loading:
            self._update_counts()
            self.field_changed.emit(name, value)

    def _on_headline(self, text: str) -> None:
        self._emit("headline", text)
        if self._slug_auto and not self._loading:
            self.slug.setText(slugify(text or "untitled", style=self.settings.slug_style))
            self._emit("slug", self.slug.text())

    def _on_slug_edited(self, text: str) -> None:
        self._slug_auto = not text.strip()  # emptied: follow the headline again
        self._emit(
            "slug",
            text.strip()
            or slugify(self.headline.text() or "untitled", style=self.settings.slug_style),
        )

    def _on_publish_changed(self, *_args: Any) -> None:
        self.publish_at.setEnabled(self.publish_set.isChecked())
        if not self.publish_set.isChecked():
            self._emit("published_at", None)
            return
        seconds = self.publish_at.dateTime().toSecsSinceEpoch()
        self._emit("published_at", datetime.fromtimestamp(seconds, UTC))

    def _update_counts(self) -> None:
        self.headline_count.show_count(len(self.headline.text()), self.settings.headline_budget)
        self.standfirst_count.show_count(
            len(self.standfirst.toPlainText()), self.settings.standfirst_budget
        )

    # -- featured image -----------------------------------------------------------------------

    def choose_image(self) -> None:
        path = self.ui_ctx.prompts.open_path("Featured image", IMAGE_FILTER)
        if not path:
            return
        ctx = self.ui_ctx.services

        def store() -> str:
            from newsdesk.services.editing import add_asset_file, storage_errors

            with storage_errors(), ctx.session() as session:
                return add_asset_file(session, Path(path)).sha256

        self.ui_ctx.tasks.run(store, self._set_image, self._on_error)

    def _set_image(self, sha: str | None) -> None:
        self._show_image(sha)
        self._emit("image_sha256", sha)

    def _show_image(self, sha: str | None) -> None:
        self.image_remove.setEnabled(sha is not None)
        if sha is None:
            self.image_preview.setPixmap(QPixmap())
            self.image_preview.setText("No featured image")
            return
        ctx = self.ui_ctx.services

        def load() -> bytes:
            from newsdesk.services.editing import get_asset, storage_errors

            with storage_errors(), ctx.session() as session:
                return get_asset(session, sha).data

        def show(data: bytes) -> None:
            pixmap = QPixmap()
            pixmap.loadFromData(data)
            self.image_preview.setPixmap(
                pixmap.scaledToHeight(96, Qt.TransformationMode.SmoothTransformation)
            )

        self.ui_ctx.tasks.run(load, show, self._on_error)

    def _on_error(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.ui_ctx.prompts.error("Featured image", str(exc))


def _slug_follows(slug: str, headline: str, style: str) -> bool:
    """True when the slug is still the one made from the headline (maybe numbered)."""
    base = slugify(headline or "untitled", style=style)
    return slug == base or re.fullmatch(re.escape(base) + r"-\d+", slug) is not None
