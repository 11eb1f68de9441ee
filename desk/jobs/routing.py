"""Retraining the routing model on the desk's own answered cases."""

from __future__ import annotations

from dataclasses import asdict

from desk.extensions import db


def retrain_router() -> dict:
    """Train a router from answered cases, store it with its cross-validated quality, commit."""
    from desk.knowledge.routing import retrain

    result = retrain()
    db.session.commit()
    return asdict(result)
