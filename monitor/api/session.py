"""Who is signed in, so the offline app opens the right monitor's storage on the phone."""
from flask import jsonify
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from monitor.api import api
from monitor.api.schemas import SessionSchema


@api.get("/session")
@login_required
def current_session():
    """The signed-in user, and for browser sessions the token to send as `X-CSRFToken` on writes."""
    data = {"user": current_user, "csrf_token": generate_csrf()}
    return jsonify(SessionSchema().dump(data))
