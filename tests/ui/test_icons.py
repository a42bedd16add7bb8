"""Themed icons drawn from qtawesome's font files without importing qtawesome (or qtpy)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette, QPixmap

from newsdesk.ui import icons
from newsdesk.ui.icons import icon

SRC = Path(__file__).resolve().parents[2] / "src"

NORMAL = QColor(200, 30, 40)
DISABLED = QColor(30, 60, 210)


def opaque_points(pixmap: QPixmap, min_alpha: int = 1) -> set[tuple[int, int]]:
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return {
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() >= min_alpha
    }


def dominant_color(pixmap: QPixmap) -> QColor:
    """The commonest colour of the fully opaque pixels (the glyph's body, not its edges)."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    counts = Counter(
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    )
    assert counts, "no opaque pixels"
    return QColor.fromRgb(counts.most_common(1)[0][0])


def assert_close(actual: QColor, expected: QColor, tolerance: int = 8) -> None:
    diffs = [
        abs(actual.red() - expected.red()),
        abs(actual.green() - expected.green()),
        abs(actual.blue() - expected.blue()),
    ]
    assert max(diffs) <= tolerance, (actual.name(), expected.name())


def bounding_box(points: set[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def box_iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    width = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height

    def area(box: tuple[int, int, int, int]) -> int:
        return (box[2] - box[0]) * (box[3] - box[1])

    return inter / (area(a) + area(b) - inter)


@pytest.fixture
def themed(qapp) -> Iterator[None]:
    """A palette with distinctive text colours, the old one restored afterwards."""
    old = QPalette(QGuiApplication.palette())
    palette = QPalette(old)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, NORMAL)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, DISABLED)
    qapp.setPalette(palette)
    yield
    qapp.setPalette(old)


def test_fresh_process_draws_without_importing_qtawesome() -> None:
    code = textwrap.dedent(
        """
        import sys
        from PySide6.QtGui import QImage
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        from newsdesk.ui.icons import icon
        pixmap = icon("fa5s.save").pixmap(32, 32)
        image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
        opaque = sum(
            image.pixelColor(x, y).alpha() > 0 for y in range(32) for x in range(32)
        )
        print(pixmap.width(), pixmap.height(), opaque)
        print("qtawesome" in sys.modules, "qtpy" in sys.modules)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    size_line, modules_line = done.stdout.split("\n")[:2]
    width, height, opaque = map(int, size_line.split())
    assert (width, height) == (32, 32)
    assert opaque > 100  # a save glyph fills much of a 32 px square
    assert modules_line == "False False"  # neither qtawesome nor qtpy was imported


def test_glyph_in_palette_text_colour(themed) -> None:
    save = icon("fa5s.save")
    assert_close(dominant_color(save.pixmap(32, 32)), NORMAL)
    assert_close(dominant_color(save.pixmap(32, 32, QIcon.Mode.Active)), NORMAL)
    assert_close(dominant_color(save.pixmap(32, 32, QIcon.Mode.Disabled)), DISABLED)


def test_colour_follows_a_palette_change(qapp) -> None:
    save = icon("fa5s.save")  # made before the palette changes
    old = QPalette(QGuiApplication.palette())
    palette = QPalette(old)
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText, NORMAL)
    qapp.setPalette(palette)
    try:
        assert_close(dominant_color(save.pixmap(32, 32)), NORMAL)
    finally:
        qapp.setPalette(old)
    expected = old.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    assert_close(dominant_color(save.pixmap(32, 32)), expected)


def test_fixed_colour(themed) -> None:
    lock = icon("fa5s.lock", color="#1f6feb")
    assert_close(dominant_color(lock.pixmap(32, 32)), QColor("#1f6feb"))
    assert_close(dominant_color(lock.pixmap(32, 32, QIcon.Mode.Disabled)), DISABLED)
    with pytest.raises(ValueError, match="colour"):
        icon("fa5s.lock", color="not-a-colour")


def test_unknown_names_fail_loudly(qapp) -> None:
    with pytest.raises(KeyError, match=r"fa5s\.no-such-icon"):
        icon("fa5s.no-such-icon")
    with pytest.raises(ValueError, match="nope"):
        icon("nope.save")
    with pytest.raises(ValueError, match="save"):
        icon("save")


def test_other_bundled_fonts(qapp) -> None:
    for name in ("mdi6.format-header-1", "fa5.save", "fa5b.github"):
        assert len(opaque_points(icon(name).pixmap(32, 32))) > 50, name


def test_high_dpi_pixmap(qapp) -> None:
    pixmap = icon("fa5s.save").pixmap(QSize(16, 16), 2.0)
    assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (32, 32, 2.0)
    assert bounding_box(opaque_points(pixmap, 128)) == bounding_box(
        opaque_points(icon("fa5s.save").pixmap(32, 32), 128)
    )


def test_detached_copy_keeps_drawing(qapp) -> None:
    """Adding a pixmap to a copy makes Qt clone the engine; the clone must outlive Python's
    reference to it."""
    original = icon("fa5s.save")
    copy = QIcon(original)
    copy.addPixmap(QPixmap(8, 8))  # detaches: QIconEngine.clone()
    gc.collect()
    assert opaque_points(copy.pixmap(32, 32)) == opaque_points(original.pixmap(32, 32))
    del copy
    gc.collect()
    assert opaque_points(original.pixmap(16, 16))


@pytest.mark.parametrize("name", ["fa5s.save", "fa5s.newspaper", "mdi6.format-header-1"])
def test_same_glyph_as_qtawesome(qapp, name: str) -> None:
    import qtawesome as qta

    ours = opaque_points(icon(name).pixmap(64, 64), 128)
    theirs = opaque_points(qta.icon(name).pixmap(64, 64), 128)
    assert box_iou(bounding_box(ours), bounding_box(theirs)) > 0.7
    assert len(ours & theirs) / len(ours | theirs) > 0.7  # the same shape, not just its box


def test_falls_back_to_qtawesome_without_font_files(qapp, monkeypatch) -> None:
    monkeypatch.setattr(icons, "_fonts", {})
    monkeypatch.setattr(icons, "_qtawesome_dir", [None])  # as if qtawesome/fonts were missing
    save = icon("fa5s.save")
    assert "qtawesome" in sys.modules
    assert len(opaque_points(save.pixmap(32, 32))) > 100
