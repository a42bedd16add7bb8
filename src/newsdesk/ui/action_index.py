"""Every command of a window, read from its menus (so nothing can be missing or stale): the
command palette runs them by name and Help → Keyboard Shortcuts lists them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]  # ("File", "Export", "HTML Page…")
    action: QAction

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def where(self) -> str:
        return " › ".join(self.path[:-1])

    @property
    def keys(self) -> str:
        return keys_text(self.action)


# Keys a PC keyboard does not have: F13-F35 and the dedicated Undo, Cut, Copy... keys of old Sun
# keyboards. Qt's standard Undo, Cut, Copy and Paste carry them on Linux, and the list of
# shortcuts read "Ctrl+Z, F14, Undo" and "Ctrl+V, Ctrl+Shift+Ins, Shift+Ins, F18, Paste".
_NOT_ON_A_PC = frozenset(
    [int(getattr(Qt.Key, f"Key_F{n}")) for n in range(13, 36)]
    + [int(k) for k in (Qt.Key.Key_Undo, Qt.Key.Key_Redo, Qt.Key.Key_Cut, Qt.Key.Key_Copy,
                        Qt.Key.Key_Paste, Qt.Key.Key_Find, Qt.Key.Key_Open, Qt.Key.Key_Save,
                        Qt.Key.Key_New, Qt.Key.Key_Close)]
)  # fmt: skip


def keys_text(action: QAction) -> str:
    """An action's shortcuts as a person reads them, without keys their keyboard lacks (all of
    them if that were every one)."""
    native = QKeySequence.SequenceFormat.NativeText
    shortcuts = action.shortcuts()
    shown = [k for k in shortcuts if int(k[0].key()) not in _NOT_ON_A_PC] or shortcuts  # type: ignore[index]
    return ", ".join(k.toString(native) for k in shown)


def plain(text: str) -> str:
    """A menu text as people read it: no mnemonic ampersands ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _walk(menu: QMenu, path: tuple[str, ...], out: list[Command]) -> None:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, (*path, plain(action.text())), out)
        elif action.text():
            out.append(Command((*path, plain(action.text())), action))


def window_commands(window: QMainWindow) -> list[Command]:
    """The window's menu commands in menu order (an action in two menus is listed once)."""
    found: list[Command] = []
    for top in window.menuBar().actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            _walk(sub, (plain(top.text()),), found)
    seen: set[int] = set()
    unique = []
    for command in found:
        if id(command.action) not in seen:
            seen.add(id(command.action))
            unique.append(command)
    return unique


def matches(query: str, text: str) -> int | None:
    """A score for ``query`` as a subsequence of ``text`` (higher is better), None if absent.
    Whole-word starts and runs of consecutive letters score more: "mtt" finds "Move to Trash"."""
    query, text = query.casefold().strip(), text.casefold()
    if not query:
        return 0
    score, position, previous = 0, 0, -2
    for char in query:
        if char == " ":
            continue
        found = text.find(char, position)
        if found < 0:
            return None
        if found == previous + 1:
            score += 3
        if found == 0 or not text[found - 1].isalnum():
            score += 5
        score -= found - position  # gaps cost a little
        previous, position = found, found + 1
    if query in text:
        score += 20
    return score
