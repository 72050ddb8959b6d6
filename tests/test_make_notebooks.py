"""`make notebooks` starts JupyterLab on the notebooks, also as root (containers and devcontainers run as
root, and JupyterLab refuses root unless told `--allow-root`)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTUP_LIMIT = 60  # seconds: a hang guard, not a speed target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_notebooks_serves_jupyterlab_as_whoever_runs_it(tmp_path):
    port = _free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    process = subprocess.Popen(
        ["make", "--no-print-directory", "notebooks", f"NOTEBOOK_PORT={port}"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_LIMIT
        status = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as response:
                    status = response.status
                    break
            except OSError:
                time.sleep(0.5)
        if status is None:
            os.killpg(process.pid, signal.SIGTERM)
            output = process.communicate(timeout=30)[0].decode(errors="replace")
            raise AssertionError(f"JupyterLab did not answer (uid {os.getuid()}):\n{output[-3000:]}")
        assert status == 200
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
