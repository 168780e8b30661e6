"""A throwaway PostgreSQL server for the test suite.

The suite runs every database test on SQLite and on PostgreSQL; this module starts the
PostgreSQL side from the machine's own binaries, in a data directory under a temporary folder.
"""

import atexit
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass

import psycopg

DATABASE_NAME = "monitor_test"
SUPERUSER = "postgres"
#: PostgreSQL refuses to run as root; as root we run it as this system user instead.
SYSTEM_USER = "postgres"
STARTUP_TIMEOUT_SECONDS = 30


@dataclass
class PostgresServer:
    """A running server; `url` points at an empty `monitor_test` database."""

    url: str
    port: int
    data_dir: pathlib.Path
    log_file: pathlib.Path
    _pg_ctl: str
    _stopped: bool = False

    def stop(self) -> None:
        """Stop the server and wait until it has exited. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        _run_as_owner([self._pg_ctl, "-D", str(self.data_dir), "-m", "fast", "-w", "stop"],
                      cwd=self.data_dir.parent)


def start_postgres(base_dir: pathlib.Path, durable: bool = False) -> PostgresServer:
    """Initialise a cluster under `base_dir`, start it on a free loopback port, create the database.

    `durable` keeps PostgreSQL's default fsync settings, for benchmarks that must pay for durability."""
    initdb, pg_ctl = _find_binaries()
    home = pathlib.Path(base_dir) / "postgres"
    home.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        _hand_over_to_system_user(home)
    data_dir, log_file = home / "data", home / "server.log"

    _run_as_owner([initdb, "-D", str(data_dir), "-A", "trust", "-U", SUPERUSER,
                   "-E", "UTF8", "--locale=C", "--no-sync"], cwd=home)
    port = _free_loopback_port()
    # No Unix socket: tmp paths can exceed the 107-byte socket path limit, and TCP is all we use.
    # Durability settings are off (unless `durable`) because the data is thrown away.
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    server = PostgresServer(
        url=f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE_NAME}",
        port=port, data_dir=data_dir, log_file=log_file, _pg_ctl=pg_ctl)
    try:
        _run_as_owner([pg_ctl, "-D", str(data_dir), "-l", str(log_file), "-o", options,
                       "-w", "-t", str(STARTUP_TIMEOUT_SECONDS), "start"], cwd=home)
    except RuntimeError as error:
        raise RuntimeError(f"{error}\n--- {log_file} ---\n{_read(log_file)}") from None
    # Stop even if the caller's own cleanup never runs (an interrupted test session).
    atexit.register(server.stop)
    try:
        _create_database(port)
    except BaseException:
        server.stop()
        raise
    return server


def _find_binaries() -> tuple[str, str]:
    """initdb and pg_ctl from PATH, else from the newest /usr/lib/postgresql/N/bin."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return initdb, pg_ctl
    bin_dirs = sorted(
        (path for path in pathlib.Path("/usr/lib/postgresql").glob("*/bin")
         if path.parent.name.isdigit() and (path / "initdb").exists() and (path / "pg_ctl").exists()),
        key=lambda path: int(path.parent.name))
    if not bin_dirs:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in "
            "/usr/lib/postgresql/*/bin. Run the tests with scripts/test.sh, which installs them.")
    return str(bin_dirs[-1] / "initdb"), str(bin_dirs[-1] / "pg_ctl")


def _hand_over_to_system_user(home: pathlib.Path) -> None:
    """Let the postgres user own `home` and reach it through its parents.

    pytest makes its temporary folders 0700, so the ancestors get search permission (not read)
    for other users.
    """
    try:
        user = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise RuntimeError(
            f"Running as root but there is no '{SYSTEM_USER}' system user to run PostgreSQL as. "
            "Run the tests with scripts/test.sh, which installs the postgresql package.") from None
    os.chown(home, user.pw_uid, user.pw_gid)
    for ancestor in home.resolve().parents:
        mode = ancestor.stat().st_mode
        if not mode & 0o001:
            ancestor.chmod(mode | 0o001)


def _run_as_owner(command: list[str], cwd: pathlib.Path) -> None:
    """Run a PostgreSQL tool as the postgres user when we are root, else as ourselves."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", SYSTEM_USER, "--", *command]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit code {result.returncode}:\n"
            f"{result.stdout}{result.stderr}")


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _create_database(port: int) -> None:
    """Create the test database, retrying while the server still refuses connections."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        try:
            connection = psycopg.connect(host="127.0.0.1", port=port, user=SUPERUSER,
                                         dbname="postgres", autocommit=True, connect_timeout=5)
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with connection:
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _read(path: pathlib.Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return "(no log)"
