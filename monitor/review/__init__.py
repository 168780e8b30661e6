"""Manager pages: the review queue, reviewing and correcting a checklist, raw-data exports."""
from flask import Blueprint

review = Blueprint("review", __name__, url_prefix="/review")

from monitor.review import cases, checklist, exports, queue  # noqa: E402,F401  (routes register on import)
