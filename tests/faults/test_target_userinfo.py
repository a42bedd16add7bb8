"""A password written into a target's URL is refused: it would be stored in the library,
listed by ``target list --json`` and logged in clear."""

from __future__ import annotations

import pytest

from newsdesk.errors import UserError
from newsdesk.services.publishing import add_target


@pytest.mark.parametrize(
    "url",
    [
        "https://user:hunter2@blog.example.org",
        "http://admin@blog.example.org/wp",
        "https://:pw@x.org",
    ],
)
def test_userinfo_in_a_target_url_is_refused_and_nothing_is_stored(ctx, url) -> None:
    with pytest.raises(UserError, match="user name or password"), ctx.session() as s:
        add_target(s, "blog", "webhook", url, secret="s3cret")
    with ctx.session() as s:
        from sqlmodel import select

        from newsdesk.storage.models import PublishTarget

        assert s.exec(select(PublishTarget)).all() == []
        assert "hunter2" not in repr(s.exec(select(PublishTarget)).all())


def test_log_lines_never_carry_a_password_from_a_url(caplog) -> None:
    import logging

    from newsdesk.logredact import RedactingFilter, redact

    assert redact("GET https://ann:hunter2@blog.example.org/x failed") == (
        "GET https://***@blog.example.org/x failed"
    )
    log = logging.getLogger("newsdesk.test-redact")
    handler = caplog.handler
    handler.addFilter(RedactingFilter())
    try:
        log.warning("publishing to %s failed", "https://ann:hunter2@blog.example.org")
    finally:
        handler.removeFilter(handler.filters[-1])
    assert "hunter2" not in caplog.text and "***@blog.example.org" in caplog.text
