"""Small real files for upload tests: a PNG, a PDF, a JPEG with GPS in its EXIF."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    """A valid PNG."""
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    """A valid one-page PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF holds a camera model and a GPS position (Shanghai)."""
    image = Image.new("RGB", (16, 16), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0110] = "DeskCam 1"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (31.0, 13.0, 48.0), 3: "E", 4: (121.0, 28.0, 12.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
