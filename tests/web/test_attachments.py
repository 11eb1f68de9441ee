"""Attachments: checked by content and size, stored outside the web root, read only by staff in scope."""

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from desk.models import Attachment, Case, Role
from tests.files import jpeg_with_gps, pdf_bytes, png_bytes

PNG = png_bytes()
PDF = pdf_bytes()
LETTER = {
    "citizen_name": "孙敏",
    "phone": "13800138000",
    "subject": "举报非法集资线索",
    "content": "某公司以养老项目为名承诺年化20%收益，向老年人吸收资金，附宣传单照片。",
}


def send(browser, *files):
    data = {**LETTER, "attachments": [(io.BytesIO(body), name) for name, body in files]}
    data.update(browser.hidden_fields("/write/complaint"))
    return browser.client.post("/write/complaint", data=data, content_type="multipart/form-data")


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_checked_files_are_kept_with_the_case(app, browser, db):
    response = send(browser, ("宣传单.png", PNG), ("合同.pdf", PDF))
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    names = [a.filename for a in case.attachments]
    assert names == ["宣传单.png", "合同.pdf"]
    stored = Path(app.config["UPLOAD_FOLDER"]) / case.attachments[0].stored_name
    assert Image.open(io.BytesIO(stored.read_bytes())).size == (8, 8)  # the picture, encoded afresh
    assert "宣传单" not in case.attachments[0].stored_name  # random names on disk


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ((("照片.png", b"GIF89a not really a png"),), "内容与文件类型不符"),
        ((("脚本.html", b"<script>alert(1)</script>"),), "格式不支持"),
        ((("程序.exe", b"MZ\x90\x00"),), "格式不支持"),
        ((("空.pdf", b""),), "空文件"),
        ((("大.pdf", b"%PDF-" + b"0" * (64 * 1024)),), "超过 50KB"),
        ((("假.pdf", b"%PDF-1.7\n" + b"0" * 64),), "不是有效的 PDF"),
        ((("截断.pdf", PDF[: len(PDF) // 2]),), "不是有效的 PDF"),
        ((("假.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),), "不是有效的图片"),
        ((("假.jpg", b"\xff\xd8\xff\xe0" + b"<html><script>alert(1)</script>"),), "不是有效的图片"),
        ((("网页.pdf", PDF + b"<html><script>alert(1)</script></html>"),), "内容与文件类型不符"),
        (tuple((f"{i}.png", PNG) for i in range(4)), "最多上传3个附件"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(app, browser, db, files, message, monkeypatch):
    # A small limit keeps the test client from spooling bodies to unclosed temporary files.
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 50 * 1024)
    before = set(Path(app.config["UPLOAD_FOLDER"]).iterdir())
    response = send(browser, *files)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(db, Case) == 0 and count(db, Attachment) == 0
    assert set(Path(app.config["UPLOAD_FOLDER"]).iterdir()) == before


def test_paths_in_file_names_are_dropped(browser, db):
    send(browser, ("../../etc/passwd.pdf", PDF))
    assert db.session.scalar(select(Attachment)).filename == "passwd.pdf"


def test_staff_in_scope_download_and_others_get_404(browser, db, login_as, make_division):
    send(browser, ("合同.pdf", PDF))
    case = db.session.scalar(select(Case))
    bank = make_division("银行一处")
    case.state, case.division_id = "assigned", bank.id
    db.session.commit()
    url = f"/staff/cases/{case.id}/attachments/{case.attachments[0].id}"
    login_as(Role.STAFF, division=bank)
    response = browser.get(url)
    assert response.status_code == 200 and response.data == PDF
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    response.close()
    login_as(Role.STAFF, division="人事处")
    assert browser.get(url).status_code == 404


def stored_bytes(app, db) -> bytes:
    attachment = db.session.scalar(select(Attachment))
    return (Path(app.config["UPLOAD_FOLDER"]) / attachment.stored_name).read_bytes()


def test_a_photo_loses_its_gps_and_camera_data(app, browser, db):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the position is there
    assert send(browser, ("现场.jpg", original)).status_code == 302
    kept = Image.open(io.BytesIO(stored_bytes(app, db)))
    assert kept.format == "JPEG" and kept.size == (16, 16)
    assert not kept.getexif() and "exif" not in kept.info
    assert b"DeskCam" not in stored_bytes(app, db)


def test_a_jpeg_carrying_a_zip_and_html_is_stored_clean(app, browser, db):
    polyglot = jpeg_with_gps() + b"PK\x03\x04" + b"\x00" * 26 + b"<html><script>alert(1)</script></html>"
    assert send(browser, ("照片.jpg", polyglot)).status_code == 302
    kept = stored_bytes(app, db)
    assert b"PK\x03\x04" not in kept and b"<script" not in kept
    assert kept.endswith(b"\xff\xd9")  # nothing after the end of the image


def test_a_pdf_with_a_script_is_refused(browser, db):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    script = {
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert(1)"),
    }
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(script)
    out = io.BytesIO()
    writer.write(out)
    response = send(browser, ("脚本.pdf", out.getvalue()))
    assert response.status_code == 400
    assert "含有脚本" in response.get_data(as_text=True)
    assert count(db, Case) == 0


def _pdf_with(place: str) -> bytes:
    """A one-page PDF that runs a script (or a program) from somewhere other than the catalogue."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=100, height=100)
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    if place == "page-open":  # runs when the first page is shown
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    elif place == "link":  # runs on a click anywhere on the page
        link = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(100)]
                ),
                NameObject("/A"): script,
            }
        )
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    else:  # "launch": opening the file starts a program
        launch = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
        )
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): launch})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("place", ["page-open", "link", "launch"])
def test_a_pdf_with_a_script_on_its_page_is_refused(browser, db, place):
    response = send(browser, ("投诉材料.pdf", _pdf_with(place)))
    assert response.status_code == 400
    assert "含有脚本" in response.get_data(as_text=True)
    assert count(db, Case) == 0 and count(db, Attachment) == 0


def test_the_forms_say_the_configured_attachment_limits(app, client, monkeypatch):
    page = client.get("/write/consultation").get_data(as_text=True)
    assert "最多3个，PDF、JPG或PNG，每个不超过5MB" in page
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_COUNT", 2)
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 2 * 1024 * 1024)
    page = client.get("/write/complaint").get_data(as_text=True)
    assert "最多2个，PDF、JPG或PNG，每个不超过2MB" in page and "最多3个" not in page
