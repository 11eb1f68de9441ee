"""Attachments: checked by content and size, stored under random names outside the web root."""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from sqlalchemy import event
from sqlalchemy.orm import Session

from desk.extensions import db
from desk.models import Attachment, Case

# What a file must start with to be what it claims; the extension alone proves nothing.
SIGNATURES = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
}
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpg": "jpg", "jpeg": "jpg"}


class UploadError(ValueError):
    """A file that cannot be accepted; the message is for the citizen."""


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed the checks, held in memory until the case exists."""

    filename: str
    kind: str
    content_type: str
    data: bytes


def check_upload(filename: str, data: bytes) -> CheckedUpload:
    """Accept a PDF, PNG or JPEG whose content matches its name and fits the size limit."""
    limit = current_app.config["ATTACHMENT_MAX_BYTES"]
    shown = clean_filename(filename)
    if not data:
        raise UploadError(f"附件“{shown}”是空文件")
    if len(data) > limit:
        raise UploadError(f"附件“{shown}”超过 {readable_size(limit)}")
    extension = shown.rsplit(".", 1)[-1].lower() if "." in shown else ""
    kind = EXTENSIONS.get(extension)
    if kind is None:
        raise UploadError(f"附件“{shown}”的格式不支持，仅限 PDF、JPG、PNG")
    magic, content_type = SIGNATURES[kind]
    if not data.startswith(magic):
        raise UploadError(f"附件“{shown}”的内容与文件类型不符")
    data = checked_pdf(shown, data) if kind == "pdf" else reencoded_image(shown, kind, data)
    return CheckedUpload(filename=shown, kind=kind, content_type=content_type, data=data)


MAX_IMAGE_PIXELS = 40_000_000  # a 5MB file that unpacks to more is a decompression bomb
PIL_FORMATS = {"png": "PNG", "jpg": "JPEG"}


def reencoded_image(shown: str, kind: str, data: bytes) -> bytes:
    """The picture alone, encoded afresh: no EXIF (GPS), no comments, nothing after the image data.

    Only the pixels survive, so a JPEG or PNG carrying a ZIP, HTML or script comes out clean.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[PIL_FORMATS[kind]]) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise UploadError(f"附件“{shown}”的图片尺寸过大")
                image.load()
                pixels = _upright(image)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        if isinstance(error, UploadError):
            raise
        raise UploadError(f"附件“{shown}”不是有效的图片") from error
    out = io.BytesIO()
    if kind == "jpg":
        pixels.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
    else:
        if pixels.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            pixels = pixels.convert("RGBA")
        pixels.save(out, "PNG", optimize=True)
    return out.getvalue()


def _upright(image: Image.Image) -> Image.Image:
    """A copy of the pixels turned as the camera meant (the EXIF orientation), without any metadata."""
    from PIL import ImageOps

    turned = ImageOps.exif_transpose(image) or image
    clean = Image.new(turned.mode, turned.size)
    if turned.mode == "P":
        clean.putpalette(turned.getpalette() or [])
    clean.paste(turned)
    return clean


def checked_pdf(shown: str, data: bytes) -> bytes:
    """A PDF that parses, has pages, holds no script and carries nothing after its end."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise UploadError(f"附件“{shown}”是加密的 PDF，请去除密码后上传")
        if len(reader.pages) == 0:
            raise UploadError(f"附件“{shown}”不是有效的 PDF")
        root = reader.trailer["/Root"]
        names = root.get("/Names")
        if (
            "/OpenAction" in root
            or "/AA" in root
            or (names is not None and "/JavaScript" in names)
            or _runs_something(root)
        ):
            raise UploadError(f"附件“{shown}”含有脚本，不予接收")
    except UploadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UploadError(f"附件“{shown}”不是有效的 PDF") from error
    if re.search(rb"<(html|script|body|svg)\b", data[-4096:] + data[:4096], re.IGNORECASE) or (
        b"PK\x03\x04" in data[data.rfind(b"%%EOF") :] if b"%%EOF" in data else False
    ):
        raise UploadError(f"附件“{shown}”的内容与文件类型不符")
    return data


# Actions that run code when the file is opened, a page is shown or something is clicked.
RUNNING_ACTIONS = ("/JavaScript", "/Launch")


def _runs_something(root) -> bool:
    """Whether any object the document reaches (pages, annotations, form fields…) is a script or a
    program launch: page /AA and link actions run as surely as the catalogue's /OpenAction."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if "/JS" in item or dict.get(item, "/S") in RUNNING_ACTIONS:
                return True
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))
    return False


def readable_size(size: int) -> str:
    """5MB, 50KB."""
    return f"{size / 1048576:g}MB" if size >= 1048576 else f"{size / 1024:g}KB"


def clean_filename(filename: str) -> str:
    """The file's own name, without any path or control characters, at most 100 characters."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip(" .") or "附件"
    return name[-100:]


def upload_folder() -> Path:
    """Where attachments are kept (instance/uploads unless configured)."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads"


def attach_files(case: Case, uploads: list[CheckedUpload]) -> list[Attachment]:
    """Write the files and record them on the case (the caller commits).

    A file is written before the commit, so no committed row points at a missing file; when the
    transaction rolls back instead, the files it wrote are removed again.
    """
    folder = upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written = db.session.info.setdefault(_WRITTEN, [])
    attachments = []
    for upload in uploads:
        stored_name = f"{secrets.token_hex(16)}.{upload.kind}"
        path = folder / stored_name
        path.write_bytes(upload.data)
        written.append(path)
        attachment = Attachment(
            case_id=case.id,
            filename=upload.filename,
            content_type=upload.content_type,
            size=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(),
            stored_name=stored_name,
        )
        db.session.add(attachment)
        attachments.append(attachment)
    db.session.flush()
    return attachments


_WRITTEN = "desk.attachments.written"


@event.listens_for(Session, "after_commit")
def _keep_written_files(session: Session) -> None:
    """Committed: the files now belong to their rows."""
    session.info.pop(_WRITTEN, None)


@event.listens_for(Session, "after_rollback")
def _remove_written_files(session: Session) -> None:
    """Rolled back: no row will ever point at the files this transaction wrote."""
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)


def attachment_path(attachment: Attachment) -> Path:
    """The file of an attachment on disk."""
    return upload_folder() / attachment.stored_name
