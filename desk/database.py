"""Engine settings per backend: SQLite gets WAL, foreign keys and real transactions."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from desk.extensions import db


def dialect_insert(model):
    """An INSERT for the current dialect, which knows ON CONFLICT DO NOTHING."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, connection_record) -> None:
    """Per SQLite connection: foreign keys, a busy timeout, WAL, and no implicit transactions."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        # Let SQLAlchemy issue BEGIN itself so savepoints and rollbacks behave.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(connection) -> None:
    """Start SQLite transactions explicitly and take the write lock at once.

    A deferred BEGIN that reads and then writes fails with "database is locked" when another
    connection committed in between (WAL snapshots); IMMEDIATE makes writers queue instead.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
