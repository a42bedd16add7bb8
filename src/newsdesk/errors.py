"""The expected errors: each carries a message a person can act on.

Anything that is not a ``UserError`` is a bug and reaches the crash dialog (GUI) or a traceback
in the log (CLI).
"""


class UserError(Exception):
    """An error caused by input or environment that the user can fix; the message says how."""


class NotFoundError(UserError):
    """A named thing (article, section, tag, file) does not exist."""


class LibraryError(UserError):
    """The library file cannot be opened, is damaged, or was made by a newer newsdesk."""


class LibraryBusy(LibraryError):
    """Another program held the library's write lock longer than the wait (a long import)."""


class ConflictError(UserError):
    """A save was refused because someone else changed the same record first."""


class ImportFailed(UserError):
    """An import was rejected; nothing of it was written."""
