"""Jobs on RQ: sent after the commit, run by a real worker; Redis outages lose nothing."""

from __future__ import annotations

import logging

from rq import Queue
from sqlalchemy import func, select

from desk.background import QUEUE_NAME, enqueue_after_commit
from desk.extensions import db as _db
from desk.jobs import maintenance
from desk.jobs.periodic import PeriodicJob, Scheduler
from desk.jobs.worker import DeskSimpleWorker
from desk.models import CaseEvent, Supervision
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case
from tests.supervision.test_sweep import SWEEP_AT


def _work(app, conn) -> None:
    DeskSimpleWorker.app = app
    DeskSimpleWorker([QUEUE_NAME], connection=conn).work(burst=True)


def test_two_queued_sweeps_make_one_record_the_head_answers_and_the_office_closes(
    app, db, team, app_redis, browser, login_as
):
    case = assigned_case(team, utc(2026, 11, 2, 2, 0))
    queue = Queue(QUEUE_NAME, connection=app_redis)
    db.session.commit()
    queue.enqueue(maintenance.sweep)
    queue.enqueue(maintenance.sweep)
    with frozen_time(SWEEP_AT):
        _work(app, app_redis)
    assert db.session.scalar(select(func.count()).where(Supervision.case_id == case.id)) == 1
    record = db.session.scalar(select(Supervision).where(Supervision.case_id == case.id))

    login_as(team.head)
    page = browser.get("/staff/queue").get_data(as_text=True)
    assert "条未读" in page  # the unread badge in the header
    inbox = browser.get("/inbox").get_data(as_text=True)
    assert case.number in inbox and "挂牌督办" in inbox
    opened = browser.post(f"/inbox/{_notice_id(team.head.id)}", token_from="/inbox")
    assert opened.headers["Location"].endswith(f"/supervision/{record.id}")
    notice = browser.get(f"/supervision/{record.id}").get_data(as_text=True)
    assert "超期未办结" in notice and "2026-11-17" in notice
    empty = browser.post(
        f"/supervision/{record.id}/answer",
        {"answer-comment": " "},
        prefix="answer",
        token_from=f"/supervision/{record.id}",
    )
    assert empty.status_code == 400 and "请填写" in empty.get_data(as_text=True)
    answered = browser.post(
        f"/supervision/{record.id}/answer",
        {"answer-comment": "因需调取银行流水，已于今日答复。"},
        prefix="answer",
        token_from=f"/supervision/{record.id}",
    )
    assert answered.status_code == 302

    login_as(team.office)
    closed = browser.post(
        f"/supervision/{record.id}/close",
        {"close-comment": "反馈属实，予以销号。"},
        prefix="close",
        token_from=f"/supervision/{record.id}",
    )
    assert closed.status_code == 302
    db.session.refresh(record)
    assert record.state == "closed" and record.answer.startswith("因需调取")
    actions = db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case.id)).all()
    assert {"supervised", "supervision_answered", "supervision_closed"} <= set(actions)


def _notice_id(user_id: int) -> int:
    from desk.models import Notification

    return _db.session.scalar(select(Notification.id).where(Notification.user_id == user_id))


def test_a_job_is_enqueued_only_when_its_transaction_commits(app, db, app_redis):
    queue = Queue(QUEUE_NAME, connection=app_redis)
    enqueue_after_commit(maintenance.send_notice_emails)
    db.session.rollback()
    assert queue.count == 0
    enqueue_after_commit(maintenance.send_notice_emails)
    assert queue.count == 0  # not before the commit
    db.session.commit()
    assert queue.count == 1


def test_a_savepoint_inside_the_transaction_sends_nothing_before_the_commit(app, db, app_redis):
    queue = Queue(QUEUE_NAME, connection=app_redis)
    enqueue_after_commit(maintenance.send_notice_emails)
    with db.session.begin_nested():  # as a case number is drawn, in the middle of taking a letter in
        pass
    assert queue.count == 0  # the letter is not committed yet: no worker may look for it
    db.session.commit()
    assert queue.count == 1


def test_with_redis_down_the_commit_stands_and_the_sweep_catches_up(app, db, team, caplog):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    try:
        case = assigned_case(team, utc(2026, 11, 2, 2, 0))
        enqueue_after_commit(maintenance.sweep)
        with caplog.at_level(logging.WARNING, logger="desk.background"):
            db.session.commit()  # must not raise
        assert "left for the sweep" in caplog.text
        assert Scheduler(app).tick(SWEEP_AT) == []  # cannot claim a slot either: nothing runs twice later
    finally:
        app.config["REDIS_URL"] = None
        app.extensions.pop("desk_redis", None)
    with frozen_time(SWEEP_AT):
        Scheduler(app).tick(SWEEP_AT)  # no Redis: the scheduler runs the sweep itself
    assert db.session.scalar(select(func.count()).where(Supervision.case_id == case.id)) == 1


def test_two_schedulers_enqueue_each_slot_once(app, db, app_redis):
    queue = Queue(QUEUE_NAME, connection=app_redis)
    first, second = Scheduler(app), Scheduler(app)
    assert "sweep" in first.tick(SWEEP_AT)
    assert "sweep" not in second.tick(SWEEP_AT)
    names = [job.func_name for job in queue.jobs]
    assert names.count("desk.jobs.maintenance.sweep") == 1
    assert "sweep" in second.tick(utc(2026, 11, 12, 2, 5))  # the next five minutes


def test_a_daily_job_waits_for_its_hour():
    from datetime import time

    job = PeriodicJob("nightly", maintenance.send_notice_emails, daily_at=time(3, 0))
    assert job.slot(utc(2026, 11, 11, 18, 59)) is None  # 02:59 in Shanghai
    assert job.slot(utc(2026, 11, 11, 19, 0)) == "2026-11-12"


def test_warmed_dashboard_figures_are_shared_through_redis(app, db, team, app_redis, browser, login_as):
    from desk.jobs.reports import warm_reports
    from desk.reports.cache import clear

    assigned_case(team, utc(2026, 11, 2, 2, 0))
    db.session.commit()
    app.config["REPORTS_CACHE_SECONDS"] = 60
    try:
        with frozen_time(utc(2026, 11, 12, 1, 0)) as clock:
            warm_reports()
            assert list(app_redis.scan_iter("desk:report:*"))
            clear()  # another process: nothing memoised in memory
            login_as(team.office)
            clock.move_to(utc(2026, 11, 12, 1, 0, 30))
            page = browser.get("/office/dashboard").get_data(as_text=True)
        assert "2026-11-12 09:00" in page  # counted by the job, not by this request
    finally:
        app.config.pop("REPORTS_CACHE_SECONDS")
        clear()
