"""Render newsdesk.svg to the PNG sizes desktops look for (run after changing the SVG):
QT_QPA_PLATFORM=offscreen python packaging/icons/render.py"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter on images needs a GUI app)
    renderer = QSvgRenderer(str(HERE / "newsdesk.svg"))
    if not renderer.isValid():
        print("render: newsdesk.svg is not valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = HERE / f"newsdesk-{size}.png"
        image.save(str(target))
        print(target.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
