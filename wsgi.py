"""Entry point for `flask --app wsgi` and WSGI servers."""

from desk import create_app

app = create_app()
