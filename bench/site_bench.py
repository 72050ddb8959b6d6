"""Lighthouse scores of the site, one page of each type (home, how-to, snippet, notebook).

Builds the site as `make build` does, serves it on 127.0.0.1 and runs Lighthouse (npm, pinned in
bench/lighthouse/package.json, installed there with `npm ci` on first use) in Debian's Chromium with its
default mobile emulation and simulated throttling, from a server that gzips text files as static hosts
do. Reports the four category scores per page plus the
page weight and DOM size, and checks the targets: accessibility 100, performance at least 90, SEO 100.

Run: `.venv/bin/python bench/run.py site_bench` (about a minute; the first run also installs Lighthouse).
`.venv/bin/python bench/site_bench.py --keep DIR` also keeps Lighthouse's JSON report of each page in DIR
(`DIR/notebook.json` ...), whose diagnostics (mainthread-work-breakdown, dom-size, render-blocking-resources)
say where the time goes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_DIR = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
PAGES = {
    "home": "",
    "how-to": "how-to/console-access/",
    "snippet": "reference/snippets/ground-truth-console/",
    "notebook": "notebooks/console-access/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 100, "performance": 90, "seo": 100}


class _Host(SimpleHTTPRequestHandler):
    """Serves the build as static hosts do (GitHub Pages, S3 behind CloudFront, Netlify): text files gzipped
    for a browser that accepts it. Lighthouse weighs what crosses the wire, so an uncompressed server would
    score a page no reader is served (its bundle and stylesheets are about 350 KB uncompressed)."""

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in _COMPRESSED
            or not path.is_file()
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


_COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def _install() -> None:
    if LIGHTHOUSE.exists():
        return
    print("installing Lighthouse into bench/lighthouse/node_modules (npm ci) ...", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)


def _build(target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(target)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )


def _audit(url: str, output: Path) -> dict:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={output}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(output.read_text(encoding="utf-8"))
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = report["audits"]
    failing = sorted(
        audit_id
        for category in ("accessibility", "seo")
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audit_id := ref["id"]) and audits[audit_id].get("score") not in (None, 1)
    )
    return {
        **scores,
        "kilobytes": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "elements": int(audits["dom-size"]["numericValue"]),
        "failing": failing,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="site_bench", description="Lighthouse scores of four pages of the site.")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each page's Lighthouse JSON report in DIR")
    args = parser.parse_args(argv)
    _install()
    work = Path(tempfile.mkdtemp(prefix="iamkb-site-bench-"))
    try:
        _build(work / "site")
        handler = functools.partial(_Host, directory=str(work / "site"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = {kind: _audit(base + path, work / f"{kind}.json") for kind, path in PAGES.items()}
        server.shutdown()
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for kind in PAGES:
                shutil.copyfile(work / f"{kind}.json", args.keep / f"{kind}.json")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES) + f"{'KB':>8}{'elements':>10}")
    for kind, r in results.items():
        print(f"{kind:<10}" + "".join(f"{r[c]:>16}" for c in CATEGORIES) + f"{r['kilobytes']:>8}{r['elements']:>10}")
    missed = [
        f"{kind} {category} {r[category]} < {target}"
        for kind, r in results.items()
        for category, target in TARGETS.items()
        if r[category] < target
    ]
    for kind, r in results.items():
        if r["failing"]:
            print(f"{kind}: failing accessibility/SEO audits: {', '.join(r['failing'])}")
    print(
        "targets met (accessibility 100, performance >= 90, SEO 100)" if not missed else "missed: " + "; ".join(missed)
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
