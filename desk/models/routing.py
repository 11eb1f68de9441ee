"""Routing suggestions: keyword rules per division, trained models and the settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class RoutingRule(db.Model):
    """Keywords that point a letter to a division (the admin edits them; a cold start and a feature)."""

    __tablename__ = "routing_rules"

    division_id: Mapped[int] = mapped_column(ForeignKey("divisions.id"), primary_key=True)
    keywords: Mapped[str] = mapped_column(Text, default="")  # one keyword or phrase per line
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def keyword_list(self) -> list[str]:
        return [
            k.strip() for k in self.keywords.replace("，", "\n").replace(",", "\n").splitlines() if k.strip()
        ]


class RouterModel(db.Model):
    """A router trained on the desk's own assignments, with its cross-validated quality."""

    __tablename__ = "router_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    n_cases: Mapped[int] = mapped_column(default=0)
    quality: Mapped[str] = mapped_column(Text, default="{}")  # JSON: macro-F1, accuracy, per division
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    active: Mapped[bool] = mapped_column(default=False)


class Setting(db.Model):
    """An operator setting stored in the database (e.g. the auto-assignment threshold)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
