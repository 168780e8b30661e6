"""The yardstick: a bare Flask JSON endpoint, served by the same gunicorn set-up as Court Monitor.

It reads the JSON body and answers with a small JSON document, nothing else: what any Flask
endpoint costs under this server on this machine."""
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/bare")
def bare():
    payload = request.get_json()
    return jsonify(uuid=payload.get("uuid"), received=True), 201
