"""A throw-away PostgreSQL server for the tests: a temporary directory, a Unix socket, no TCP.

The session-scoped ``postgres_url`` fixture (``tests/conftest.py``) starts one
server with :func:`start` and stops it with :func:`PostgresServer.stop`.  The
server refuses to run as root, so under root every server command runs as the
``postgres`` user (``runuser -u postgres --``) and the temporary directory is
handed to that user.  The binaries are looked up on the PATH, then in Debian's
``/usr/lib/postgresql/<version>/bin`` (where ``apt-get install postgresql``
puts them); when they are missing the fixture fails -- it never skips.
``.ci/run`` installs them before running the tests.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from urllib.parse import quote


def _bin_dir() -> str:
    found = shutil.which("initdb")
    if found is not None:
        return os.path.dirname(os.path.realpath(found))
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        raise RuntimeError(
            "PostgreSQL server binaries (initdb, pg_ctl) are missing: "
            "install them with `apt-get install -y postgresql` (.ci/run does)"
        )
    return os.path.dirname(candidates[0])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class PostgresServer:
    """A running server: its data directory, socket directory and connection URL."""

    root: str
    bin_dir: str
    url: str

    def stop(self) -> None:
        """Stop the server at once and delete its directory."""
        try:
            subprocess.run(
                _as_server_user(
                    [
                        os.path.join(self.bin_dir, "pg_ctl"),
                        "-D",
                        os.path.join(self.root, "data"),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ]
                ),
                check=True,
                capture_output=True,
                timeout=60,
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start() -> PostgresServer:
    """Initialise and start a server in a new temporary directory; return it running."""
    bin_dir = _bin_dir()
    # Directly under the system temporary directory: pytest's own temporary
    # directories are private to the current user, and the socket path must
    # stay short (about 100 bytes).
    root = tempfile.mkdtemp(prefix="permitcheck-pg-")
    try:
        if os.geteuid() == 0:
            shutil.chown(root, user="postgres", group="postgres")
        data = os.path.join(root, "data")
        log = os.path.join(root, "server.log")
        subprocess.run(
            _as_server_user(
                [
                    os.path.join(bin_dir, "initdb"),
                    "-D",
                    data,
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=300,
        )
        options = (
            f"-k {root} -c listen_addresses='' -p 5432 -c fsync=off"
            " -c synchronous_commit=off -c max_connections=50 -c deadlock_timeout=50ms"
        )
        subprocess.run(
            _as_server_user(
                [
                    os.path.join(bin_dir, "pg_ctl"),
                    "-D",
                    data,
                    "-l",
                    log,
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "120",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=300,
        )
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    url = f"postgresql://postgres@/postgres?host={quote(root, safe='')}&port=5432"
    return PostgresServer(root, bin_dir, url)
