"""Serve a Flask app on a real loopback port, for tests that drive a browser."""

import threading

from werkzeug.serving import make_server


class LiveServer:
    """Serve `app` in a background thread for the duration of a `with` block.

        with LiveServer(app) as server:
            page.goto(server.url + "/hearings")
    """

    def __init__(self, app):
        self.app = app
        self._server = None
        self._thread = None

    @property
    def url(self) -> str:
        """Base URL such as "http://127.0.0.1:54321", with no trailing slash."""
        if self._server is None:
            raise RuntimeError("LiveServer is not running; use it as a context manager.")
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> "LiveServer":
        self._server = make_server(host="127.0.0.1", port=0, app=self.app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="live-server", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._server = None
