"""The UI context: the services context plus the prompt seam, the task runner and icons.

Created once by ``ui.app`` and passed to every widget that needs it; tests build one with
``ScriptedPrompts`` so no modal box ever blocks a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.services.context import AppContext
from newsdesk.ui.prompts import Prompts
from newsdesk.ui.tasks import TaskRunner


@dataclass
class UiContext:
    services: AppContext
    prompts: Prompts
    tasks: TaskRunner = field(default_factory=TaskRunner)
