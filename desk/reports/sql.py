"""SQL helpers that read the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class month_of(FunctionElement):
    """'YYYY-MM' of a date or timestamp column, computed by the database."""

    type = String()
    name = "month_of"
    inherit_cache = True


@compiles(month_of)
def _month_of_sqlite(element, compiler, **kw) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element, compiler, **kw) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"
