"""Blueprints by audience: public, auth, staff, office, admin."""

from __future__ import annotations

from flask import Flask, render_template

from desk.cases.errors import CaseError
from desk.extensions import db


def register_blueprints(app: Flask) -> None:
    """Attach every audience's blueprint."""
    from desk.channels.webhooks import bp as hooks_bp
    from desk.web.admin.routes import bp as admin_bp
    from desk.web.auth.routes import bp as auth_bp
    from desk.web.disclosure.routes import bp as disclosure_bp
    from desk.web.knowledge.routes import bp as knowledge_bp
    from desk.web.office.routes import bp as office_bp
    from desk.web.public.routes import bp as public_bp
    from desk.web.published.routes import bp as published_bp
    from desk.web.reports.routes import bp as reports_bp
    from desk.web.staff.routes import bp as staff_bp
    from desk.web.supervision.routes import bp as supervision_bp

    blueprints = (
        public_bp,
        auth_bp,
        staff_bp,
        office_bp,
        admin_bp,
        supervision_bp,
        hooks_bp,
        knowledge_bp,
        reports_bp,
        disclosure_bp,
        published_bp,
    )
    for bp in blueprints:
        app.register_blueprint(bp)

    @app.errorhandler(CaseError)
    def refused(error: CaseError):
        """A refused action or a case the reader may not see: its 4xx, nothing written."""
        db.session.rollback()
        message = "页面不存在，或您无权查看。" if error.status == 404 else str(error)
        return render_template("errors.html", code=error.status, message=message), error.status
