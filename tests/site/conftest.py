"""Shared fixtures of the site tests: the site built once per run, served on 127.0.0.1, and Chromium.

`site_dir` runs `mkdocs build --strict`, so a build warning fails every site test with mkdocs' message.
The build is made once for the whole run: under `make test`'s two xdist workers the first to need it
builds it while the other waits on a file lock, then both read the same folder (a build is about a
minute and a half of both cores; building it per worker was the largest single cost of the suite).

The site is built for, and served under, a sub-path (`SITE_URL`, as a preview copy hosted under a path
would be, with IAMKB_SITE_URL): every browser test then also proves the pages work away from a host's
root, which is the harder case for the 404 page and for absolute links. `base_url` serves the build from
an in-process http.server on a free port the way static hosts do (a missing path gets the site's 404.html
with status 404); pytest-playwright's `page` fixture opens relative URLs against it
(`page.goto("reference/snippets/")`). The browser is the system Chromium (`/usr/bin/chromium`, installed
by .ci/run), launched once per worker.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock

REPO_ROOT = Path(__file__).resolve().parents[2]
# The address the test build is made for (IAMKB_SITE_URL, mkdocs.yml's site_url): its path is where the
# test server hosts the site; its host is never contacted (only the sitemap and canonical links name it).
SITE_URL = "https://docs.example.org/preview/iamkb/"
SITE_PREFIX = urlsplit(SITE_URL).path
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


def _build(target: Path) -> str:
    """Build the site strictly into `target`; mkdocs' output if the build failed, else ''."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", "mkdocs.yml", "-d", str(target)],
        cwd=REPO_ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "IAMKB_SITE_URL": SITE_URL},
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return ""
    return f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stderr}{result.stdout}"


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address the test build is made for: its sitemap, canonical links and schema ids are under it."""
    return SITE_URL


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, worker_id) -> Path:
    """The site as `make build` makes it (strict), built once per run into a temporary folder.

    With IAMKB_TEST_SITE_DIR set to a folder that holds a built site, the tests use that build instead of
    making one: the site tests then check any build, for example an older commit's, to see which of them
    its pages fail (`IAMKB_SITE_URL=https://docs.example.org/preview/iamkb/ mkdocs build -d /tmp/old-site`,
    then `IAMKB_TEST_SITE_DIR=/tmp/old-site pytest tests/site`). The folder is only read.
    """
    prebuilt = os.environ.get("IAMKB_TEST_SITE_DIR")
    if prebuilt:
        folder = Path(prebuilt)
        if not (folder / "index.html").is_file():
            pytest.fail(f"IAMKB_TEST_SITE_DIR={prebuilt} holds no built site (no index.html)")
        return folder
    # Under xdist every worker has its own base folder inside one folder of the run: the build goes there.
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    target, failure = shared / "site", shared / "site-build-failed.txt"
    with FileLock(shared / "site.lock"):
        if not failure.exists() and not (target / "index.html").is_file():
            failure.write_text(_build(target), encoding="utf-8")
    message = failure.read_text(encoding="utf-8")
    if message:
        pytest.fail(message)
    return target


class _Host(SimpleHTTPRequestHandler):
    """A static host as GitHub Pages or S3 website hosting behave: the site lives under `prefix`, a path
    with no file gets the site's 404.html with status 404, and requests are not logged into the output."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        error_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not error_page.is_file():
            return super().send_error(code, message, explain)
        body = error_page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    """URL (ending in /) of the built site under SITE_PREFIX, on 127.0.0.1 and a free port for the session.

    Overrides pytest-base-url's fixture of the same name, so pytest-playwright's contexts use it too.
    """
    handler = type("Host", (_Host,), {"prefix": SITE_PREFIX})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PREFIX}"
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
