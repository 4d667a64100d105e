"""gunicorn.conf.py's REUSE_PORT: a listening socket per worker, or the one socket they share."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.ports import free_port, wait_for_port
from benchmarks.run import workers

ROOT = Path(__file__).resolve().parent.parent


def listening_sockets(port: int) -> int:
    """How many sockets listen on the loopback port (/proc/net/tcp; state 0A is LISTEN)."""
    found = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            found += 1
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket table")
@pytest.mark.parametrize("reuse_port, sockets", [("1", 2), ("", 1)])
def test_with_reuse_port_each_of_two_workers_listens_on_a_socket_of_its_own(tmp_path, reuse_port, sockets):
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {**os.environ, "REUSE_PORT": reuse_port, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    command = [str(gunicorn), "--config", "gunicorn.conf.py", "selfcare.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, server)
        deadline = time.monotonic() + 20  # both workers forked (the second may come a moment after the first answers)
        while len(workers(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a worker binds its socket right after the fork, before it loads anything
        assert len(workers(server.pid)) == 2
        assert listening_sockets(port) == sockets
    finally:
        server.terminate()
        server.wait(timeout=10)
