"""The Trash on a shared PostgreSQL library: the same tests as on SQLite (ids from a
sequence, the generated search column left to the server)."""

from tests.services.test_trash import (  # noqa: F401 - collected here with the PostgreSQL ctx
    test_empty_deletes_for_good,
    test_restore_brings_back_tags_images_revisions_and_remote_posts,
    test_restore_keeps_the_id_when_it_is_free,
    test_restore_refuses_when_the_same_article_came_back_by_import,
    test_trashed_article_leaves_list_search_export_and_outbox,
)
