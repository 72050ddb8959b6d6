"""Shared fixtures of the site tests: the site built once per session, served on 127.0.0.1, and Chromium.

`site_dir` runs `mkdocs build --strict`, so a build warning fails every site test with mkdocs' message.
`base_url` serves that build from an in-process http.server on a free port; pytest-playwright's
`page` fixture opens relative URLs against it (`page.goto("reference/snippets/")`). The browser is the
system Chromium (`/usr/bin/chromium`, installed by .ci/run), launched once per session.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site as `make build` makes it (strict), built into a temporary folder once per session."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", "mkdocs.yml", "-d", str(target)],
        cwd=REPO_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stderr}{result.stdout}")
    return target


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files like `python -m http.server` without logging every request into the test output."""

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    """URL (ending in /) of the built site, served from 127.0.0.1 on a free port for the whole session.

    Overrides pytest-base-url's fixture of the same name, so pytest-playwright's contexts use it too.
    """
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium; Playwright's own browser download is neither available nor wanted."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does it)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a URL path relative to base_url ('' is the home page)."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        relative = html.parent.relative_to(site_dir).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages
