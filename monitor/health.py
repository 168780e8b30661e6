"""`GET /health` for load balancers: is this app server up and can it reach the database?"""
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from monitor.extensions import db

health = Blueprint("health", __name__)


@health.get("/health")
def health_check():
    """200 when `SELECT 1` succeeds; 503 otherwise, so the balancer sends traffic elsewhere."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.error("Health check: database unreachable: %s", error)
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
