"""Is an acknowledged checklist ever lost when the production server is killed mid-burst?

Real gunicorn, two worker processes, real sockets. Clients fire checklists concurrently; the
whole server (master and workers) is killed with SIGKILL in the middle; after a restart every
checklist that was acknowledged must be stored complete, and clients retrying what failed must
create no duplicates."""
import random
import threading
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from monitor.services import demo
from monitor.extensions import db
from monitor.models import Accused, Checklist, JuvenileAnnex
from monitor.services.definitions import current_definition
from tests.support.gunicorn import Gunicorn

CLIENTS = 8
CHECKLISTS_PER_CLIENT = 30
#: Kill the server once this many checklists have been acknowledged (about a third of the burst).
KILL_AFTER_ACKNOWLEDGED = 70


@dataclass
class Device:
    """One monitor's phone: its token, its checklists, and what the server said about each."""

    headers: dict
    bodies: list[dict]
    acknowledged: dict[str, dict] = field(default_factory=dict)
    failed: list[dict] = field(default_factory=list)

    def send_all(self, server: Gunicorn, progress: threading.Semaphore) -> None:
        for body in self.bodies:
            try:
                status, response = server.request("POST", "/api/v1/submissions", body, self.headers, timeout=20)
            except OSError:
                status, response = None, None
            if status in (200, 201):
                self.acknowledged[body["uuid"]] = response
                progress.release()
            else:
                self.failed.append(body)


def realistic_bodies(count: int, rng: random.Random) -> list[dict]:
    bodies, today = [], date.today()
    while len(bodies) < count:
        document = demo.random_document(current_definition(), today - timedelta(days=rng.randint(1, 700)), rng, today)
        if document:
            bodies.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "checklist": "fair_trial",
                           "version": current_definition().version, "court": rng.choice(demo.DEMO_COURTS)[0],
                           "status": "submitted", **document})
    return bodies


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_acknowledged_checklists_survive_kill_9_and_retries_make_no_duplicates(app, database_url, create_user,
                                                                            api_token, tmp_path):
    demo.ensure_courts()
    rng = random.Random(8)
    devices = [Device(api_token(create_user("monitor")), realistic_bodies(CHECKLISTS_PER_CLIENT, rng))
               for _ in range(CLIENTS)]
    db.session.remove()
    server = Gunicorn(database_url, tmp_path / "gunicorn.log").start()
    try:
        progress = threading.Semaphore(0)
        threads = [threading.Thread(target=device.send_all, args=(server, progress)) for device in devices]
        for thread in threads:
            thread.start()
        for _ in range(KILL_AFTER_ACKNOWLEDGED):
            assert progress.acquire(timeout=60), "the server stopped acknowledging before the kill"
        server.kill()
        for thread in threads:
            thread.join(timeout=60)

        acknowledged = {key: value for device in devices for key, value in device.acknowledged.items()}
        failed = [body for device in devices for body in device.failed]
        assert len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED and failed, "the kill must land mid-burst"

        server.start()
        for device in devices:
            for body in device.bodies:
                if body["uuid"] not in device.acknowledged:
                    continue
                status, stored = server.request("GET", f"/api/v1/submissions/{body['uuid']}", headers=device.headers)
                assert status == 200, f"acknowledged checklist {body['uuid']} was lost"
                assert (stored["hearing"], stored["accused"]) == (body["hearing"], body["accused"])
                assert stored["status"] == "submitted"

        # Phones retry what failed, and (not knowing) resend some that were acknowledged.
        for device in devices:
            for body in device.failed + device.bodies[:2]:
                status, response = server.request("POST", "/api/v1/submissions", body, device.headers)
                assert status in (200, 201), response
                assert (response["hearing"], response["accused"]) == (body["hearing"], body["accused"])
    finally:
        server.stop()

    every_body = [body for device in devices for body in device.bodies]
    assert count(Checklist) == len(every_body)
    assert db.session.scalar(select(func.count(func.distinct(Checklist.uuid)))) == len(every_body)
    assert count(Accused) == sum(len(body["accused"]) for body in every_body)
    assert count(JuvenileAnnex) == sum("juvenile" in a for body in every_body for a in body["accused"])
