"""Searching 信件选登: words, kind and month; a bad month is a clear 400."""

from __future__ import annotations

from desk.cases.lifecycle import apply
from desk.publishing.letters import letter_of
from tests.conftest import utc
from tests.supervision.conftest import make_team, replied_case


def _publish(db, team, subject, content, received):
    case = replied_case(
        team, received, utc(2026, 11, 20, 2, 0), subject=subject, content=content, consent_publish=True
    )
    apply(case, "propose_publication", team.staff)
    record = letter_of(case)
    apply(
        case, "approve_publication", team.office, title=record.title, letter=record.letter, reply=record.reply
    )
    db.session.commit()
    return case


def test_search_by_words_kind_and_month(db, client):
    team = make_team(suffix="search")
    pawn = _publish(
        db, team, "典当行续当费用", "请问典当行续当要另收费用吗？谢谢答复。", utc(2026, 10, 12, 2, 0)
    )
    lease = _publish(
        db, team, "融资租赁拖车", "融资租赁公司拖走了我的车，合规吗？谢谢答复。", utc(2026, 11, 3, 2, 0)
    )

    def listed(query: str) -> str:
        response = client.get(f"/letters?{query}")
        assert response.status_code == 200, query
        return response.get_data(as_text=True)

    assert pawn.number in listed("q=续当") and lease.number not in listed("q=续当")
    assert lease.number in listed("month=2026-11") and pawn.number not in listed("month=2026-11")
    assert pawn.number in listed("kind=consultation")
    assert pawn.number not in listed("kind=complaint")
    response = client.get("/letters?month=2026-13")
    assert response.status_code == 400
    assert "月份格式应为" in response.get_data(as_text=True)
