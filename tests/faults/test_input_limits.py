"""Hostile input files end in one clear refusal, quickly, with the library unchanged: a YAML
alias bomb, deep nesting, a FIFO, a device (directly or through a link), and a link out of the
folder being imported (a secret file must not become an article)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsdesk.core.articles import list_articles
from newsdesk.errors import UserError
from newsdesk.services.importing import import_paths
from tests.newsroom import dump

HOSTILE = Path(__file__).parent / "hostile"


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the block takes longer than ``seconds``."""

    def expire(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _refused(ctx, path: Path, match: str) -> None:
    with ctx.session() as s:
        before = dump(s)
    with _within(30), pytest.raises(UserError, match=match), ctx.session() as s:
        import_paths(s, [path])
    with ctx.session() as s:
        assert dump(s) == before


def test_a_yaml_alias_bomb_is_refused_at_once(ctx) -> None:
    _refused(ctx, HOSTILE / "yaml-alias-bomb.md", "alias")


def test_deeply_nested_front_matter_is_refused(ctx, tmp_path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n")
    _refused(ctx, path, "nested|YAML")


def test_a_fifo_is_refused_not_waited_on(ctx, tmp_path) -> None:
    fifo = tmp_path / "x.md"
    os.mkfifo(fifo)
    _refused(ctx, fifo, "not a regular file")


def test_a_link_to_a_device_is_refused(ctx, tmp_path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    _refused(ctx, link, "not a regular file")


def test_a_folder_import_skips_fifos_devices_and_links_out_of_the_folder(ctx, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ntitle: Secret\n---\nThe password is hunter2.\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.md").write_text("---\ntitle: A real story\n---\nText.\n")
    (site / "leak.md").symlink_to(secret)
    (site / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(site / "pipe.md")
    with _within(60), ctx.session() as s:
        import_paths(s, [site])
    with ctx.session() as s:
        headlines = [a.headline for a in list_articles(s)]
    assert headlines == ["A real story"]
