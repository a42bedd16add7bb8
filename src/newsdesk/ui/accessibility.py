"""Accessible names and descriptions for every control a person can reach with Tab.

A screen reader announces a control by its accessible name and description. Qt finds a name on
its own for a button (its text) or a field whose label is its buddy; everything else said
nothing ("edit", "combo box"). ``complete_accessibility`` walks a window or dialog once it is
built: form labels become the buddies and names of their fields (also when the field sits in a
layout of its own), icon-only buttons are named after their action or tooltip, and a control
without a description gets one from ``DESCRIPTIONS``, its tooltip or its placeholder.
``AccessibilityWatcher`` does this for every dialog of the main window as it is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

# What a field is for, said after its name; keyed by the name (a form label's text).
DESCRIPTIONS: dict[str, str] = {
    "Headline": "The article's headline, as the page and the library list show it",
    "Standfirst": "One or two sentences under the headline",
    "Byline": "The authors, separated by commas",
    "Dateline": "Where the story was reported from",
    "Section": "The section of the site the article belongs to",
    "Tags": "Type a tag and press Enter; commas separate several",
    "Language": "The article's language; spell checking follows it",
    "Status": "Draft, ready, published or archived",
    "Publish at": "The publication date and time",
    "Slug": "The last part of the article's web address; follows the headline until edited",
    "Image": "The featured image shown above the article",
    "Alt text": "What the image shows, read out to people who cannot see it",
    "Caption": "The text under the image",
    "Credit": "Who took or owns the image",
    "SEO text": "The summary search engines and link previews show",
    "Editor's note": "A note for the newsroom only; never published",
    "Article body": "The article's text in Markdown; the preview follows as you type",
    "Articles": "The library's articles; Enter opens the chosen one",
    "Search the library": "Words to find in headlines, text, tags and bylines",
    "Article details": "The article's headline, byline, tags and other fields",
    "Preview": "The published page as readers will see it",
    "Revision changes": "What changed between the chosen revisions, word by word",
    "Details": "Results and links; Tab moves between the links",
}


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def _first_field(layout: QLayout) -> QWidget | None:
    """The first control a person would type into inside a layout (a field with its counter)."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            if _focusable(widget) or widget.focusProxy() is not None:
                return widget
            inner = next((c for c in widget.findChildren(QWidget) if _focusable(c)), None)
            if inner is not None:
                return inner
        elif item.layout() is not None:
            found = _first_field(item.layout())  # type: ignore[arg-type]
            if found is not None:
                return found
    return None


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            found += [widget, *widget.findChildren(QWidget)]
        elif inner is not None:
            found += _layout_widgets(inner)
    return found


def _label_forms(root: QWidget) -> None:
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            label = label_item.widget()
            if not isinstance(label, QLabel):
                continue
            field = field_item.widget()
            row_layout = field_item.layout()
            if field is None and row_layout is not None:
                field = _first_field(row_layout)
            if field is None:
                continue
            if label.buddy() is None:
                label.setBuddy(field)
            text = _clean(label.text())
            if not field.accessibleName():
                field.setAccessibleName(text)
            if row_layout is not None:  # the other controls of the row: "Publish at" date
                for other in _layout_widgets(row_layout):
                    unnamed = not other.accessibleName() and not _derived_name(other)
                    if other is not field and _focusable(other) and unnamed:
                        other.setAccessibleName(text)


def _label_buddies(root: QWidget) -> None:
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName() and _clean(label.text()):
            buddy.setAccessibleName(_clean(label.text()))


def _derived_name(widget: QWidget) -> str:
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        return _clean(widget.defaultAction().text())  # type: ignore[union-attr]
    if isinstance(widget, QAbstractButton) and _clean(widget.text()):
        return _clean(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.placeholderText():
        return widget.placeholderText().rstrip("…").strip()
    if widget.toolTip():
        return _clean(widget.toolTip().split("(")[0])
    if isinstance(widget, QTabBar):
        return "Pages"
    if isinstance(widget, QLabel):  # a label made focusable for its links: a report
        return "Details"
    if isinstance(widget, QAbstractItemView):  # the list a dialog is about: "Sections"
        return _clean(widget.window().windowTitle())
    return ""


def _derived_description(widget: QWidget, name: str) -> str:
    if name in DESCRIPTIONS:
        return DESCRIPTIONS[name]
    tip = widget.toolTip()
    if tip and _clean(tip) != name:
        return tip
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        placeholder = widget.placeholderText()
        if placeholder and placeholder != name:
            return placeholder
    if bool(getattr(widget, "isReadOnly", lambda: False)()):
        return "Read-only text; read it with the arrow keys"
    return _KIND_HINTS.get(_kind(widget), "")


def _kind(widget: QWidget) -> str:
    for kind, types in (
        ("text", (QLineEdit, QPlainTextEdit, QTextEdit)),
        ("choice", (QComboBox,)),
        ("number", (QAbstractSpinBox,)),
        ("list", (QAbstractItemView,)),
        ("tabs", (QTabBar,)),
        ("button", (QAbstractButton,)),
    ):
        if isinstance(widget, types):
            return kind
    return ""


_KIND_HINTS = {
    "text": "Type here",
    "choice": "Choose one from the list",
    "number": "Type a value or step it with the arrow keys",
    "list": "Move with the arrow keys",
    "button": "Press Space to activate",
    "tabs": "Choose a page with the arrow keys",
}


def accessible_text(widget: QWidget) -> tuple[str, str]:
    """(name, description) as a screen reader gets them from Qt's accessibility interface."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return "", ""
    if isinstance(widget, QTabBar) and widget.currentIndex() >= 0:
        # the focus is on the current tab, which a screen reader announces
        tab = iface.child(widget.currentIndex())
        iface = tab if tab is not None else iface
    return iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Description)


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader says: its accessible name, else the label it is the buddy
    of (on Linux a combo box's accessible "name" is its value; the label comes by relation)."""
    if widget.accessibleName().strip():
        return widget.accessibleName()
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and _clean(label.text()):
            return _clean(label.text())
    return accessible_text(widget)[0]


def _describe_tabs(root: QWidget) -> None:
    """A tab bar's description is its current tab's tooltip."""
    for bar in root.findChildren(QTabBar):
        for i in range(bar.count()):
            if not bar.tabToolTip(i):
                bar.setTabToolTip(i, f"The {_clean(bar.tabText(i))} page")


def complete_accessibility(root: QWidget) -> None:
    """Name and describe every control under ``root`` that has no name or description."""
    _label_forms(root)
    _label_buddies(root)
    _describe_tabs(root)
    # Read from the widgets, not through QAccessible: asking Qt for accessibility interfaces
    # starts its accessibility machinery (~0.4 s at start-up) even with no screen reader.
    for widget in [root, *root.findChildren(QWidget)]:
        if not _focusable(widget):
            continue
        if not widget.accessibleName():
            derived = _derived_name(widget)
            if derived:
                widget.setAccessibleName(derived)
        if not widget.accessibleDescription():
            text = _derived_description(widget, widget.accessibleName())
            if text:
                widget.setAccessibleDescription(text)


def name(widget: QWidget, text: str, description: str = "") -> None:
    """Name a control that has no label (the library list, the body editor…)."""
    widget.setAccessibleName(text)
    widget.setAccessibleDescription(description or DESCRIPTIONS.get(text, ""))


_DONE = "newsdeskAccessibilityDone"


class AccessibilityWatcher(QObject):
    """Completes each dialog of a window as it is first shown (Qt tells the parent with a
    ChildPolished event, after the dialog has built its controls)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)
        for dock in window.findChildren(QDockWidget):  # their panels come later (history…)
            dock.visibilityChanged.connect(
                lambda visible, d=dock: complete_accessibility(d) if visible else None
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and child.isWindow() and not child.property(_DONE):
                child.setProperty(_DONE, True)
                complete_accessibility(child)
        return False


def label_main_window(window: QWidget) -> None:
    """Name the main window's panes that no label names, then complete the rest."""
    panes = (
        ("library", "table", "Articles"),
        ("library", "search_box", "Search the library"),
        ("editor", "text_edit", "Article body"),
        ("metadata_area", None, "Article details"),
        ("preview", "view", "Preview"),
        ("history", "view", "Revision changes"),
    )
    for owner_name, part, text in panes:
        owner = getattr(window, owner_name, None)
        target = getattr(owner, part, None) if part and owner is not None else owner
        if isinstance(target, QWidget) and not target.accessibleName():
            name(target, text)
            proxy = target.focusProxy()
            if proxy is not None and not proxy.accessibleName():
                name(proxy, text)
    complete_accessibility(window)
