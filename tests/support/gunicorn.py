"""The production server, for real: gunicorn with several worker processes on a loopback port.

Started in its own process group so a test can `kill -9` the master and every worker at once,
as a power cut or the kernel's OOM killer would."""
import http.client
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_SECONDS = 30


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`gunicorn wsgi:app` against `database_url`, in production mode (no MONITOR_ENV)."""

    def __init__(self, database_url: str, log_file: pathlib.Path, workers: int = 2, threads: int = 1,
                 environment: dict | None = None, app: str = "wsgi:app"):
        self.database_url, self.log_file, self.app = database_url, log_file, app
        self.workers, self.threads = workers, threads
        self.environment = environment or {}
        self.port = free_loopback_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        environment = {key: value for key, value in os.environ.items() if key != "MONITOR_ENV"}
        environment |= {"DATABASE_URL": self.database_url, "SECRET_KEY": "durability-test-secret-key",
                        "PUBLIC_URL": "https://court-monitor.example"} | self.environment
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--threads", str(self.threads),
                   "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5", self.app]
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(command, cwd=REPOSITORY, env=environment, stdout=log, stderr=log,
                                            start_new_session=True)
        self._wait_until_healthy()
        return self

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_file.read_text()}")
            try:
                status, _ = self.request("GET", "/health", timeout=2)
                if status in (200, 404):  # 404: an app without /health (the benchmark's bare app) is up
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"gunicorn did not become healthy:\n{self.log_file.read_text()}")

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, dict | None]:
        """One request on a fresh connection; raises OSError (or http.client errors) if the server is gone."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = json.dumps(body).encode() if body is not None else None
            connection.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            payload = response.read()
            return response.status, json.loads(payload) if payload.startswith((b"{", b"[")) else None
        finally:
            connection.close()

    def kill(self) -> None:
        """SIGKILL the master and every worker: no shutdown code runs."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._wait_for_group_to_die()

    def _wait_for_group_to_die(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
