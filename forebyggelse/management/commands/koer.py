"""`make run`: the web server and one background-job worker together; Ctrl+C (or SIGTERM) stops both.

Either process ending on its own stops the other too, so the developer never has a server without a worker
(jobs would queue up unseen) or a worker left behind."""

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
    help = "Starter webserveren og én worker til baggrundsjob; Ctrl+C stopper begge."

    def add_arguments(self, parser):
        parser.add_argument("adresse", nargs="?", default="127.0.0.1:8000", help="værtsnavn:port for webserveren")
        parser.add_argument("--noreload", action="store_true", help="uden automatisk genstart ved kodeændringer")

    def handle(self, *args, adresse, noreload, **options):
        # Ctrl+C must stop this process and both children even when it was started with SIGINT ignored (a parent
        # that ignores it passes that on; Python then installs no KeyboardInterrupt): set it here, before the
        # children start, so they get the default too.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        server_kommando = [sys.executable, MANAGE, "runserver", adresse, *(["--noreload"] if noreload else [])]
        worker = subprocess.Popen([sys.executable, MANAGE, "procrastinate", "worker"])
        server = subprocess.Popen(server_kommando)
        self.stdout.write(f"Webserver (pid {server.pid}) og worker (pid {worker.pid}) kører.", ending="\n")
        self.stdout.flush()
        signal.signal(signal.SIGTERM, _stop)
        kode = 0
        try:
            while server.poll() is None and worker.poll() is None:
                time.sleep(0.3)
            # Ctrl+C reaches the whole group at once: a child may stop before this process sees its own signal.
            # Give that signal a moment to arrive before calling it a child that stopped on its own.
            time.sleep(1)
            kode = 1
            hvem = "Webserveren" if server.poll() is not None else "Workeren"
            self.stderr.write(f"{hvem} stoppede; stopper også den anden.")
        except KeyboardInterrupt:
            kode = 0
        finally:
            for proces in (server, worker):
                if proces.poll() is None:
                    proces.send_signal(signal.SIGINT)  # the worker finishes its current job first
            for proces in (server, worker):
                try:
                    proces.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proces.kill()
                    proces.wait()
        self.stdout.write("Webserver og worker er stoppet.")
        sys.exit(kode)
