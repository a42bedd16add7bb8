"""The ``newsdesk://`` URL scheme the preview is served through, and the guard that blocks
every other request (no file://, no network for article content).

``newsdesk://site/<path>`` serves pages the pane rendered, ``newsdesk://theme/<file>`` the
theme's static files, ``newsdesk://asset/<name>`` images from the library and
``newsdesk://look/<sha>.<ext>`` the stylesheets, fonts and images of a learned site look.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)

from newsdesk.ui.preview.registration import register_schemes as register_schemes  # re-export

if TYPE_CHECKING:
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

# Styles may be inline (table cell alignment survives sanitising); scripts never, from anywhere
# in the page. Our own patching runs through runJavaScript in an isolated world, which page
# CSP does not govern.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-src 'none'; style-src newsdesk: 'unsafe-inline'; "
    "img-src newsdesk: data:; font-src newsdesk: data:; media-src newsdesk:"
)
ALLOWED_SCHEMES = {"newsdesk", "data", "about", "blob"}


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not for our scheme (http, file, ftp… never load)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() not in ALLOWED_SCHEMES:
            self.blocked.append(url.toString())
            log.info("preview blocked a request for %s", url.toString())
            info.block(True)


_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def with_policy(html: bytes) -> bytes:
    """The page with the policy as its first ``<meta>``: QtWebEngine does not apply a CSP
    response header from a custom scheme handler (checked in 6.11), but honours the meta tag."""
    meta = (
        b'<meta http-equiv="Content-Security-Policy" content="'
        + CONTENT_SECURITY_POLICY.encode()
        + b'">'
    )
    m = _HEAD.search(html)
    if m is None:
        return meta + html
    return html[: m.end()] + meta + html[m.end() :]


def _reply(job: QWebEngineUrlRequestJob, media_type: str, data: bytes, *, csp: bool) -> None:
    if csp:
        job.setAdditionalResponseHeaders(
            {QByteArray(b"Content-Security-Policy"): QByteArray(CONTENT_SECURITY_POLICY.encode())}
        )
    buffer = QBuffer(job)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    job.reply(media_type.encode(), buffer)


def load_asset(ui_ctx: UiContext, name: str) -> tuple[str, bytes] | None:
    """An asset by its export name (``<sha16>.jpg``) or full SHA-256: (media type, bytes)."""
    from newsdesk.services.preview import load_asset as asset_by_name

    with ui_ctx.services.session() as session:
        return asset_by_name(session, name)


def load_look_file(ui_ctx: UiContext, name: str) -> tuple[str, bytes] | None:
    """A learned look's file by its name (``<sha256>.css``): (media type, bytes)."""
    from newsdesk.services.looks import load_file

    with ui_ctx.services.session() as session:
        return load_file(session, name)


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the preview: rendered pages from memory, theme files, library images."""

    def __init__(self, ui_ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.pages: dict[str, bytes] = {}
        self.theme_dir: Path | None = None
        self.load_asset: Callable[[UiContext, str], tuple[str, bytes] | None] = load_asset

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        host, path = url.host(), url.path()
        if host == "site" and path in self.pages:
            _reply(job, "text/html; charset=utf-8", with_policy(self.pages[path]), csp=True)
        elif host == "theme":
            self._theme_file(job, path.lstrip("/"))
        elif host == "asset":
            self._asset(job, path.lstrip("/"))
        elif host == "look":
            self._asset(job, path.lstrip("/"), load_look_file)
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _theme_file(self, job: QWebEngineUrlRequestJob, name: str) -> None:
        if self.theme_dir is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        root = self.theme_dir.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        _reply(job, media_type, target.read_bytes(), csp=False)

    def _asset(
        self,
        job: QWebEngineUrlRequestJob,
        name: str,
        loader: Callable[[UiContext, str], tuple[str, bytes] | None] | None = None,
    ) -> None:
        load = loader or self.load_asset

        def done(found: tuple[str, bytes] | None) -> None:
            if not shiboken6.isValid(job):  # the page went away meanwhile
                return
            if found is None:
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            else:
                _reply(job, found[0], found[1], csp=False)

        def failed(exc: BaseException) -> None:
            log.error("preview could not load asset %s: %s", name, exc)
            if shiboken6.isValid(job):
                job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)

        self.ui_ctx.tasks.run(lambda: load(self.ui_ctx, name), done, failed)
