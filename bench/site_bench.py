"""Lighthouse scores of the site, one page of each type (home, how-to, snippet, notebook).

Builds the site as `make build` does, serves it on 127.0.0.1 and runs Lighthouse (npm, pinned in
bench/lighthouse/package.json, installed there with `npm ci` on first use) in Debian's Chromium with its
default mobile emulation and simulated throttling, from a server that gzips text files as static hosts
do. A page's performance score moves by several points from one run to the next with no change to the
page (first paint lands late in some runs), so each page is audited `--runs` times (default 3) and the
median of each category is reported, with the range of performance scores beside it, as Lighthouse's
notes on variability advise (https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md).
The targets are checked on the medians: accessibility 100, performance at least 90, SEO 100. The page
weight and DOM size are those of the median run. The range of Lighthouse's CPU benchmark index is shown
too: in our runs the lowest scores came with the lowest index, a machine busy with other work (simulated
throttling scales the time each task took here).

Run: `.venv/bin/python bench/run.py site_bench` (a few minutes; the first run also installs Lighthouse).
`.venv/bin/python bench/site_bench.py --runs 5 --keep DIR` also keeps the median run's Lighthouse JSON
report of each page in DIR (`DIR/notebook.json` ...), whose diagnostics (mainthread-work-breakdown,
dom-size, largest-contentful-paint-element) say where the time goes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
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
        "benchmark": round(report["environment"]["benchmarkIndex"]),
    }


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of runs, at least 1, not {text!r}")
    return int(text)


def median_run(runs: list[dict]) -> dict:
    """One page's runs summed up: the median of each category (the lower middle one for an even count, so a
    score is always one Lighthouse gave), the range of performance, and the run whose performance is the
    median, whose report --keep keeps and whose weight, DOM size and failing audits are shown."""
    middle = statistics.median_low(run["performance"] for run in runs)
    chosen = next(index for index, run in enumerate(runs) if run["performance"] == middle)
    performances = [run["performance"] for run in runs]
    return {
        **runs[chosen],
        **{name: statistics.median_low(run[name] for run in runs) for name in CATEGORIES},
        "range": f"{min(performances)}-{max(performances)}",
        "run": chosen,
        "runs": runs,
    }


def _measure(runs: int, keep: Path | None) -> dict[str, dict]:
    """Build and serve the site, audit each page `runs` times; each page's median run (median_run)."""
    work = Path(tempfile.mkdtemp(prefix="iamkb-site-bench-"))
    try:
        _build(work / "site")
        handler = functools.partial(_Host, directory=str(work / "site"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = {
            kind: median_run([_audit(base + path, work / f"{kind}-{run}.json") for run in range(runs)])
            for kind, path in PAGES.items()
        }
        server.shutdown()
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            for kind, r in results.items():
                shutil.copyfile(work / f"{kind}-{r['run']}.json", keep / f"{kind}.json")
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="site_bench", description="Lighthouse scores of four pages of the site.")
    parser.add_argument("--runs", type=_positive, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each page's median-run report in DIR")
    args = parser.parse_args(argv)
    try:
        _install()
        results = _measure(args.runs, args.keep)
    except subprocess.CalledProcessError as error:
        print(
            f"site_bench: {' '.join([Path(error.cmd[0]).name, *error.cmd[1:3]])} failed (exit {error.returncode});"
            " its messages are above",
            file=sys.stderr,
        )
        return 2
    except OSError as error:
        print(f"site_bench: {error}", file=sys.stderr)
        return 2
    print(f"median of {args.runs} run(s) per page; performance range beside it")
    print(
        f"{'page':<10}{'performance':>13}{'range':>8}"
        + "".join(f"{c:>16}" for c in CATEGORIES[1:])
        + f"{'KB':>6}{'elements':>10}"
    )
    for kind, r in results.items():
        print(
            f"{kind:<10}{r['performance']:>13}{r['range']:>8}"
            + "".join(f"{r[c]:>16}" for c in CATEGORIES[1:])
            + f"{r['kilobytes']:>6}{r['elements']:>10}"
        )
    benchmarks = [run["benchmark"] for r in results.values() for run in r["runs"]]
    print(
        f"Lighthouse's CPU benchmark index over the runs: {min(benchmarks)}-{max(benchmarks)} (lower: a busier machine)"
    )
    missed = [
        f"{kind} {category} {r[category]} < {target}"
        for kind, r in results.items()
        for category, target in TARGETS.items()
        if r[category] < target
    ]
    for kind, r in results.items():
        if r["failing"]:
            print(f"{kind}: failing accessibility/SEO audits (median run): {', '.join(r['failing'])}")
    print(
        "targets met on the medians (accessibility 100, performance >= 90, SEO 100)"
        if not missed
        else "missed (medians): " + "; ".join(missed)
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
