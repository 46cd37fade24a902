"""`make run` (manage.py koer): the web server and its workers start together, and Ctrl+C stops them all."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROD = Path(__file__).resolve().parent.parent.parent


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _koerer(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not been reaped is a zombie: it does not run.
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().split()[2] != "Z"


@pytest.mark.django_db
def test_ctrl_c_stops_the_server_and_every_worker():
    db = connection.settings_dict
    port = _ledig_port()
    miljoe = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forebyggelse.settings.local",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "PYTHONUNBUFFERED": "1",
    }
    proces = subprocess.Popen(
        [sys.executable, str(ROD / "manage.py"), "koer", f"127.0.0.1:{port}", "--noreload", "--workers", "2"],
        cwd=ROD,
        env=miljoe,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
        # Started with SIGINT ignored, as a parent that ignores it (a test run that ran a worker) passes it on:
        # Ctrl+C must still stop everything.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        linje = proces.stdout.readline()
        server_pid = int(re.search(r"Webserver \(pid (\d+)\)", linje)[1])
        worker_pids = [int(pid) for pid in re.search(r"workers \(pid ([\d, ]+)\)", linje)[1].split(", ")]
        frist = time.monotonic() + 30
        while True:
            try:
                assert urllib.request.urlopen(f"http://127.0.0.1:{port}/konto/login/", timeout=2).status == 200
                break
            except OSError:
                assert time.monotonic() < frist, "webserveren svarede ikke"
                time.sleep(0.3)
        assert len(worker_pids) == 2 and all(_koerer(pid) for pid in worker_pids), linje
        os.killpg(proces.pid, signal.SIGINT)  # what Ctrl+C sends to the terminal's foreground group
        resten = proces.communicate(timeout=30)[0]
        assert proces.returncode == 0, resten
        assert "Webserver og workers er stoppet." in resten
        assert not _koerer(server_pid) and not any(_koerer(pid) for pid in worker_pids)
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
