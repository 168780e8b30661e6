"""Compressed responses (Flask-Compress): phones in court pay for every byte over slow links.

Static files are sent as streams, which Flask-Compress would compress chunk by chunk without
closing the file; they are small, so they are read whole first and compressed in one go."""
from flask import Flask, Response, request

from monitor.extensions import compress


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_STREAMS", False)
    compress.init_app(app)

    @app.after_request  # registered after Flask-Compress's own hook, so it runs before it
    def read_static_files_whole(response: Response) -> Response:
        if request.endpoint == "static" and response.direct_passthrough and response.status_code == 200:
            response.direct_passthrough = False
            response.get_data()
        return response
