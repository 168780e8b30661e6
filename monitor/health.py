"""`GET /health` for load balancers: is this app server up and can it reach the database?"""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from monitor.extensions import db
from monitor.services import schema

health = Blueprint("health", __name__)


@health.get("/health")
def health_check():
    """200 when `SELECT 1` succeeds and the tables exist; 503 otherwise, so the balancer sends traffic elsewhere."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.error("Health check: database unreachable: %s", error)
        return jsonify(status="unavailable", database="unreachable"), 503
    if not schema.database_has_tables():
        current_app.logger.error("Health check: %s", schema.NO_TABLES)
        return jsonify(status="unavailable", database="no tables"), 503
    return jsonify(status="ok", database="ok")
