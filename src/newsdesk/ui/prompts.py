"""The one seam through which the app asks or tells the person something."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)

from newsdesk.ui.file_folders import remember, start


class Question:
    """A question left open while the app goes on (``Prompts.confirm_later``): answered by the
    person, or ``withdraw``-n by the app once it no longer applies (the save it was about
    succeeded meanwhile), so a stale question never stays on screen."""

    def __init__(self, on_answer: Callable[[bool], None]) -> None:
        self._on_answer: Callable[[bool], None] | None = on_answer
        self.withdrawn = False

    @property
    def open(self) -> bool:
        return self._on_answer is not None

    def answer(self, yes: bool) -> None:
        callback, self._on_answer = self._on_answer, None
        if callback is not None:
            callback(yes)

    def withdraw(self) -> None:
        if self._on_answer is not None:
            self._on_answer, self.withdrawn = None, True
            self._close()

    def _close(self) -> None:
        """Take the question off the screen (the dialog's part)."""


class _BoxQuestion(Question):
    def __init__(self, box: QMessageBox, ok: QAbstractButton, on_answer: Callable[[bool], None]):
        super().__init__(on_answer)
        self._box = box
        box.finished.connect(lambda _result: self.answer(box.clickedButton() is ok))

    def _close(self) -> None:
        self._box.close()
        self._box.deleteLater()


@dataclass(frozen=True)
class VersionChoice:
    """Two versions of one article to choose between (``Prompts.choose_version``): field label
    → text for each side, and the answers offered."""

    title: str
    text: str
    theirs: dict[str, str]
    mine: dict[str, str]
    options: Sequence[str]


class Prompts:
    """Modal questions and messages, as Qt dialogs. Tests use ``ScriptedPrompts``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def _confirm_box(
        self, title: str, text: str, ok: str, destructive: bool
    ) -> tuple[QMessageBox, QAbstractButton]:
        """The question box of ``confirm`` and ``confirm_later``, and its OK button."""
        box = QMessageBox(
            QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
            title,
            text,
            parent=self.parent,
        )
        role = (
            QMessageBox.ButtonRole.DestructiveRole
            if destructive
            else QMessageBox.ButtonRole.AcceptRole
        )
        ok_button = box.addButton(ok, role)
        box.addButton(QMessageBox.StandardButton.Cancel)
        return box, ok_button

    def confirm(self, title: str, text: str, *, ok: str = "OK", destructive: bool = False) -> bool:
        box, ok_button = self._confirm_box(title, text, ok, destructive)
        box.exec()
        return box.clickedButton() is ok_button

    def confirm_later(
        self,
        title: str,
        text: str,
        on_answer: Callable[[bool], None],
        *,
        ok: str = "OK",
        destructive: bool = False,
    ) -> Question:
        """``confirm`` without blocking: the box is window-modal, ``on_answer`` gets the
        answer, and the app may ``withdraw`` the question while it is shown."""
        box, ok_button = self._confirm_box(title, text, ok, destructive)
        question = _BoxQuestion(box, ok_button, on_answer)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return question

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        text, accepted = QInputDialog.getText(self.parent, title, label, text=default)
        return text if accepted else None

    def choose(
        self, title: str, label: str, options: Sequence[str], current: int = 0
    ) -> str | None:
        item, accepted = QInputDialog.getItem(
            self.parent, title, label, list(options), current, False
        )
        return item if accepted else None

    def choose_version(self, choice: VersionChoice) -> str | None:
        """The two versions side by side; the chosen option, or None if the person cancelled."""
        from newsdesk.ui.conflict import ConflictDialog

        dialog = ConflictDialog(choice, self.parent)
        dialog.exec()
        return dialog.choice

    # The file dialogs open where the same kind of file was last chosen (``file_folders``).
    def open_path(self, title: str, filters: str = "", *, directory: bool = False) -> str | None:
        key = filters or title
        if directory:
            path = QFileDialog.getExistingDirectory(self.parent, title, start(key))
        else:
            path, _ = QFileDialog.getOpenFileName(self.parent, title, start(key, filters), filters)
        remember(key, path, directory=directory)
        return path or None

    def open_paths(self, title: str, filters: str = "") -> list[str]:
        key = filters or title
        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, start(key, filters), filters)
        if paths:
            remember(key, paths[0])
        return list(paths)

    def site_folder(self, title: str, suggested: str) -> str | None:
        """A folder for a static site, typed or chosen; it need not exist yet."""
        from newsdesk.ui.site_folder import SiteFolderDialog

        dialog = SiteFolderDialog(title, suggested, self.parent)
        return dialog.chosen() if dialog.exec() == SiteFolderDialog.DialogCode.Accepted else None

    def save_path(self, title: str, suggested: str = "", filters: str = "") -> str | None:
        key = filters or title
        path, _ = QFileDialog.getSaveFileName(
            self.parent, title, start(key, filters, suggested), filters
        )
        remember(key, path)
        return path or None

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)


class ScriptedPrompts(Prompts):
    """Answers from a script, records what was asked: for tests (nothing modal is shown).

    ``answers`` is consumed in order by confirm, ask_text, choose, choose_version, open_path,
    open_paths and save_path; when it runs out, confirm answers False, open_paths an empty
    list and the others None. ``confirm_later`` questions wait in ``questions`` instead.
    """

    def __init__(self, answers: Sequence[Any] = ()) -> None:
        super().__init__(None)
        self.answers: deque[Any] = deque(answers)
        self.asked: list[tuple[str, str, str]] = []
        self.questions: list[Question] = []
        self.compared: list[tuple[dict[str, str], dict[str, str]]] = []  # choose_version's

    def _next(self, kind: str, title: str, text: str, fallback: Any) -> Any:
        self.asked.append((kind, title, text))
        return self.answers.popleft() if self.answers else fallback

    def confirm(self, title: str, text: str, *, ok: str = "OK", destructive: bool = False) -> bool:
        return bool(self._next("confirm", title, text, False))

    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        return self._next("ask_text", title, label, None)  # type: ignore[no-any-return]

    def choose(
        self, title: str, label: str, options: Sequence[str], current: int = 0
    ) -> str | None:
        return self._next("choose", title, label, None)  # type: ignore[no-any-return]

    def choose_version(self, choice: VersionChoice) -> str | None:
        self.compared.append((choice.theirs, choice.mine))
        return self._next("choose_version", choice.title, choice.text, None)  # type: ignore[no-any-return]

    def open_path(self, title: str, filters: str = "", *, directory: bool = False) -> str | None:
        return self._next("open_path", title, filters, None)  # type: ignore[no-any-return]

    def open_paths(self, title: str, filters: str = "") -> list[str]:
        return self._next("open_paths", title, filters, []) or []  # type: ignore[no-any-return]

    def site_folder(self, title: str, suggested: str) -> str | None:
        return self._next("site_folder", title, suggested, None)  # type: ignore[no-any-return]

    def save_path(self, title: str, suggested: str = "", filters: str = "") -> str | None:
        return self._next("save_path", title, suggested, None)  # type: ignore[no-any-return]

    def confirm_later(
        self, title: str, text: str, on_answer: Callable[[bool], None], **_shown_as: Any
    ) -> Question:
        """Recorded and left open in ``questions``: the test answers it (or sees it withdrawn)."""
        self.asked.append(("confirm_later", title, text))
        question = Question(on_answer)
        self.questions.append(question)
        return question

    def error(self, title: str, text: str) -> None:
        self.asked.append(("error", title, text))

    def info(self, title: str, text: str) -> None:
        self.asked.append(("info", title, text))

    @property
    def errors(self) -> list[str]:
        return [text for kind, _title, text in self.asked if kind == "error"]
