#!/usr/bin/env python3
"""Generate the illustrative images used by the sample articles.

The sample content ships without photographs, so every picture is a flat-colour
editorial illustration drawn with Pillow. Output is deterministic (fixed random
seeds), 1200x675 JPEG at quality 78, written to src/newsdesk/resources/sample/articles/images/
(beside the articles that use them). A tool for whoever changes the sample, so it lives here
and not in the package:

    .venv/bin/python scripts/make_sample_images.py
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1200, 675
SS = 2  # supersampling factor for smooth edges
SW, SH = W * SS, H * SS
QUALITY = 78
OUT_DIR = Path(__file__).resolve().parents[1] / "src/newsdesk/resources/sample/articles/images"

Color = tuple[int, int, int]


# --------------------------------------------------------------------------- helpers


def hexc(value: str) -> Color:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def s(v: float) -> int:
    """Scale a coordinate from output space to supersampled space."""
    return round(v * SS)


def pts(points: Sequence[tuple[float, float]]) -> list[tuple[int, int]]:
    return [(s(x), s(y)) for x, y in points]


def gradient(
    size: tuple[int, int], stops: Sequence[tuple[float, str]], horizontal: bool = False
) -> Image.Image:
    """Linear gradient through colour stops [(position 0..1, '#rrggbb'), ...]."""
    w, h = size
    n = w if horizontal else h
    cols = [(p, hexc(c)) for p, c in stops]
    data = []
    for i in range(n):
        t = i / max(1, n - 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(cols):
            if p0 <= t <= p1:
                data.append(mix(c0, c1, (t - p0) / max(1e-9, p1 - p0)))
                break
        else:
            data.append(cols[-1][1] if t > cols[-1][0] else cols[0][1])
    strip = Image.new("RGB", (n, 1) if horizontal else (1, n))
    strip.putdata(data)
    return strip.resize(size, Image.Resampling.BILINEAR)


def canvas(stops: Sequence[tuple[float, str]]) -> Image.Image:
    return gradient((SW, SH), stops).convert("RGBA")


def layer() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGBA", (SW, SH), (0, 0, 0, 0))
    return im, ImageDraw.Draw(im)


def glow(
    img: Image.Image, cx: float, cy: float, rx: float, ry: float, color: str, strength: float = 1.0
) -> None:
    """Soft radial light centred at (cx, cy) with radii (rx, ry), in output pixels."""
    # radial_gradient() is 0 at the centre, ~181 at the middle of each edge and
    # 255 in the corners; normalise so the light fades to nothing at the ellipse.
    radial = Image.radial_gradient("L").point(
        lambda v: int(max(0.0, 1 - v / 181) ** 1.6 * 255 * min(1.0, strength))
    )
    mask = radial.resize((max(1, s(rx * 2)), max(1, s(ry * 2))), Image.Resampling.BILINEAR)
    full = Image.new("L", (SW, SH), 0)
    full.paste(mask, (s(cx - rx), s(cy - ry)))
    img.alpha_composite(tinted(hexc(color), full))


def tinted(color: Color, mask: Image.Image) -> Image.Image:
    """A flat colour layer whose (straight) alpha channel is the given mask."""
    lay = Image.new("RGBA", mask.size, (*color, 255))
    lay.putalpha(mask)
    return lay


def blur_composite(img: Image.Image, lay: Image.Image, radius: float) -> None:
    img.alpha_composite(lay.filter(ImageFilter.GaussianBlur(s(radius))))


def vignette(img: Image.Image, strength: float = 0.45) -> None:
    radial = Image.radial_gradient("L").resize((SW, SH), Image.Resampling.BILINEAR)
    mask = radial.point(
        lambda v: int(max(0.0, (v / 255 - 0.55) / 0.45) ** 1.5 * 255 * strength) if v > 140 else 0
    )
    img.alpha_composite(tinted((8, 10, 20), mask))


def save(img: Image.Image, name: str) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = img.convert("RGB").resize((W, H), Image.Resampling.LANCZOS)
    path = OUT_DIR / name
    out.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return path


# --------------------------------------------------------------------------- scenes


def seawall() -> Image.Image:
    rng = random.Random(101)
    img = canvas([(0, "#9fb8cc"), (0.32, "#e9d2c0"), (0.47, "#f6dcc1")])
    glow(img, 300, 300, 260, 120, "#fff1dc", 0.9)
    # distant headland
    lay, d = layer()
    d.polygon(
        pts([(0, 318), (0, 290), (60, 282), (140, 286), (230, 300), (330, 312), (380, 318)]),
        fill=hexc("#8d9aa8"),
    )
    img.alpha_composite(lay)
    # sea
    sea = gradient((SW, SH - s(318)), [(0, "#7f97a6"), (0.35, "#4f6b7d"), (1, "#2c4354")]).convert(
        "RGBA"
    )
    img.alpha_composite(sea, (0, s(318)))
    lay, d = layer()
    for i in range(46):
        t = (i / 46) ** 1.8
        y = 322 + t * 360
        amp = 1 + t * 7
        period = 40 + t * 160
        phase = rng.uniform(0, 6.3)
        alpha = int(40 + t * 90)
        width = max(1, s(0.6 + t * 2.2))
        line = [(x, y + math.sin(x / period * 6.283 + phase) * amp) for x in range(-20, 1221, 12)]
        d.line(pts(line), fill=(214, 228, 234, alpha), width=width)
    blur_composite(img, lay, 0.6)
    # land behind the wall, receding to the horizon
    lay, d = layer()
    d.polygon(pts([(600, 318), (1200, 292), (1200, 560)]), fill=hexc("#b7a48a"))
    d.polygon(pts([(600, 318), (1200, 292), (1200, 318)]), fill=hexc("#8e8f7e"))
    img.alpha_composite(lay)
    # houses along the shore, bigger towards the viewer
    lay, d = layer()
    x = 620.0
    while x < 1200:
        t = (x - 600) / 600
        size = 8 + t * 70
        base = 318 - t * 10 + t * 150 * 0.0
        top = 318 - 2 - t * 26
        w = size * rng.uniform(0.9, 1.3)
        h = size * rng.uniform(0.55, 0.8)
        wall_c = mix(hexc("#f3eee6"), hexc("#ffffff"), rng.random())
        roof_c = mix(hexc("#b5543a"), hexc("#cf6d4a"), rng.random())
        y0 = top - h + t * 40
        d.rectangle(pts([(x, y0), (x + w, y0 + h)]), fill=wall_c)
        d.polygon(
            pts([(x - w * 0.06, y0), (x + w / 2, y0 - h * 0.45), (x + w * 1.06, y0)]), fill=roof_c
        )
        for k in range(2):
            wx = x + w * (0.22 + k * 0.4)
            d.rectangle(
                pts([(wx, y0 + h * 0.3), (wx + w * 0.16, y0 + h * 0.62)]), fill=hexc("#5d6f7c")
            )
        d.rectangle(pts([(x, y0 + h), (x + w, base + t * 60)]), fill=hexc("#b7a48a"))
        x += w * rng.uniform(1.08, 1.35)
    img.alpha_composite(lay)
    # the sea wall: a concrete face running from the horizon to the lower right
    lay, d = layer()
    d.polygon(pts([(600, 318), (1200, 560), (1200, 700), (588, 326)]), fill=hexc("#8c9096"))
    d.polygon(pts([(600, 318), (1200, 548), (1200, 570), (598, 320)]), fill=hexc("#c9cccd"))
    for k in range(1, 14):
        t = (k / 14) ** 1.4
        xk = 600 + 600 * t
        d.line(
            pts([(xk, 318 + 242 * t), (xk - 4 - 6 * t, 326 + 374 * t)]),
            fill=(110, 114, 120, 160),
            width=s(1 + t * 2),
        )
    img.alpha_composite(lay)
    # surf at the foot of the wall
    lay, d = layer()
    for _ in range(70):
        t = rng.random() ** 1.2
        cx = 588 + 612 * t
        cy = 326 + 374 * t - rng.uniform(0, 10) * t
        r = 1.5 + t * 12 * rng.uniform(0.5, 1.2)
        d.ellipse(
            pts([(cx - r * 2.2, cy - r), (cx + r * 2.2, cy + r)]),
            fill=(240, 246, 248, rng.randint(70, 150)),
        )
    blur_composite(img, lay, 2.5)
    vignette(img, 0.35)
    return img


def town_hall() -> Image.Image:
    rng = random.Random(202)
    img = canvas(
        [(0, "#1f1f4a"), (0.45, "#5b3f78"), (0.72, "#c7708a"), (0.86, "#f2a679"), (1, "#f6c48f")]
    )
    lay, d = layer()
    for _ in range(70):
        x, y = rng.uniform(0, 1200), rng.uniform(0, 250)
        r = rng.uniform(0.6, 1.6)
        d.ellipse(pts([(x - r, y - r), (x + r, y + r)]), fill=(255, 245, 230, rng.randint(90, 220)))
    img.alpha_composite(lay)
    glow(img, 600, 675, 700, 260, "#ffd5a0", 0.6)

    def skyline(base: float, hmin: float, hmax: float, color: str, win_p: float, seed: int) -> None:
        r = random.Random(seed)
        lay, d = layer()
        x = -20.0
        c = hexc(color)
        while x < 1220:
            w = r.uniform(50, 120)
            h = r.uniform(hmin, hmax)
            if 470 < x < 700:  # keep the centre low for the tower
                h *= 0.55
            d.rectangle(pts([(x, base - h), (x + w, 675)]), fill=c)
            for wy in range(int(base - h + 14), 675, 22):
                for wx in range(int(x + 10), int(x + w - 12), 18):
                    if r.random() < win_p:
                        warm = mix(hexc("#ffd27a"), hexc("#ffb65c"), r.random())
                        d.rectangle(pts([(wx, wy), (wx + 8, wy + 11)]), fill=warm)
            x += w + r.uniform(0, 8)
        img.alpha_composite(lay)

    skyline(560, 120, 260, "#3a2d55", 0.10, 11)
    # clock tower
    lay, d = layer()
    tc = hexc("#2a2143")
    d.rectangle(pts([(555, 250), (645, 675)]), fill=tc)
    d.rectangle(pts([(545, 240), (655, 262)]), fill=tc)
    d.rectangle(pts([(568, 150), (632, 245)]), fill=tc)
    d.polygon(pts([(562, 152), (600, 60), (638, 152)]), fill=tc)
    d.line(pts([(600, 60), (600, 36)]), fill=tc, width=s(3))
    d.ellipse(pts([(578, 170), (622, 214)]), fill=hexc("#fbe3b0"))
    d.line(pts([(600, 192), (600, 176)]), fill=tc, width=s(3))
    d.line(pts([(600, 192), (612, 198)]), fill=tc, width=s(3))
    for wy in (300, 360, 420, 480):
        for wx in (572, 608):
            d.rounded_rectangle(
                pts([(wx, wy), (wx + 18, wy + 34)]), radius=s(8), fill=hexc("#ffcf7a")
            )
    img.alpha_composite(lay)
    glow(img, 600, 192, 60, 60, "#fff0c8", 0.5)
    skyline(640, 60, 170, "#1d1830", 0.16, 12)
    vignette(img, 0.4)
    return img


def battery_chart() -> Image.Image:
    rng = random.Random(303)
    img = canvas([(0, "#0e2236"), (0.6, "#12344a"), (1, "#0b2030")])
    glow(img, 880, 180, 520, 300, "#1f6f7a", 0.45)
    lay, d = layer()
    for gy in range(110, 560, 70):
        d.line(pts([(70, gy), (960, gy)]), fill=(160, 210, 220, 40), width=s(1))
    img.alpha_composite(lay)
    # bars
    values = [0.18, 0.24, 0.3, 0.38, 0.47, 0.57, 0.68, 0.82, 0.97]
    base_y, top_y = 555, 110
    bw, gap, x0 = 70, 26, 90
    tops = []
    for i, v in enumerate(values):
        x = float(x0 + i * (bw + gap))
        y = base_y - (base_y - top_y) * v
        bar = gradient((s(bw), max(1, s(base_y - y))), [(0, "#5fe0b6"), (1, "#1c8c8f")]).convert(
            "RGBA"
        )
        mask = Image.new("L", bar.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle(
            (0, 0, bar.size[0] - 1, bar.size[1] + s(12)), radius=s(10), fill=235
        )
        bar.putalpha(mask)
        img.alpha_composite(bar, (s(x), s(y)))
        tops.append((x + bw / 2, y - 26))
    # trend line with soft glow
    lay, d = layer()
    d.line(pts(tops), fill=(255, 214, 120, 255), width=s(4), joint="curve")
    for cx, cy in tops:
        d.ellipse(pts([(cx - 7, cy - 7), (cx + 7, cy + 7)]), fill=(255, 226, 150, 255))
    blur_composite(img, lay, 6)
    img.alpha_composite(lay)
    # ground strip with battery containers and wind turbines
    ground = gradient((SW, s(120)), [(0, "#0a1a26"), (1, "#06121b")]).convert("RGBA")
    img.alpha_composite(ground, (0, s(555)))
    lay, d = layer()
    for row, (y, scale) in enumerate(((585, 0.8), (615, 1.0))):
        x = 40.0 + row * 30
        while x < 1180:
            w, h = 70 * scale, 26 * scale
            d.rectangle(
                pts([(x, y), (x + w, y + h)]), fill=hexc("#dfe8ec") if row else hexc("#b9c8cf")
            )
            for k in range(1, 6):
                vx = x + w * k / 6
                d.line(
                    pts([(vx, y + 5 * scale), (vx, y + h - 5 * scale)]),
                    fill=hexc("#8fa3ad"),
                    width=s(1.2),
                )
            x += w + 16 * scale
    img.alpha_composite(lay)
    lay, d = layer()
    for tx, th, ang in ((1010, 210, 20), (1085, 160, 65), (1150, 250, 40)):
        tc = (180, 205, 215, 210)
        d.polygon(
            pts([(tx - 3, 585), (tx + 3, 585), (tx + 1.2, 585 - th), (tx - 1.2, 585 - th)]), fill=tc
        )
        hub = (tx, 585 - th)
        for k in range(3):
            a = math.radians(ang + k * 120)
            ex, ey = hub[0] + math.cos(a) * th * 0.45, hub[1] + math.sin(a) * th * 0.45
            px, py = -math.sin(a) * 4, math.cos(a) * 4
            d.polygon(
                pts([(hub[0] + px, hub[1] + py), (ex, ey), (hub[0] - px, hub[1] - py)]), fill=tc
            )
        d.ellipse(pts([(hub[0] - 4, hub[1] - 4), (hub[0] + 4, hub[1] + 4)]), fill=tc)
    img.alpha_composite(lay)
    _ = rng
    vignette(img, 0.35)
    return img


def port_cranes() -> Image.Image:
    rng = random.Random(404)
    img = canvas([(0, "#40396b"), (0.3, "#b45f7a"), (0.52, "#f08a5d"), (0.6, "#f9b66e")])
    glow(img, 760, 380, 340, 190, "#ffd99a", 0.8)
    lay, d = layer()
    d.ellipse(pts([(715, 335), (805, 425)]), fill=(255, 226, 170, 255))
    img.alpha_composite(lay)
    # water
    water = gradient(
        (SW, SH - s(405)), [(0, "#d98768"), (0.25, "#7b4f6c"), (1, "#231f3d")]
    ).convert("RGBA")
    img.alpha_composite(water, (0, s(405)))
    lay, d = layer()
    for i in range(60):
        y = 410 + (i / 60) ** 1.5 * 260
        w = rng.uniform(20, 120) * (1 - (y - 410) / 500)
        cx = 760 + rng.gauss(0, 40 + (y - 410) * 0.3)
        d.line(
            pts([(cx - w, y), (cx + w, y)]),
            fill=(255, 210, 150, rng.randint(60, 160)),
            width=s(1.5),
        )
    blur_composite(img, lay, 0.8)
    # quay
    lay, d = layer()
    qc = hexc("#1e1a30")
    d.rectangle(pts([(0, 388), (1200, 412)]), fill=qc)
    # container stacks
    palette = [hexc(c) for c in ("#b8443b", "#2f5f8a", "#d7a23a", "#3f7d62", "#8b3c5c", "#c9673a")]
    x = 10.0
    while x < 1190:
        stacks = rng.randint(1, 4)
        w = rng.choice((46, 60, 60, 92))
        for k in range(stacks):
            y1 = 388 - k * 16
            c = mix(rng.choice(palette), (40, 30, 60), 0.35)
            d.rectangle(pts([(x, y1 - 15), (x + w, y1)]), fill=c)
            d.line(
                pts([(x, y1 - 15), (x + w, y1 - 15)]),
                fill=mix(c, (255, 220, 180), 0.25),
                width=s(1),
            )
        x += w + rng.choice((2, 2, 4, 18))
    img.alpha_composite(lay)

    # ship-to-shore cranes
    lay, d = layer()
    cc = hexc("#191529")

    def crane(x: float, height: float, boom: float) -> None:
        leg = 4.5
        span = height * 0.32
        base = 404
        top = base - height
        for lx in (x, x + span):
            d.polygon(
                pts(
                    [
                        (lx - leg, base),
                        (lx + leg, base),
                        (lx + leg * 0.6, top),
                        (lx - leg * 0.6, top),
                    ]
                ),
                fill=cc,
            )
        d.line(
            pts([(x, base - height * 0.45), (x + span, base - height * 0.45)]), fill=cc, width=s(5)
        )
        d.line(pts([(x, base - height * 0.45), (x + span, top)]), fill=cc, width=s(2.5))
        d.line(pts([(x + span, base - height * 0.45), (x, top)]), fill=cc, width=s(2.5))
        d.rectangle(pts([(x - 60, top - 10), (x + span + boom, top + 4)]), fill=cc)
        apex = (x + span * 0.5, top - height * 0.42)
        d.line(pts([(x - 2, top - 6), apex, (x + span + 2, top - 6)]), fill=cc, width=s(4))
        d.line(pts([apex, (x + span + boom * 0.55, top - 6)]), fill=cc, width=s(2))
        d.line(pts([apex, (x + span + boom, top - 6)]), fill=cc, width=s(2))
        d.line(pts([apex, (x - 58, top - 6)]), fill=cc, width=s(2))
        d.rectangle(
            pts([(x + span + boom * 0.5 - 10, top + 4), (x + span + boom * 0.5 + 10, top + 18)]),
            fill=cc,
        )
        d.line(
            pts([(x + span + boom * 0.5, top + 18), (x + span + boom * 0.5, top + 70)]),
            fill=cc,
            width=s(1.5),
        )

    crane(130, 270, 170)
    crane(430, 300, 190)
    crane(930, 240, 150)
    img.alpha_composite(lay)
    vignette(img, 0.35)
    return img


def genome() -> Image.Image:
    rng = random.Random(505)
    img = canvas([(0, "#0b1330"), (0.55, "#0f1d43"), (1, "#081026")])
    glow(img, 600, 340, 520, 260, "#1b3670", 0.7)
    lay, d = layer()
    for _ in range(260):
        x, y = rng.uniform(0, 1200), rng.uniform(0, 675)
        r = rng.choice((0.7, 0.9, 1.1, 1.6, 2.2))
        d.ellipse(pts([(x - r, y - r), (x + r, y + r)]), fill=(200, 220, 255, rng.randint(50, 200)))
    img.alpha_composite(lay)

    gold, teal = hexc("#f2c25a"), hexc("#4fd1c5")
    cy, amp, period = 340, 150, 420

    def strand(x: float, phase: float) -> tuple[float, float, float]:
        ang = (x / period) * 2 * math.pi + phase
        tilt = (x - 600) * 0.12  # gentle diagonal
        return x, cy - tilt + math.sin(ang) * amp, math.cos(ang)

    back, d_back = layer()
    front, d_front = layer()
    xs = [x for x in range(-40, 1241, 4)]
    # rungs
    for x in range(-40, 1241, 26):
        _, y1, z1 = strand(x, 0)
        _, y2, _ = strand(x, math.pi)
        target = d_front if z1 > 0 else d_back
        col = mix(gold, teal, 0.5)
        target.line(pts([(x, y1), (x, y2)]), fill=(*col, 110), width=s(2.5))
        for frac, c in ((0.0, gold), (1.0, teal)):
            yy = y1 + (y2 - y1) * frac
            target.ellipse(pts([(x - 3, yy - 3), (x + 3, yy + 3)]), fill=(*c, 200))
    for phase, col in ((0.0, gold), (math.pi, teal)):
        for x in xs:
            _, y, z = strand(x, phase)
            r = 4 + 3.5 * (z + 1) / 2
            target = d_front if z > 0 else d_back
            shade = mix((20, 30, 70), col, 0.45 + 0.55 * (z + 1) / 2)
            target.ellipse(pts([(x - r, y - r), (x + r, y + r)]), fill=(*shade, 255))
    halo = front.filter(ImageFilter.GaussianBlur(s(10)))
    img.alpha_composite(back.filter(ImageFilter.GaussianBlur(s(1.2))))
    img.alpha_composite(halo)
    img.alpha_composite(front)
    # a few data points drifting off the helix
    lay, d = layer()
    for _ in range(40):
        x = rng.uniform(0, 1200)
        _, y, _ = strand(x, rng.choice((0.0, math.pi)))
        y += rng.gauss(0, 50)
        r = rng.uniform(2, 5)
        d.rectangle(
            pts([(x - r, y - r), (x + r, y + r)]),
            fill=(teal if rng.random() < 0.5 else gold) + (rng.randint(70, 160),),
        )
    blur_composite(img, lay, 1.5)
    vignette(img, 0.4)
    return img


def trial_plots() -> Image.Image:
    rng = random.Random(606)
    big_w, big_h = s(1500), s(1000)
    field = Image.new("RGBA", (big_w, big_h), (*hexc("#cbb58c"), 255))
    d = ImageDraw.Draw(field)
    greens = [hexc(c) for c in ("#6f9a45", "#7fa84e", "#5e8a3c", "#8bb05a")]
    golds = [hexc(c) for c in ("#d9b35a", "#cfa64c", "#e2c06d", "#c89b45")]
    pw, ph, path = 88, 150, 14
    for row, y in enumerate(range(-40, 1040, ph + path)):
        for _col, x in enumerate(range(-40, 1540, pw + path)):
            heat_tolerant = rng.random() < 0.35
            base = rng.choice(greens if heat_tolerant else golds)
            c = mix(base, (255, 255, 255), rng.uniform(-0.05, 0.08)) if rng.random() < 0.5 else base
            d.rectangle((s(x), s(y), s(x + pw), s(y + ph)), fill=c)
            for k in range(1, 9):  # drill rows
                lx = x + pw * k / 9
                d.line(
                    (s(lx), s(y + 4), s(lx), s(y + ph - 4)),
                    fill=mix(c, (40, 50, 20), 0.18),
                    width=s(1.5),
                )
        if row % 3 == 2:
            d.rectangle((0, s(y + ph), big_w, s(y + ph + path + 10)), fill=hexc("#bfa678"))
    field = field.rotate(-14, resample=Image.Resampling.BICUBIC, expand=False)
    left = (big_w - SW) // 2
    top = (big_h - SH) // 2
    img = field.crop((left, top, left + SW, top + SH))
    glow(img, 250, 120, 520, 300, "#fff4d6", 0.35)
    vignette(img, 0.4)
    return img


def pitch() -> Image.Image:
    img = canvas([(0, "#0f2a1c"), (1, "#0b2016")])
    # pitch area with mowing stripes
    px0, py0, px1, py1 = 95, 48, 1105, 627
    stripes = 14
    lay, d = layer()
    for i in range(stripes):
        x0 = px0 - 30 + (px1 - px0 + 60) * i / stripes
        x1 = px0 - 30 + (px1 - px0 + 60) * (i + 1) / stripes
        d.rectangle(
            pts([(x0, py0 - 30), (x1, py1 + 30)]),
            fill=hexc("#3f8f4a") if i % 2 else hexc("#358040"),
        )
    img.alpha_composite(lay)
    lay, d = layer()
    line = (244, 248, 240, 235)
    lw = s(3)
    d.rectangle(pts([(px0, py0), (px1, py1)]), outline=line, width=lw)
    cx, cy = (px0 + px1) / 2, (py0 + py1) / 2
    d.line(pts([(cx, py0), (cx, py1)]), fill=line, width=lw)
    r = 88
    d.ellipse(pts([(cx - r, cy - r), (cx + r, cy + r)]), outline=line, width=lw)
    d.ellipse(pts([(cx - 4, cy - 4), (cx + 4, cy + 4)]), fill=line)
    scale = (px1 - px0) / 105
    for side in (0, 1):
        gx = px0 if side == 0 else px1
        sign = 1 if side == 0 else -1
        box_d, box_h = 16.5 * scale, 40.3 * scale
        six_d, six_h = 5.5 * scale, 18.3 * scale
        bx = sorted((gx, gx + sign * box_d))
        d.rectangle(pts([(bx[0], cy - box_h / 2), (bx[1], cy + box_h / 2)]), outline=line, width=lw)
        sx = sorted((gx, gx + sign * six_d))
        d.rectangle(pts([(sx[0], cy - six_h / 2), (sx[1], cy + six_h / 2)]), outline=line, width=lw)
        spot = gx + sign * 11 * scale
        d.ellipse(pts([(spot - 3.5, cy - 3.5), (spot + 3.5, cy + 3.5)]), fill=line)
        ar = 9.15 * scale
        start, end = (-53, 53) if side == 0 else (127, 233)
        d.arc(pts([(spot - ar, cy - ar), (spot + ar, cy + ar)]), start, end, fill=line, width=lw)
        goal_w = 7.32 * scale
        gx2 = gx - sign * 14
        g = sorted((gx, gx2))
        d.rectangle(
            pts([(g[0], cy - goal_w / 2), (g[1], cy + goal_w / 2)]), outline=line, width=s(2)
        )
        for cyy, a0, a1 in (
            (py0, 0, 90) if side == 0 else (py0, 90, 180),
            (py1, 270, 360) if side == 0 else (py1, 180, 270),
        ):
            d.arc(pts([(gx - 12, cyy - 12), (gx + 12, cyy + 12)]), a0, a1, fill=line, width=s(2))
    img.alpha_composite(lay)
    # floodlight pools and shadows
    for fx, fy in ((0, 0), (1200, 0), (0, 675), (1200, 675)):
        glow(img, fx, fy, 600, 420, "#fff3cc", 0.22)
    vignette(img, 0.5)
    return img


def marathon() -> Image.Image:
    rng = random.Random(808)
    img = canvas([(0, "#1f3566"), (0.3, "#5a5b8c"), (0.5, "#e08e6d"), (0.56, "#ffc77f")])
    horizon = 378
    glow(img, 600, horizon, 420, 170, "#ffd79a", 0.9)
    lay, d = layer()
    d.pieslice(pts([(548, horizon - 52), (652, horizon + 52)]), 180, 360, fill=(255, 236, 190, 255))
    img.alpha_composite(lay)
    # skyline silhouettes on both sides of the road
    lay, d = layer()
    x = -10.0
    while x < 1210:
        w = rng.uniform(26, 70)
        h = rng.uniform(6, 22) if 470 < x < 730 else rng.uniform(20, 90) * (1 + abs(x - 600) / 900)
        d.rectangle(pts([(x, horizon - h), (x + w, horizon + 2)]), fill=hexc("#3a2f4f"))
        if rng.random() < 0.25:
            d.polygon(
                pts(
                    [
                        (x + w * 0.2, horizon - h),
                        (x + w * 0.5, horizon - h - 18),
                        (x + w * 0.8, horizon - h),
                    ]
                ),
                fill=hexc("#3a2f4f"),
            )
        x += w
    img.alpha_composite(lay)
    ground = gradient((SW, SH - s(horizon)), [(0, "#6d4f5c"), (1, "#2a2233")]).convert("RGBA")
    img.alpha_composite(ground, (0, s(horizon)))
    # road in perspective
    lay, d = layer()
    vp = (600, horizon)
    d.polygon(
        pts([(vp[0] - 6, horizon), (vp[0] + 6, horizon), (1150, 675), (50, 675)]),
        fill=hexc("#4a3d4f"),
    )
    for edge in (-1, 1):
        d.line(
            pts([(vp[0] + edge * 6, horizon), (600 + edge * 550, 675)]),
            fill=(255, 214, 170, 170),
            width=s(3),
        )
    for k in range(14):
        t0 = (k / 14) ** 2.2
        t1 = ((k + 0.45) / 14) ** 2.2
        y0 = horizon + (675 - horizon) * t0
        y1 = horizon + (675 - horizon) * t1
        w0, w1 = 1 + 5 * t0, 1 + 5 * t1
        d.polygon(
            pts([(600 - w0, y0), (600 + w0, y0), (600 + w1, y1), (600 - w1, y1)]),
            fill=(255, 230, 200, 200),
        )
    img.alpha_composite(lay)
    # sun reflection on the road
    glow(img, 600, 470, 120, 160, "#ffcf9a", 0.35)
    # runners as simple profile silhouettes
    lay, d = layer()
    runners = [
        (0.05, 560, 1),
        (0.08, 650, -1),
        (0.12, 520, 1),
        (0.2, 700, -1),
        (0.33, 440, 1),
        (0.55, 800, -1),
        (0.82, 360, 1),
    ]
    c = hexc("#1c1626")

    def limb(a: tuple[float, float], b: tuple[float, float], width: float) -> None:
        d.line(pts([a, b]), fill=c, width=max(1, s(width)))
        r = width / 2
        for px, py in (a, b):
            d.ellipse(pts([(px - r, py - r), (px + r, py + r)]), fill=c)

    for t, x_target, stride in runners:
        y = horizon + (675 - horizon) * t
        x = 600 + (x_target - 600) * t
        h = 16 + 190 * t
        hip = (x, y - 0.5 * h)
        sh = (x + 0.07 * h, y - 0.8 * h)
        head_r = 0.062 * h
        d.ellipse(
            pts(
                [
                    (sh[0] + 0.03 * h - head_r, sh[1] - 0.13 * h - head_r),
                    (sh[0] + 0.03 * h + head_r, sh[1] - 0.13 * h + head_r),
                ]
            ),
            fill=c,
        )
        limb(hip, sh, 0.12 * h)
        front, back = (1, -1) if stride > 0 else (-1, 1)
        # legs: one driving forward, one kicking back
        for sgn in (front, back):
            if sgn > 0:
                knee, foot = (x + 0.17 * h, y - 0.3 * h), (x + 0.11 * h, y - 0.03 * h)
            else:
                knee, foot = (x - 0.06 * h, y - 0.26 * h), (x - 0.24 * h, y - 0.17 * h)
            limb(hip, knee, 0.085 * h)
            limb(knee, foot, 0.06 * h)
        # arms swing opposite to the legs
        limb(sh, (sh[0] - 0.12 * h, sh[1] + 0.15 * h), 0.05 * h)
        limb((sh[0] - 0.12 * h, sh[1] + 0.15 * h), (sh[0] - 0.05 * h, sh[1] + 0.26 * h), 0.045 * h)
        limb(sh, (sh[0] + 0.1 * h, sh[1] + 0.17 * h), 0.05 * h)
        limb((sh[0] + 0.1 * h, sh[1] + 0.17 * h), (sh[0] + 0.21 * h, sh[1] + 0.09 * h), 0.045 * h)
    img.alpha_composite(lay)
    vignette(img, 0.4)
    return img


def stage() -> Image.Image:
    rng = random.Random(909)
    img = canvas([(0, "#14121c"), (0.62, "#1d1a26"), (0.63, "#2a2026"), (1, "#120e12")])
    # tall window in the back wall with a crane silhouette against dusk
    wx0, wy0, wx1, wy1 = 470, 70, 730, 400
    win = gradient(
        (s(wx1 - wx0), s(wy1 - wy0)), [(0, "#2c3d66"), (0.7, "#6a6f97"), (1, "#b7889a")]
    ).convert("RGBA")
    wd = ImageDraw.Draw(win)
    cc = hexc("#15131d")

    def o(x: float, y: float) -> tuple[int, int]:
        return (s(x - wx0), s(y - wy0))

    wd.polygon([o(520, 400), o(530, 400), o(540, 170), o(532, 170)], fill=cc)
    wd.polygon([o(600, 400), o(610, 400), o(556, 170), o(548, 170)], fill=cc)
    wd.rectangle([o(500, 160), o(730, 172)], fill=cc)
    wd.line([o(544, 172), o(544, 110), o(700, 166)], fill=cc, width=s(3))
    wd.line([o(544, 110), o(500, 160)], fill=cc, width=s(3))
    wd.line([o(660, 172), o(660, 250)], fill=cc, width=s(1.5))
    img.alpha_composite(win, (s(wx0), s(wy0)))
    lay, d = layer()
    frame = hexc("#0e0c13")
    d.rectangle(pts([(wx0, wy0), (wx1, wy1)]), outline=frame, width=s(10))
    for k in range(1, 4):
        d.line(
            pts([(wx0 + (wx1 - wx0) * k / 4, wy0), (wx0 + (wx1 - wx0) * k / 4, wy1)]),
            fill=frame,
            width=s(5),
        )
    for k in range(1, 5):
        d.line(
            pts([(wx0, wy0 + (wy1 - wy0) * k / 5), (wx1, wy0 + (wy1 - wy0) * k / 5)]),
            fill=frame,
            width=s(5),
        )
    img.alpha_composite(lay)
    # stage floor boards in perspective
    lay, d = layer()
    floor_y = 425
    for k in range(-12, 13):
        d.line(
            pts([(600 + k * 40, floor_y), (600 + k * 140, 675)]),
            fill=(60, 44, 46, 140),
            width=s(1.5),
        )
    img.alpha_composite(lay)
    # light beams
    beams = [(300, "#ffe7b8"), (600, "#fff6e6"), (900, "#ffc98a")]
    lay, d = layer()
    for bx, col in beams:
        c = hexc(col)
        d.polygon(
            pts([(bx - 14, -10), (bx + 14, -10), (bx + 150, 560), (bx - 150, 560)]), fill=(*c, 62)
        )
    blur_composite(img, lay, 18)
    lay, d = layer()
    for bx, col in beams:
        c = hexc(col)
        d.ellipse(pts([(bx - 175, 510), (bx + 175, 600)]), fill=(*c, 150))
    blur_composite(img, lay, 14)
    for bx, col in beams:
        glow(img, bx, 4, 40, 26, col, 1.0)
    # dust in the beams
    lay, d = layer()
    for _ in range(160):
        bx, _col = rng.choice(beams)
        y = rng.uniform(20, 540)
        half = 14 + (150 - 14) * (y + 10) / 570
        x = bx + rng.uniform(-half, half)
        r = rng.uniform(0.6, 1.6)
        d.ellipse(pts([(x - r, y - r), (x + r, y + r)]), fill=(255, 240, 210, rng.randint(60, 160)))
    img.alpha_composite(lay)
    # curtains left and right
    for side in (0, 1):
        cw = 170
        cur = gradient((s(cw), SH), [(0, "#5a1420"), (1, "#3a0b14")]).convert("RGBA")
        cd = ImageDraw.Draw(cur)
        for k in range(9):
            fx = cw * k / 9
            cd.rectangle((s(fx), 0, s(fx + cw / 18), SH), fill=(25, 4, 10, 110))
        mask = Image.new("L", cur.size, 0)
        md = ImageDraw.Draw(mask)
        if side == 0:
            md.polygon([(0, 0), (s(cw), 0), (s(cw * 0.55), SH), (0, SH)], fill=255)
            cur.putalpha(mask)
            img.alpha_composite(cur, (0, 0))
        else:
            md.polygon([(0, 0), (s(cw), 0), (s(cw), SH), (s(cw * 0.45), SH)], fill=255)
            cur.putalpha(mask)
            img.alpha_composite(cur, (SW - s(cw), 0))
    vignette(img, 0.45)
    return img


SCENES: dict[str, Callable[[], Image.Image]] = {
    "porto-calhau-seawall.jpg": seawall,
    "kostrzyca-town-hall.jpg": town_hall,
    "westmarch-battery-storage.jpg": battery_chart,
    "port-saltmere-cranes.jpg": port_cranes,
    "wheat-genome-illustration.jpg": genome,
    "wheat-trial-plots.jpg": trial_plots,
    "dunmarrow-cup-pitch.jpg": pitch,
    "almerada-marathon-dawn.jpg": marathon,
    "greyhaven-slipway-theatre.jpg": stage,
}


def main() -> None:
    random.seed(2026)
    for name, fn in SCENES.items():
        path = save(fn(), name)
        print(f"{path.relative_to(OUT_DIR.parent)}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
