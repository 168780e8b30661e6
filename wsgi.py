"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""
import gc

from monitor import create_app

app = create_app()
#: What start-up built (modules, models, routes, definitions) lives as long as the process: out of
#: the cyclic collector's sight it costs nothing at each full collection, nor at exit, where the
#: interpreter would otherwise walk it several times (a fifth of a second at every `flask` command).
gc.freeze()
