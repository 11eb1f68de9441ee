"""Requests for government information (依申请公开): the register and the annual report's entered figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.case import Case


class DisclosureRequest(db.Model):
    """One request in the register: filed on the desk (with its case) or imported from a past register.

    The annual table counts these rows: `received_on` and `decided_on` are local (Asia/Shanghai)
    dates, `outcome` the code of a leaf row of section 三 (see desk.disclosure.taxonomy).
    """

    __tablename__ = "disclosure_requests"
    __table_args__ = (
        Index("ix_disclosure_requests_received_on", "received_on"),
        Index("ix_disclosure_requests_decided_on", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # 申请编号 (the case number on the desk)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    imported: Mapped[bool] = mapped_column(default=False, server_default=false())
    received_on: Mapped[date] = mapped_column(Date)
    applicant_type: Mapped[str] = mapped_column(String(16))  # a column of the table
    summary: Mapped[str] = mapped_column(Text, default="")  # 申请内容
    # The applicant as the request names them (the case holds name, phone and e-mail).
    organisation: Mapped[str | None] = mapped_column(String(100))
    id_type: Mapped[str | None] = mapped_column(String(16))
    id_number: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(200))
    delivery: Mapped[str | None] = mapped_column(String(16))  # paper / electronic / post / pickup
    # The fee notice's amount (its wait, like every other, is a clock_pauses row of the case).
    fee_amount: Mapped[int | None]  # 元
    # The outcome, fixed at sign-off (or by the import).
    outcome: Mapped[str | None] = mapped_column(String(16))
    decided_on: Mapped[date | None] = mapped_column(Date)
    withheld: Mapped[str | None] = mapped_column(Text)  # partial disclosure: what was withheld and why
    redirect_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)

    case: Mapped[Case | None] = relationship(foreign_keys=[case_id])
    redirect_case: Mapped[Case | None] = relationship(foreign_keys=[redirect_case_id])


class DisclosureFigure(db.Model):
    """A figure of the annual report that staff enter: section 二 (主动公开) and 四 (复议、诉讼)."""

    __tablename__ = "disclosure_figures"
    __table_args__ = (UniqueConstraint("year", "section", "row", "column"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    section: Mapped[str] = mapped_column(String(4))
    row: Mapped[str] = mapped_column(String(32))
    column: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(Text)
