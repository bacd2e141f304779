"""PNG charts: the published (already suppressed) SVG rasterised on the server with resvg.

resvg-py (a binding of the Rust resvg library, one 1.4 MB wheel, no dependencies) draws the
same SVG the download gives, so the PNG can show nothing the SVG hides. Text needs a font on
the server; without one we refuse rather than hand out a chart with no labels.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

# Where Debian, most Linux distributions and macOS keep fonts.
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts")
ZOOM = 2  # 1520 px wide: sharp on a projector and in a slide


class PngUnavailable(RuntimeError):
    pass


@cache
def fonts_available() -> bool:
    for directory in FONT_DIRS:
        root = Path(directory)
        if root.is_dir() and any(p.suffix.lower() in {".ttf", ".otf", ".ttc"} for p in root.rglob("*")):
            return True
    return False


def svg_to_png(svg: str) -> bytes:
    try:
        import resvg_py
    except ImportError:
        raise PngUnavailable("PNG charts need the resvg-py package on the server; download the SVG instead.") from None
    if not fonts_available():
        raise PngUnavailable("PNG charts need a font on the server (for example Debian's fonts-dejavu-core); "
                             "download the SVG instead.")
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=ZOOM, background="white"))
