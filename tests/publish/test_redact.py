"""redact() blanks a secret in an error message, plain or in the base64 forms HTTP carries;
which addresses count as plain HTTP to another machine."""

from __future__ import annotations

import base64

from newsdesk.publish.http import redact

SECRET = "abcd efgh ijkl mnop"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_plain_secret_is_blanked() -> None:
    assert SECRET not in redact(f"refused the password {SECRET}", [SECRET])


def test_basic_auth_header_holding_the_secret_is_blanked() -> None:
    header = f"Authorization: Basic {_b64('editor:' + SECRET)}"
    out = redact(f"server echoed {header}", [SECRET])
    assert _b64("editor:" + SECRET) not in out and "Authorization: Basic •••" in out


def test_base64_of_the_secret_alone_is_blanked() -> None:
    for encoded in (_b64(SECRET), base64.urlsafe_b64encode(SECRET.encode()).decode()):
        assert encoded not in redact(f"token={encoded}", [SECRET])


def test_other_basic_credentials_and_short_secrets_are_left() -> None:
    other = f"Basic {_b64('someone:else')}"
    assert redact(other, [SECRET]) == other
    assert redact("abc in a message", ["abc"]) == "abc in a message"


def test_plain_http_counts_as_insecure_only_to_another_machine() -> None:
    # WordPress withholds application passwords over plain HTTP except on this machine; the
    # authorize flow and the doctor both say "use https://" from this one answer.
    from newsdesk.publish.http import plain_http_to_remote

    assert plain_http_to_remote("http://news.example/")
    assert not plain_http_to_remote("https://news.example/")
    for local in ("http://localhost:8080", "http://127.0.0.1:8094/", "http://[::1]/"):
        assert not plain_http_to_remote(local)
