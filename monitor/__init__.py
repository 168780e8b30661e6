"""Court Monitor: fair-trial checklists filled in court, reviewed, and aggregated into statistics."""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from monitor.checklists.compiled import load_checklists
from monitor.config import apply_environment_rules, default_config, engine_options, normalise_database_url
from monitor import i18n, input_guard
from monitor.extensions import csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the application. `config` overrides defaults and environment (tests pass a database URL)."""
    app = Flask(__name__, instance_relative_config=True)
    input_guard.bound_path_integers(app)
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_prefixed_env("MONITOR")
    if config:
        app.config.update(config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    apply_environment_rules(app.config)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        # No x_host: public addresses come from PUBLIC_URL, never from a forwarded Host header.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    app.extensions["checklists"], app.extensions["indicators"] = load_checklists(
        app.config["CHECKLIST_FOLDER"], app.config["INDICATOR_FILE"], app.config["COMPILED_CHECKLISTS_FILE"])

    from monitor import compression, database, errors
    from monitor.account.own_account import account
    from monitor.account.sign_in import auth
    from monitor.admin import admin
    from monitor.api import api
    from monitor.health import health
    from monitor.security import headers
    from monitor.cli import register_commands
    from monitor.filing import init_offline_app
    from monitor.filing.pages import pages
    from monitor.review import review
    from monitor.review.releases import releases
    from monitor.review.statistics import statistics
    from monitor.public import public

    database.configure(app)
    compression.init_app(app)
    app.register_blueprint(auth)
    app.register_blueprint(account)
    app.register_blueprint(pages)
    app.register_blueprint(review)
    app.register_blueprint(admin)
    app.register_blueprint(statistics)
    app.register_blueprint(releases)
    app.register_blueprint(public)
    app.register_blueprint(api)
    app.register_blueprint(health)
    init_offline_app(app)
    csrf.exempt(api)  # the API checks CSRF itself for cookie sessions; token clients have none
    input_guard.register(app)
    errors.register(app)
    headers.register(app)
    register_commands(app)
    return app
