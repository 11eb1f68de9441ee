"""The desk as gunicorn serves it in `bench.webhook`, plus the durability-only baseline endpoint.

`POST /bench/baseline` inserts the raw body into a table, commits and pushes one Redis entry:
the least any webhook that never loses a message must do. It exists only in this benchmark.
"""

from __future__ import annotations

import os

from flask import Blueprint, request
from redis import Redis
from sqlalchemy import text

from desk import create_app
from desk.extensions import csrf, db

baseline = Blueprint("bench_baseline", __name__)
csrf.exempt(baseline)
_redis = Redis.from_url(os.environ["REDIS_URL"]) if os.environ.get("REDIS_URL") else None


@baseline.post("/bench/baseline")
def store_raw():
    """Insert, commit, push: the cost of durability alone."""
    row_id = db.session.execute(
        text("INSERT INTO bench_raw (body) VALUES (:body) RETURNING id"), {"body": request.get_data()}
    ).scalar_one()
    db.session.commit()
    _redis.lpush("bench:raw", row_id)
    return "success"


app = create_app()
app.register_blueprint(baseline)
