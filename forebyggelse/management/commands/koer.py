"""`make run`: the web server and background-job workers together, one worker per core (a report package is made by
all of them side by side); Ctrl+C (or SIGTERM) stops them all.

Any process ending on its own stops the others too, so the developer never has a server without workers (jobs would
queue up unseen) or a worker left behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def _stop(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Starter webserveren og én worker til baggrundsjob pr. kerne; Ctrl+C stopper dem alle."

    def add_arguments(self, parser):
        parser.add_argument("adresse", nargs="?", default="127.0.0.1:8000", help="værtsnavn:port for webserveren")
        parser.add_argument("--noreload", action="store_true", help="uden automatisk genstart ved kodeændringer")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="antal workers (standard: én pr. kerne)"
        )

    def handle(self, *args, adresse, noreload, workers, **options):
        # Ctrl+C must stop this process and both children even when it was started with SIGINT ignored (a parent
        # that ignores it passes that on; Python then installs no KeyboardInterrupt): set it here, before the
        # children start, so they get the default too.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        server_kommando = [sys.executable, MANAGE, "runserver", adresse, *(["--noreload"] if noreload else [])]
        arbejdere = [
            subprocess.Popen([sys.executable, MANAGE, "procrastinate", "worker"]) for _ in range(max(1, workers))
        ]
        server = subprocess.Popen(server_kommando)
        pids = ", ".join(str(w.pid) for w in arbejdere)
        self.stdout.write(f"Webserver (pid {server.pid}) og {len(arbejdere)} workers (pid {pids}) kører.", ending="\n")
        self.stdout.flush()
        signal.signal(signal.SIGTERM, _stop)
        kode = 0
        try:
            while server.poll() is None and all(w.poll() is None for w in arbejdere):
                time.sleep(0.3)
            # Ctrl+C reaches the whole group at once: a child may stop before this process sees its own signal.
            # Give that signal a moment to arrive before calling it a child that stopped on its own.
            time.sleep(1)
            kode = 1
            hvem = "Webserveren" if server.poll() is not None else "En worker"
            self.stderr.write(f"{hvem} stoppede; stopper også de andre.")
        except KeyboardInterrupt:
            kode = 0
        finally:
            for proces in (server, *arbejdere):
                if proces.poll() is None:
                    proces.send_signal(signal.SIGINT)  # the worker finishes its current job first
            for proces in (server, *arbejdere):
                try:
                    proces.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proces.kill()
                    proces.wait()
        self.stdout.write("Webserver og workers er stoppet.")
        sys.exit(kode)
