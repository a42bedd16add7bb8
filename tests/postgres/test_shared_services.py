"""The service tests of articles, editing, tags, sections, history, the library list, search,
the static site and bundles (export and import), run again on a PostgreSQL library: the
``ctx`` and ``sample_ctx`` fixtures of this folder put each test on a fresh PostgreSQL
database."""

from __future__ import annotations

from tests.core.test_articles import *  # noqa: F403
from tests.core.test_library_view import *  # noqa: F403
from tests.core.test_revisions import *  # noqa: F403
from tests.core.test_search import *  # noqa: F403
from tests.core.test_sections import *  # noqa: F403
from tests.core.test_tags import *  # noqa: F403
from tests.export.test_bundle import *  # noqa: F403
from tests.export.test_site import *  # noqa: F403
from tests.importers.test_bundle import *  # noqa: F403
from tests.services.test_editing import *  # noqa: F403

# About the library file only (permissions on it, SQLite's own error messages, its bytes).
del test_unwritable_library_is_a_clear_user_error_and_recovers  # noqa: F821
del test_sqlite_errors_map_to_reasons  # noqa: F821
del test_hostile_bundles_are_refused_and_the_library_is_unchanged  # noqa: F821
del test_killed_export_leaves_a_whole_site  # noqa: F821
# 720 saves in a row: 18 s here for code paths the other history tests already cover.
del test_two_hour_typing_session_leaves_a_bounded_history  # noqa: F821

# The incremental re-export tests (tests.export.test_site) run here as plain tests: revision
# 0017 gives PostgreSQL the change tracking SQLite has from 0009 and 0016.
