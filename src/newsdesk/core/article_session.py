"""The open article as every pane sees it: one Qt-free object holding what is saved, what is
shown (saved plus unsaved changes) and the save state, telling its observers each change.

The window feeds it (an article loaded, a field typed, a save landed, another process saved);
the panes observe it (status bar, title, inspector strip, preview, library row, history,
publish dialog), so no pane shows something other than the others. Typing in the body only
flags the body as changed: the text itself is read from the editor when someone asks
(``body()``), so a keystroke costs one flag and one call per observer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from newsdesk.domain.record import ArticleRecord


class SaveState(Enum):
    NONE = "none"  # no article open
    SAVED = "saved"
    SAVING = "saving"
    NOT_SAVED = "not_saved"  # a write failed or a conflict waits: the text is kept, retried

    @classmethod
    def of(cls, text: str) -> SaveState:
        """The autosave's status line as a state."""
        if text.startswith("Not saved"):
            return cls.NOT_SAVED
        return cls.SAVING if text.startswith("Saving") else cls.SAVED


class Event(Enum):
    OPENED = "opened"  # another article (or none) is shown: read everything again
    FIELD = "field"  # a metadata field changed (detail: its name)
    BODY = "body"  # the body was typed in
    SAVED = "saved"  # a save landed (detail: the stored record)
    STATE = "state"  # the save state or its message changed
    RELOADED = "reloaded"  # the library's version replaced what was shown (elsewhere, restore)
    REVISIONS = "revisions"  # the article's history gained or lost revisions (detail: its id)


@dataclass(frozen=True)
class Change:
    event: Event
    detail: Any = None


Observer = Callable[[Change], None]


class ArticleSession:
    def __init__(self) -> None:
        self._observers: list[Observer] = []
        self.saved: ArticleRecord | None = None  # the library's version, as last loaded/saved
        self._fields: dict[str, Any] = {}  # changed fields not saved yet
        self._body: Callable[[], str] | None = None
        self.state = SaveState.NONE
        self.message = ""  # the save state in words ("Not saved: the disk is full")

    # -- observing --------------------------------------------------------------------------
    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` on every change; returns the function that unsubscribes."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    def _tell(self, event: Event, detail: Any = None) -> None:
        change = Change(event, detail)
        for observer in list(self._observers):
            observer(change)

    # -- what the panes read ------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.saved is not None

    @property
    def article_id(self) -> int | None:
        return self.saved.id if self.saved is not None else None

    def body(self) -> str:
        if self._body is not None:
            return self._body()
        return self.saved.body if self.saved is not None else ""

    def current(self) -> ArticleRecord | None:
        """The article as the person sees it: the saved version plus unsaved changes."""
        if self.saved is None:
            return None
        return replace(self.saved, **self._fields, body=self.body())

    def headline(self) -> str:
        if self.saved is None:
            return ""
        return str(self._fields.get("headline", self.saved.headline) or "")

    # -- what the window tells it ---------------------------------------------------------------
    def open(self, record: ArticleRecord | None, body: Callable[[], str] | None = None) -> None:
        self.saved, self._fields, self._body = record, {}, body
        self.state, self.message = (SaveState.SAVED, "Saved") if record else (SaveState.NONE, "")
        self._tell(Event.OPENED, record)

    def change_field(self, name: str, value: Any) -> None:
        if self.saved is None:
            return
        self._fields[name] = value
        self._tell(Event.FIELD, name)

    def body_typed(self) -> None:
        if self.saved is not None:
            self._tell(Event.BODY)

    def stored(self, record: ArticleRecord, fields_saved: dict[str, Any] | None = None) -> None:
        """A save landed: ``record`` is what the library holds now."""
        if self.saved is None or record.id != self.saved.id:
            return
        self.saved = record
        for name in list(self._fields):
            if getattr(record, name, object()) == self._fields[name]:
                del self._fields[name]
        self._tell(Event.SAVED, record)

    def reloaded(self, record: ArticleRecord) -> None:
        """The library's version replaces what was shown (a restore, another process)."""
        if self.saved is None or record.id != self.saved.id:
            return
        self.saved, self._fields = record, {}
        self._tell(Event.RELOADED, record)

    def revisions_changed(self, article_id: int) -> None:
        """A revision of the open article was recorded (Ctrl+S, a checkpoint, another desk)."""
        if self.saved is not None and article_id == self.saved.id:
            self._tell(Event.REVISIONS, article_id)

    def set_state(self, text: str) -> None:
        state = SaveState.of(text) if self.saved is not None else SaveState.NONE
        if (state, text) != (self.state, self.message):
            self.state, self.message = state, text
            self._tell(Event.STATE, state)
