"""A throwaway PostgreSQL cluster for one test session (one per xdist worker): initdb and pg_ctl in a temp folder.

It listens on a Unix socket inside its own folder only, so parallel workers never compete for a port.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (Debian's package makes it).
"""

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

# Test databases are thrown away: durability only costs time here.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off", "listen_addresses=''",
                 "max_connections=200")


class Unavailable(RuntimeError):
    """PostgreSQL cannot be started on this machine; the message says why."""


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    # Debian keeps the server binaries off PATH, one folder per major version.
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not candidates:
        raise Unavailable("PostgreSQL's server binaries (pg_ctl, initdb) are not installed (`make postgresql`)")
    return Path(candidates[-1]).parent


class Cluster:
    def __init__(self):
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="gateway-pg-"))
        self.data = self.root / "data"
        self._names = itertools.count(1)
        self._prefix: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no `postgres` user to run the server as") from None
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._prefix, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            log = (self.root / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(f"{Path(args[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}\n{tail}")

    def start(self) -> "Cluster":
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync", "--locale=C")
        self.resume()
        return self

    def pause(self) -> None:
        """Stops the server, its clients cut off, keeping its data for `resume`.

        Not `-m immediate`: with FAST_SETTINGS' synchronous_commit=off that would lose the last commits.
        """
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        options = " ".join(f"-c {setting}" for setting in FAST_SETTINGS) + f" -k {self.root}"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.root}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.root), user="postgres", dbname="postgres", autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        name = f"gateway_{next(self._names)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
