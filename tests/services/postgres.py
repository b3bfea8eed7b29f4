"""A throwaway PostgreSQL server started from the machine's binaries, for tests on real Postgres.

``LocalPostgres`` runs ``initdb`` and ``pg_ctl`` in a temporary directory and serves TCP on
127.0.0.1 only (no unix socket), with trust authentication and durability switched off for speed.
PostgreSQL refuses to run as root, so under root the binaries run as the ``postgres`` system user
and the directory is handed to that user. ``create_database``/``drop_database`` give each test its
own database. The binaries are installed by ``install-deps.sh`` beside this module when missing.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

logger = logging.getLogger(__name__)

SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # who runs the binaries when we are root

# Durability is worthless for a server that lives as long as one test run.
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "shared_buffers": "32MB",
    "max_connections": "200",
    "log_min_messages": "warning",
    "log_min_error_statement": "panic",
}


class PostgresUnavailable(RuntimeError):
    """The binaries are missing or the server did not start; the message carries the log."""


@dataclass(frozen=True)
class PostgresServer:
    """Where a running server listens and who to connect as (trust auth: no password)."""

    host: str
    port: int
    user: str

    def dsn(self, dbname: str = "postgres") -> str:
        """A libpq URL, as psycopg takes it."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{dbname}"

    def sqlalchemy_url(self, dbname: str = "postgres") -> str:
        """A SQLAlchemy 2 URL using the psycopg 3 driver."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"


@dataclass(frozen=True)
class PostgresDatabase:
    """One database on a :class:`PostgresServer`."""

    server: PostgresServer
    name: str

    @property
    def dsn(self) -> str:
        return self.server.dsn(self.name)

    @property
    def sqlalchemy_url(self) -> str:
        return self.server.sqlalchemy_url(self.name)


def find_bin_dir() -> Path:
    """The directory holding ``initdb``/``pg_ctl``: PATH first, then Debian's versioned dirs."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in "
        "/usr/lib/postgresql/*/bin; run tests/services/install-deps.sh to install them."
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (callers retry if someone takes it meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class LocalPostgres:
    """Owns one temporary PostgreSQL cluster: ``start()`` it, ``stop()`` it (always, even on failure)."""

    def __init__(self, bin_dir: Path | None = None, host: str = "127.0.0.1") -> None:
        self._bin_dir = bin_dir
        self._host = host
        self._base_dir: Path | None = None
        self._server: PostgresServer | None = None

    @property
    def server(self) -> PostgresServer:
        if self._server is None:
            raise RuntimeError("The PostgreSQL server is not running; call start() first.")
        return self._server

    @property
    def _data_dir(self) -> Path:
        assert self._base_dir is not None
        return self._base_dir / "data"

    @property
    def _log_file(self) -> Path:
        assert self._base_dir is not None
        return self._base_dir / "postgres.log"

    def start(self, timeout: float = 30.0, attempts: int = 3) -> PostgresServer:
        bin_dir = self._bin_dir or find_bin_dir()
        self._base_dir = Path(tempfile.mkdtemp(prefix="flyte-test-pg-"))
        try:
            if self._as_system_user:
                account = pwd.getpwnam(SYSTEM_USER)
                os.chown(self._base_dir, account.pw_uid, account.pw_gid)
            self._run(
                [
                    str(bin_dir / "initdb"),
                    f"--pgdata={self._data_dir}",
                    f"--username={SUPERUSER}",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync",
                    "--no-instructions",
                ],
                timeout=timeout,
            )
            with (self._data_dir / "postgresql.conf").open("a") as conf:
                conf.writelines(f"{key} = {value}\n" for key, value in SERVER_SETTINGS.items())
            # The port is picked before the server binds it: if someone takes it in between,
            # pg_ctl fails and we try again with another one.
            for attempt in range(1, attempts + 1):
                port = free_port(self._host)
                try:
                    self._run(
                        [
                            str(bin_dir / "pg_ctl"),
                            "start",
                            f"--pgdata={self._data_dir}",
                            f"--log={self._log_file}",
                            f"--options=-p {port}",
                            "--wait",
                            f"--timeout={int(timeout)}",
                        ],
                        timeout=timeout + 5,
                    )
                except PostgresUnavailable:
                    if attempt == attempts:
                        raise
                    logger.warning("PostgreSQL did not start on port %d; retrying on another port", port)
                else:
                    self._server = PostgresServer(host=self._host, port=port, user=SUPERUSER)
                    logger.info("Started PostgreSQL on %s:%d in %s", self._host, port, self._data_dir)
                    return self._server
            raise AssertionError("unreachable")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server immediately (no checkpoint) and remove its directory. Idempotent."""
        if self._base_dir is None:
            return
        try:
            if (self._data_dir / "postmaster.pid").exists():
                bin_dir = self._bin_dir or find_bin_dir()
                argv = [str(bin_dir / "pg_ctl"), "stop", f"--pgdata={self._data_dir}", "--mode=immediate"]
                try:
                    self._run([*argv, "--wait"], timeout=20)
                except (PostgresUnavailable, subprocess.TimeoutExpired):
                    _kill_postmaster(self._data_dir)
        finally:
            shutil.rmtree(self._base_dir, ignore_errors=True)
            self._base_dir = None
            self._server = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def _as_system_user(self) -> bool:
        return os.geteuid() == 0

    def _run(self, argv: list[str], timeout: float) -> None:
        kwargs: dict[str, Any] = {}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "LANG": "C"}
        if self._as_system_user:
            account = pwd.getpwnam(SYSTEM_USER)
            kwargs.update(user=account.pw_uid, group=account.pw_gid, extra_groups=[])
            env["HOME"] = account.pw_dir
        result = subprocess.run(
            argv,
            cwd=self._base_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **kwargs,
        )
        if result.returncode != 0:
            log = ""
            with contextlib.suppress(OSError):
                log = "\n".join(self._log_file.read_text().splitlines()[-20:])
            raise PostgresUnavailable(
                f"{Path(argv[0]).name} exited with {result.returncode}:\n"
                f"{result.stdout}{result.stderr}{log and 'server log:' + chr(10) + log}"
            )


def _kill_postmaster(data_dir: Path) -> None:
    """Last resort when pg_ctl cannot stop the server: SIGKILL the postmaster we started."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int((data_dir / "postmaster.pid").read_text().splitlines()[0])
        logger.warning("pg_ctl stop failed; killing postmaster %d", pid)
        os.kill(pid, signal.SIGKILL)


def create_database(server: PostgresServer, name: str) -> PostgresDatabase:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.dsn(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return PostgresDatabase(server=server, name=name)


def drop_database(server: PostgresServer, name: str) -> None:
    """Drop the database even if a leaked pool still holds connections to it (FORCE)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server.dsn(), autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
