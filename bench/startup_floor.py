"""The floor of a `flask` command: Flask, Flask-SQLAlchemy and the extensions `create_app`
initialises (CSRF, sign-in, rate limit, languages, compression), and one SELECT, with nothing of
Court Monitor in it. What `flask --app wsgi courts list` costs above this is Court Monitor's own
start-up (bench/startup.py)."""
import os

from flask import Flask
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import text

app = Flask(__name__)
app.config.update(SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"], SECRET_KEY="floor", RATELIMIT_STORAGE_URI="memory://")
db = SQLAlchemy(app)
CSRFProtect(app)
LoginManager(app)
Limiter(get_remote_address, app=app)
Babel(app)
Compress(app)

with app.app_context():
    for key, name in db.session.execute(text("SELECT key, name FROM courts ORDER BY key")):
        print(f"{key}\t{name}")
