"""The one way publishers talk HTTP: verified TLS, a timeout on every request, a User-Agent,
and failures turned into ``UserError`` subclasses whose text says what to do (never a secret).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import ssl
from collections.abc import Callable
from typing import Any

import httpx

from newsdesk import __version__
from newsdesk.domain.report import DoctorReport
from newsdesk.errors import UserError

USER_AGENT = f"newsdesk/{__version__} (desktop newsroom editor)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class PublishError(UserError):
    """A publish step failed; ``retryable`` says whether trying again later may help."""

    retryable = False


class NetworkError(PublishError):
    """Nothing answered, the connection broke, or the answer was lost: try again later."""

    retryable = True


class ServerError(PublishError):
    """The site answered 5xx: its problem, usually passing."""

    retryable = True


class TLSError(PublishError):
    """The site's certificate could not be verified."""


class HostNotFound(NetworkError):
    """The host name does not resolve."""


class ConnectionRefused(NetworkError):
    """The host is there but nothing listens on the port."""


class RemoteError(PublishError):
    """A 4xx answer: the request was refused for a reason the site explains."""

    def __init__(self, message: str, status: int, code: str = "") -> None:
        super().__init__(message)
        self.status, self.code = status, code


class AuthError(RemoteError):
    """401/403: credentials missing, wrong or not allowed to do this."""


class RemoteChanged(PublishError):
    """The remote post was edited on the site since we last published it."""


def plain_http_to_remote(url: str) -> bool:
    """Whether ``url`` is plain HTTP to another machine (this one may do without TLS): sites
    such as WordPress then withhold what needs a secure connection."""
    return url.startswith("http://") and httpx.URL(url).host not in (
        "localhost",
        "127.0.0.1",
        "::1",
    )


def make_client(
    *,
    timeout: httpx.Timeout = TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An HTTP client with TLS verification on, a timeout and newsdesk's User-Agent."""
    return httpx.Client(
        timeout=timeout,
        verify=True,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        transport=transport,
        follow_redirects=True,
    )


def _network_error(exc: httpx.TransportError, what: str, url: str) -> PublishError:
    host = httpx.URL(url).host
    text = str(exc)
    cause = exc.__context__ or exc.__cause__
    if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in text:
        return TLSError(
            f"{what}: the certificate of {host} could not be verified ({_short(text)}). "
            "Check the URL (https://, the right host name); if the site uses a self-signed "
            "certificate, give it a real one (e.g. Let's Encrypt)."
        )
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(
            f"{what}: {host} did not answer in time. It will be tried again; check your "
            "connection or whether the site is down."
        )
    if isinstance(exc, httpx.ConnectError):
        low = text.lower()
        if (
            "name or service not known" in low
            or "nodename nor servname" in low
            or ("name resolution" in low or "getaddrinfo" in low or "no address" in low)
        ):
            return HostNotFound(
                f"{what}: the host {host} was not found. Check the spelling of the URL, "
                "or your internet connection."
            )
        if "refused" in low:
            return ConnectionRefused(
                f"{what}: nothing answers at {host}:{httpx.URL(url).port or ''} (connection "
                "refused). Check the URL and port, or whether the site is running."
            )
        return NetworkError(f"{what}: cannot connect to {host} ({_short(text)}).")
    return NetworkError(
        f"{what}: the connection to {host} broke before an answer came ({_short(text)}). "
        "It will be tried again."
    )


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_code(response: httpx.Response) -> tuple[str, str]:
    """The (code, message) a REST API put in its JSON error body, if any."""
    try:
        data = response.json()
    except ValueError:
        return "", ""
    if isinstance(data, dict):
        if "errors" in data and isinstance(data["errors"], list) and data["errors"]:
            first = data["errors"][0]  # Ghost
            if isinstance(first, dict):
                return str(first.get("type") or first.get("code") or ""), str(
                    first.get("message") or ""
                )
        return str(data.get("code") or data.get("error") or ""), str(
            data.get("message") or data.get("error_description") or ""
        )
    return "", ""


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def error_text(response: httpx.Response) -> str:
    """What the site said in a failed answer, whatever its content type: the JSON error's
    code and message, else the body's text (HTML tags dropped), shortened."""
    code, message = error_code(response)
    if code or message:
        return f"{code}: {_short(message)}" if code and message else code or _short(message)
    try:
        text = response.text
    except (UnicodeDecodeError, LookupError):
        return ""
    return _short(html.unescape(_TAGS.sub(" ", text)))


def check(response: httpx.Response, what: str) -> httpx.Response:
    """Raise the right ``PublishError`` for a failed answer; return it when it succeeded."""
    status = response.status_code
    if status < 400:
        return response
    code, _message = error_code(response)
    said = error_text(response)
    detail = f" ({said})" if said else ""
    if status >= 500:
        raise ServerError(
            f"{what}: the site had an internal error (HTTP {status}){detail}. "
            "It will be tried again later."
        )
    if status in (401, 403):
        raise AuthError(
            f"{what}: the site refused the credentials (HTTP {status}){detail}. "
            "Run 'newsdesk target test' to find out why.",
            status,
            code,
        )
    if status == 404:
        raise RemoteError(f"{what}: not found at {response.request.url}{detail}", status, code)
    if status == 429:
        err = ServerError(f"{what}: the site asks to slow down (HTTP 429); will try again.")
        raise err
    raise RemoteError(f"{what}: the site refused it (HTTP {status}){detail}", status, code)


def send(
    client: httpx.Client, method: str, url: str, what: str, *, checked: bool = True, **kw: Any
) -> httpx.Response:
    """One request; network failures become ``NetworkError``/``TLSError``, 4xx/5xx (if checked)
    the matching ``PublishError``."""
    try:
        response = client.request(method, url, **kw)
    except httpx.TransportError as exc:
        raise _network_error(exc, what, url) from None
    return check(response, what) if checked else response


_BASIC = re.compile(r"(Basic\s+)([A-Za-z0-9+/_-]+={0,2})")


def redact(text: str, secrets: list[str]) -> str:
    """The text with every secret blanked out: as written, base64-encoded (standard and
    URL-safe alphabets), and any ``Basic`` credentials whose decoded ``user:password`` holds it.
    Secrets shorter than four characters are left (they would blank ordinary words)."""
    secrets = [s for s in secrets if s and len(s) >= 4]
    if not secrets:
        return text

    def basic(m: re.Match[str]) -> str:
        try:
            decoded = base64.b64decode(m.group(2) + "==", altchars=b"-_")
        except (binascii.Error, ValueError):
            return m.group(0)
        plain = decoded.decode("utf-8", "replace")
        return m.group(1) + "•••" if any(s in plain for s in secrets) else m.group(0)

    text = _BASIC.sub(basic, text)
    for secret in secrets:
        raw = secret.encode()
        for form in (
            secret,
            base64.b64encode(raw).decode(),
            base64.urlsafe_b64encode(raw).decode(),
        ):
            text = text.replace(form, "•••")
            text = text.replace(form.rstrip("="), "•••")
    return text


class RemoteGone(PublishError):
    """The post newsdesk made is no longer on the site (deleted there)."""


def attempt(
    report: DoctorReport, name: str, call: Callable[[], Any], passed: str, auth_fix: str = ""
) -> bool:
    """Run ``call`` (a request that needs the credentials) as the doctor's check ``name``: it
    ``passed``, or the site refused the credentials (``auth_fix`` says what to do) or failed
    otherwise. False if it did not pass."""
    try:
        call()
    except AuthError as exc:
        return report.add(name, False, str(exc), auth_fix)
    except PublishError as exc:
        return report.add(name, False, str(exc))
    return report.add(name, True, passed)
