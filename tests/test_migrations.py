"""Alembic has one head and the migrations build exactly the models' schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from desk.extensions import db as _db


def test_there_is_one_head(app):
    with app.app_context():
        config = current_app.extensions["migrate"].migrate.get_config()
        assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_migrations_match_the_models(app, db):
    """The test database was built by `flask db upgrade`; autogenerate must find nothing to do."""
    connection = db.session.connection()
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, _db.metadata) == []
