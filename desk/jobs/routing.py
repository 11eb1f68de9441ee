"""Retraining the routing model on the desk's own answered cases."""

from __future__ import annotations

from dataclasses import asdict

from desk.extensions import db


def retrain_router() -> dict:
    """Train a router from answered cases, store it with its cross-validated quality, commit."""
    from desk.knowledge.routing import retrain_on, training_set

    data = training_set()
    db.session.commit()  # ends the reading: no lock is held while the model is fitted
    result = retrain_on(data)
    db.session.commit()
    return asdict(result)
