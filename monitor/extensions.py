"""Flask extensions, created once here and initialised in `create_app`."""
from flask import request
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
#: gzip/brotli for pages, CSS, JS and JSON: phones in court pay for every byte over slow links.
compress = Compress()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to continue.")
#: Only the views that ask for a limit are limited (sign-in); storage comes from RATELIMIT_STORAGE_URI.
limiter = Limiter(key_func=get_remote_address)


@limiter.request_filter
def _not_signing_in() -> bool:
    """Every other request skips the limiter's bookkeeping: a phone syncing its outbox pays for none of it."""
    return request.blueprint != "auth"
