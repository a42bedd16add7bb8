"""Icons from qtawesome's bundled icon fonts, drawn in the palette's text colour so they suit
light and dark.

Importing the ``qtawesome`` package costs ~100 ms at start (it imports qtpy, whose star imports
make PySide6 build every class), so this module only borrows its font files: it finds the
package folder without importing it, registers the font on the first icon and draws glyphs with
a small ``QIconEngine``. The colour is read from the application palette at paint time, so an
icon follows a palette change (light/dark) without being recreated. Only when the font files
cannot be found does it fall back to ``qtawesome.icon``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

# qtawesome's icon-name prefixes and the file-name stems of their fonts: "<stem>-<version>.ttf"
# beside "<stem>-charmap-<version>.json" in qtawesome/fonts (see qtawesome._BUNDLED_FONTS).
_FONT_STEMS: dict[str, str] = {
    "fa5": "fontawesome5-regular-webfont",
    "fa5s": "fontawesome5-solid-webfont",
    "fa5b": "fontawesome5-brands-webfont",
    "fa6": "fontawesome6-regular-webfont",
    "fa6s": "fontawesome6-solid-webfont",
    "fa6b": "fontawesome6-brands-webfont",
    "ei": "elusiveicons-webfont",
    "mdi": "materialdesignicons5-webfont",
    "mdi6": "materialdesignicons6-webfont",
    "ph": "phosphor",
    "ri": "remixicon",
    "msc": "codicon",
}

# The glyph's pixel size as a share of the icon's height, as qtawesome draws it (16 px -> 14 px;
# the rest leaves room for the font's bearings).
GLYPH_SCALE = 0.875

ColorLike = QColor | str | Qt.GlobalColor


@dataclass
class _IconFont:
    ttf: Path
    charmap: dict[str, str]  # icon name -> code point in hex ("f0c7", "0xf01c9")
    family: str | None = None  # set once the font is registered with the font database


_fonts: dict[str, _IconFont | None] = {}  # prefix -> its font, or None when it is not found
_qtawesome_dir: list[Path | None] = []  # [the folder, or None], once looked up
# Engines that clone() handed to Qt, kept alive here until Qt deletes them (see clone()).
_clones: list[GlyphIconEngine] = []


def _fonts_dir() -> Path | None:
    """qtawesome's ``fonts`` folder, found without importing the package."""
    if not _qtawesome_dir:
        folder: Path | None = None
        try:
            spec = importlib.util.find_spec("qtawesome")
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            candidate = Path(next(iter(spec.submodule_search_locations))) / "fonts"
            folder = candidate if candidate.is_dir() else None
        _qtawesome_dir.append(folder)
    return _qtawesome_dir[0]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _find_font_files(folder: Path, stem: str) -> tuple[Path, Path] | None:
    """The newest "<stem>-<version>.ttf" that has its "<stem>-charmap-<version>.json"."""
    found = []
    for ttf in folder.glob(f"{stem}-*.ttf"):
        version = ttf.stem[len(stem) + 1 :]
        charmap = folder / f"{stem}-charmap-{version}.json"
        if charmap.is_file():
            found.append((_version_key(version), ttf, charmap))
    if not found:
        return None
    _, ttf, charmap = max(found)
    return ttf, charmap


def _icon_font(prefix: str) -> _IconFont | None:
    """The font for an icon-name prefix, its charmap read once; None when its files are missing.

    Raises ValueError for a prefix qtawesome does not have."""
    if prefix not in _FONT_STEMS:
        raise ValueError(f"unknown icon font prefix {prefix!r}")
    if prefix not in _fonts:
        font: _IconFont | None = None
        folder = _fonts_dir()
        files = _find_font_files(folder, _FONT_STEMS[prefix]) if folder else None
        if files is not None:
            ttf, charmap_file = files
            font = _IconFont(ttf, json.loads(charmap_file.read_text(encoding="utf-8")))
        _fonts[prefix] = font
    return _fonts[prefix]


def _register(font: _IconFont) -> str | None:
    """The font's family, registering it with the font database the first time (a
    QGuiApplication must exist); None when it cannot be loaded."""
    if font.family is None:
        font_id = QFontDatabase.addApplicationFont(str(font.ttf))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            font.family = families[0]
    return font.family


def _palette_color(mode: QIcon.Mode) -> QColor:
    group = (
        QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    )
    return QGuiApplication.palette().color(group, QPalette.ColorRole.WindowText)


class GlyphIconEngine(QIconEngine):
    """Draws one icon-font glyph centred in the rect, in the palette's text colour (read at
    paint time) or a fixed colour; the Disabled mode uses the palette's disabled text colour."""

    def __init__(self, name: str, font: _IconFont, char: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._font = font
        self._char = char
        self._color = QColor(color) if color is not None else None

    def color(self, mode: QIcon.Mode) -> QColor:
        """The colour the glyph is drawn in for a mode, as of now."""
        if self._color is not None and mode != QIcon.Mode.Disabled:
            return QColor(self._color)
        return _palette_color(mode)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        family = _register(self._font)
        if family is None or rect.isEmpty():
            return
        font = QFont(family)
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # never another font's glyph
        painter.save()
        painter.setPen(self.color(mode))
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._char)
        painter.restore()

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """A transparent pixmap of ``size`` device-independent pixels at ``scale`` device
        pixels each, the glyph painted on it."""
        scale = scale if scale > 0 else 1.0
        pixmap = QPixmap(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        if size.isEmpty():
            return pixmap
        painter = QPainter(pixmap)
        try:
            self.paint(
                painter, QRect(QPoint(0, 0), pixmap.deviceIndependentSize().toSize()), mode, state
            )
        finally:
            painter.end()
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def clone(self) -> QIconEngine:
        # Qt owns the engine clone() returns (QIcon::detach), but PySide would free it as soon
        # as the Python reference goes, so keep it here; drop the ones Qt has since deleted.
        _clones[:] = [engine for engine in _clones if shiboken6.isValid(engine)]
        engine = GlyphIconEngine(self._name, self._font, self._char, self._color)
        _clones.append(engine)
        return engine

    def key(self) -> str:
        return "newsdesk.glyph"

    def iconName(self) -> str:
        return self._name

    def isNull(self) -> bool:
        return False


def _qtawesome_icon(name: str, color: QColor | None) -> QIcon:
    """The old path: qtawesome draws the icon (only when its font files were not found)."""
    import qtawesome as qta

    palette = QGuiApplication.palette()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    normal = color if color is not None else palette.color(QPalette.ColorRole.WindowText)
    return qta.icon(name, color=normal, color_disabled=disabled)


def icon(name: str, color: ColorLike | None = None) -> QIcon:
    """The qtawesome icon ``name`` ("fa5s.save", "mdi6.format-header-1", ...), drawn in the
    palette's text colour, or in ``color`` when given (disabled: the palette's disabled text).

    Raises ValueError for a malformed name or an unknown prefix and KeyError for a name the
    font does not have, here rather than by drawing nothing later."""
    prefix, dot, glyph = name.partition(".")
    if not dot or not glyph:
        raise ValueError(f"icon name {name!r} is not '<prefix>.<name>'")
    fixed: QColor | None = None
    if color is not None:
        fixed = QColor(color)
        if not fixed.isValid():
            raise ValueError(f"invalid colour {color!r} for icon {name!r}")
    font = _icon_font(prefix)
    if font is None:
        return _qtawesome_icon(name, fixed)
    code = font.charmap.get(glyph)
    if code is None:
        raise KeyError(f"unknown icon {name!r}: {font.ttf.name} has no {glyph!r}")
    if QGuiApplication.instance() is not None and _register(font) is None:
        return _qtawesome_icon(name, fixed)
    return QIcon(GlyphIconEngine(name, font, chr(int(code, 16)), fixed))
