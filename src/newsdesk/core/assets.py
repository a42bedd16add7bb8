"""Images kept in the library, content-addressed by SHA-256."""

from __future__ import annotations

import hashlib
import io
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from newsdesk.errors import NotFoundError, UserError

if TYPE_CHECKING:  # imported where used: a re-export names files without the ORM or Pillow
    from sqlmodel import Session

    from newsdesk.storage.models import Asset


class AssetRow(NamedTuple):
    """A library picture as pages and feeds use it (an ``Asset``'s attributes)."""

    sha256: str
    filename: str
    media_type: str
    width: int | None
    height: int | None
    data: bytes


class _Typed(Protocol):
    @property
    def sha256(self) -> str: ...
    @property
    def media_type(self) -> str: ...


MAX_ASSET_BYTES = 50 * 1024 * 1024
_PIL_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def sniff_image(data: bytes, name: str) -> tuple[str, int, int]:
    """The media type and pixel size of image bytes; refuses what is not a raster image.

    SVG is refused on purpose: it can carry script.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or ""
            width, height = img.size
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError(
            f"{name} is not an image newsdesk can use (JPEG, PNG, GIF or WebP)"
        ) from exc
    media_type = _PIL_TYPES.get(fmt)
    if media_type is None:
        raise UserError(f"{name} is a {fmt} image; use JPEG, PNG, GIF or WebP")
    return media_type, width, height


def _check_size(data: bytes, filename: str) -> None:
    if len(data) > MAX_ASSET_BYTES:
        raise UserError(f"{filename} is larger than {MAX_ASSET_BYTES // 2**20} MB")


def checked_digest(data: bytes, filename: str) -> str:
    """The hash ``add_asset`` would store image bytes under, refusing what it refuses."""
    _check_size(data, filename)
    sniff_image(data, filename)
    return hashlib.sha256(data).hexdigest()


def add_asset(session: Session, data: bytes, filename: str) -> Asset:
    """Store image bytes once (same bytes, same asset) and return the asset."""
    from newsdesk.storage.models import Asset

    _check_size(data, filename)
    sha = hashlib.sha256(data).hexdigest()
    existing = session.get(Asset, sha)
    if existing is not None:
        return existing
    media_type, width, height = sniff_image(data, filename)
    asset = Asset(
        sha256=sha,
        filename=Path(filename).name or f"image{EXTENSIONS[media_type]}",
        media_type=media_type,
        size=len(data),
        width=width,
        height=height,
        data=data,
    )
    session.add(asset)
    session.flush()
    return asset


def read_image_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read image {path}: {exc.strerror or exc}") from exc


def add_asset_file(session: Session, path: Path) -> Asset:
    return add_asset(session, read_image_file(path), path.name)


def get_asset(session: Session, sha: str) -> Asset:
    from newsdesk.storage.models import Asset

    asset = session.get(Asset, sha)
    if asset is None:
        raise NotFoundError(f"No image {sha[:12]}… in the library")
    return asset


def export_name(asset: _Typed) -> str:
    """A stable file name for an asset in an export: its hash and the right extension."""
    ext = EXTENSIONS.get(asset.media_type) or mimetypes.guess_extension(asset.media_type) or ""
    return f"{asset.sha256[:16]}{ext}"
