"""Attachments: checked by content and size, stored outside the web root, read only by staff in scope."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk.models import Attachment, Case, Role

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
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
    assert stored.read_bytes() == PNG
    assert "宣传单" not in case.attachments[0].stored_name  # random names on disk


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ((("照片.png", b"GIF89a not really a png"),), "内容与文件类型不符"),
        ((("脚本.html", b"<script>alert(1)</script>"),), "格式不支持"),
        ((("程序.exe", b"MZ\x90\x00"),), "格式不支持"),
        ((("空.pdf", b""),), "空文件"),
        ((("大.pdf", b"%PDF-" + b"0" * (64 * 1024)),), "超过 50KB"),
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
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()
    login_as(Role.STAFF, division="人事处")
    assert browser.get(url).status_code == 404
