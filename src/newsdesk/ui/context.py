"""The UI context: the services context plus the prompt seam and the task runner.

Created once by ``ui.app`` and passed to every widget that needs it; tests build one with
``ScriptedPrompts`` so no modal box ever blocks a test. At start-up the window is built on a
context whose library is still opening (``services=None``): ``open_with`` gives it the library
once it is open, and until then the panes are disabled and nothing asks for ``services``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services (and SQLAlchemy) load on the worker opening the library
    from newsdesk.services.opening import AppContext
    from newsdesk.ui.prompts import Prompts


class LibraryNotOpen(RuntimeError):
    """A pane asked for the library before it was open (a bug: panes are disabled until then)."""


class UiContext:
    def __init__(
        self, services: AppContext | None, prompts: Prompts, tasks: TaskRunner | None = None
    ) -> None:
        self._services = services
        self.prompts = prompts
        self.tasks = tasks if tasks is not None else TaskRunner()

    @property
    def services(self) -> AppContext:
        if self._services is None:
            raise LibraryNotOpen("the library is still opening")
        return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def open_with(self, services: AppContext) -> None:
        """The library is open: from now on the panes use ``services``."""
        assert self._services is None, "a window's library is opened once"
        self._services = services
