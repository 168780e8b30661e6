"""Server CPU and answer size for what a careless or hostile API client sends, next to a valid submission.

    python bench/hostile_requests.py            # SQLite, in-process, a few seconds
    python bench/hostile_requests.py --repeat 20 --only valid

Each request is sent through the app in-process (Flask's test client, so no network and no
server process: the CPU measured is the app's own, `time.process_time`), on a migrated SQLite
database with one court and one monitor. Prints a Markdown table: status, CPU per request and
the size of the answer."""
import argparse
import gc
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from flask_migrate import upgrade  # noqa: E402

from monitor import create_app  # noqa: E402
from monitor.extensions import db  # noqa: E402
from monitor.models import ApiToken, Court, User  # noqa: E402
from monitor.models.accounts import hash_token  # noqa: E402
from monitor.services import demo  # noqa: E402
from monitor.services.definitions import current_definition  # noqa: E402


def valid_body(rng: random.Random) -> dict:
    today = date.today()
    definition = current_definition()
    while True:
        document = demo.random_document(definition, today - timedelta(days=30), rng, today)
        if document:
            return {"checklist": definition.key, "version": definition.version, "court": "pp", "status": "submitted",
                    **document}


def requests_to_send(rng: random.Random) -> list[tuple[str, callable]]:
    """(name, function returning the body bytes, with a fresh uuid)."""
    valid = valid_body(rng)

    def body(**changes):
        return lambda: json.dumps(valid | {"uuid": str(uuid.uuid4())} | changes).encode()

    return [
        ("valid submission (a checklist as a phone sends it)", body()),
        ("40,000 accused, 720 KB", body(status="draft", accused=[{"juvenile": []} for _ in range(40_000)])),
        ("40,000 accused with one answer each, submitted", body(accused=[{"gender": "male"} for _ in range(40_000)])),
        ("160 accused with two wrong answers each", body(status="draft", accused=[
            {"gender": "perhaps", "present_at_hearing": "maybe"} for _ in range(160)])),
        ("30,000 unknown hearing answers", body(status="draft", hearing=valid["hearing"] | {
            f"x{n}": "yes" for n in range(30_000)})),
        ("one multiple choice of 60,000 entries", body(status="draft", hearing=valid["hearing"] | {
            "offence_categories": ["drugs"] * 60_000})),
        ("lone surrogate in every accused answer (200 accused)", body(status="draft", accused=[
            {"gender": "\ud800"} for _ in range(200)])),
        ("nesting 900 levels deep", lambda: b'{"hearing": {"x": ' + b"[" * 900 + b"]" * 900 + b"}}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times each request is sent (the median is shown)")
    parser.add_argument("--only", default="", help="only the requests whose name contains this text")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    app = create_app({"ENV": "development", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}"})
    with app.app_context():
        upgrade(directory=str(REPOSITORY / "monitor" / "migrations"))
        db.session.add(Court(key="pp", name="Phnom Penh"))
        user = User(username="bench", display_name="Bench Monitor", role="monitor")
        user.set_password("bench monitor password")
        db.session.add(user)
        db.session.add(ApiToken(user=user, name="bench", token_hash=hash_token("bench-token")))
        db.session.commit()
        rng = random.Random(12)
        cases = requests_to_send(rng)
    gc.freeze()  # as wsgi.py does after start-up
    client = app.test_client()
    headers = {"Authorization": "Bearer bench-token", "Content-Type": "application/json"}
    print("| request | body KB | status | app CPU ms (median) | answer bytes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, make in [case for case in cases if arguments.only in case[0]]:
        timings, status, size, body_size = [], None, 0, 0
        for _ in range(arguments.repeat):
            data = make()
            body_size = len(data)
            started = time.process_time()
            response = client.post("/api/v1/submissions", data=data, headers=headers)
            timings.append(time.process_time() - started)
            status, size = response.status_code, len(response.data)
        timings.sort()
        print(f"| {name} | {body_size / 1024:.0f} | {status} | {1000 * timings[len(timings) // 2]:.1f} | {size:,} |")


if __name__ == "__main__":
    main()
