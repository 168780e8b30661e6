"""The least any durable submission endpoint must do, with nothing of Court Monitor in it.

A bare Flask endpoint plus: look the bearer token up in Court Monitor's own `api_tokens` and
`users` tables, insert the JSON body as one row, and commit with the same durability as Court
Monitor (SQLite WAL with synchronous=FULL; PostgreSQL's default fsync). Plain DBAPI calls, one
connection per worker thread: no ORM, no validation, no history or audit rows. Run in the same
benchmark, it shows how close to the bare endpoint any checklist server can get on this machine."""
import hashlib
import json
import os
import sqlite3
import threading

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
URL = os.environ["DATABASE_URL"]
_local = threading.local()


def _connection():
    """One connection per worker thread, opened on its first request (after gunicorn forks)."""
    if getattr(_local, "connection", None) is None:
        if URL.startswith("sqlite:///"):
            _local.connection = sqlite3.connect(URL[len("sqlite:///"):], isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=10000"):
                _local.connection.execute(f"PRAGMA {pragma}")
        else:
            import psycopg

            _local.connection = psycopg.connect(URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
        _execute("CREATE TABLE IF NOT EXISTS bench_floor_receipts (uuid VARCHAR(36) PRIMARY KEY, body TEXT NOT NULL)")
    return _local.connection


def _execute(sql: str, parameters=()):
    connection = _connection()
    if isinstance(connection, sqlite3.Connection):
        return connection.execute(sql, parameters)
    return connection.execute(sql.replace("?", "%s"), parameters)


@app.post("/floor")
def floor():
    payload = request.get_json()
    token = request.headers.get("Authorization", "")[7:].strip()
    holder = _execute("SELECT users.id FROM api_tokens JOIN users ON users.id = api_tokens.user_id "
                      "WHERE api_tokens.token_hash = ? AND api_tokens.revoked_at IS NULL",
                      (hashlib.sha256(token.encode()).hexdigest(),)).fetchone()
    if holder is None:
        abort(401)
    _execute("BEGIN")
    _execute("INSERT INTO bench_floor_receipts (uuid, body) VALUES (?, ?)", (payload["uuid"], json.dumps(payload)))
    _execute("COMMIT")
    return jsonify(uuid=payload["uuid"], received=True), 201
