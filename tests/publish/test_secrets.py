"""Secrets per library: keyring entries keyed by the library's UUID and the target's name."""

from __future__ import annotations

import keyring
import pytest
from tests.conftest import run_cli

from conftest import WEBHOOK_SECRET
from newsdesk.errors import NotFoundError, UserError
from newsdesk.publish import secrets
from newsdesk.services import publishing
from newsdesk.services.opening import open_context
from newsdesk.services.outbox import drain_outbox


@pytest.fixture
def two(tmp_path):
    first = open_context(str(tmp_path / "a.newsdesk"), seed=False)
    second = open_context(str(tmp_path / "b.newsdesk"), seed=False)
    yield first, second
    first.close()
    second.close()


def _secret(ctx, name):
    with ctx.session() as s:
        return secrets.get_secret(publishing.get_target(s, name).library, name)


def test_two_libraries_keep_separate_secrets(two, webhook_server):
    a, b = two
    with a.session() as s:
        publishing.add_target(s, "blog", "webhook", webhook_server.url, secret="secret-of-a")
    with b.session() as s:
        publishing.add_target(s, "blog", "webhook", webhook_server.url, secret="secret-of-b")
    assert (_secret(a, "blog"), _secret(b, "blog")) == ("secret-of-a", "secret-of-b")
    with a.session() as s, b.session() as t:
        assert secrets.library_uuid(s) != secrets.library_uuid(t)
        assert secrets.library_uuid(s) == secrets.library_uuid(s)  # kept in the library
    with b.session() as s:
        publishing.remove_target(s, "blog")
    assert _secret(a, "blog") == "secret-of-a"  # removing it in b never touches a's
    with b.session() as s, pytest.raises(NotFoundError):
        publishing.get_target(s, "blog")


def test_a_secret_stored_by_an_older_newsdesk_is_adopted(ctx, article, webhook_server):
    with ctx.session() as s:
        config = publishing.add_target(s, "hook", "webhook", webhook_server.url, secret="x")
    secrets.delete_secret(config.library, "hook")
    keyring.set_password("newsdesk", "target:hook", WEBHOOK_SECRET)  # the old key
    with ctx.session() as s:
        publishing.queue_publish(s, article.id, "hook")
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    key = f"library:{config.library}:target:hook"
    assert keyring.get_password("newsdesk", key) == WEBHOOK_SECRET


def test_target_secret_replaces_it_from_stdin(tmp_path, db_path, webhook_server):
    add = run_cli("target", "add", "hook", "--kind", "webhook", "--url", webhook_server.url,
                  db=db_path, input="old-secret\n")  # fmt: skip
    assert add.returncode == 0, add.stderr
    new = run_cli("target", "secret", "hook", db=db_path, input=WEBHOOK_SECRET + "\n")
    assert new.returncode == 0, new.stderr
    assert "Stored a new signing secret for hook" in new.stdout
    test = run_cli("target", "test", "hook", db=db_path)
    assert test.returncode == 0 and "ready to publish" in test.stdout
    empty = run_cli("target", "secret", "hook", db=db_path, input="\n")
    assert empty.returncode != 0 and "No signing secret given" in empty.stderr


def test_a_folder_target_has_no_secret(ctx, tmp_path):
    with ctx.session() as s:
        publishing.add_target(s, "hugo", "folder", str(tmp_path))
        with pytest.raises(UserError, match="has no secret"):
            publishing.set_secret(s, "hugo", "x")
