"""What a monitor uses in court: the phone pages, the offline app and its first screen, and the
steps and section forms that both share with the manager's correction pages."""
from flask import Flask


def init_offline_app(app: Flask) -> None:
    """Register the offline app (its page, worker and first screen share the `offline` blueprint)."""
    from monitor.filing import first_screen, offline_app  # noqa: F401  (their routes join the blueprint on import)
    from monitor.filing.offline_shell import asset_url, compute_app_version, offline

    app.extensions["offline_app_version"] = compute_app_version(app)
    app.jinja_env.globals["asset_url"] = asset_url
    app.register_blueprint(offline)
