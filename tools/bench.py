"""Benchmark the edition: build times, page weight, chart rendering time, test suite time.

Run with `make bench`; writes _build/bench.md. Builds run on a copy of the sources in
_build/bench/src, so the working tree is never edited. Measured on whatever machine runs
it: report the machine with the figures.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "_build" / "bench"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
TARGETS = {"rebuild_ratio": 0.20, "page_kb": 400, "charts_ms": 1000}
EDITED_CHAPTER = "book/timeline.md"


def run(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {k: v for k, v in os.environ.items() if k != "EDITION_BOOK_BUILD"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result


def timed(command: list[str], cwd: Path) -> float:
    """Seconds a command takes; a failing build stops the benchmark."""
    elapsed, result = run(command, cwd)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed


def build_times() -> dict[str, float]:
    """Cold build, no-change rebuild and one-chapter-edit rebuild of a copy of the book."""
    source, output = BENCH / "src", BENCH / "out"
    shutil.rmtree(BENCH, ignore_errors=True)
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns("_build", ".venv", ".git", "*.egg-info", "__pycache__"))
    build = [str(JUPYTER_BOOK), "build", str(source), "-W", "-n", "--keep-going", "--path-output", str(output)]
    times = {"cold": timed(build, source), "no_change": timed(build, source)}
    chapter = source / EDITED_CHAPTER
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("```{code-cell} ipython3\n:tags: [hide-input]\n\n", "```{code-cell} ipython3\n:tags: [hide-input]\n\n# edited\n", 1), encoding="utf-8")
    times["one_chapter_edit"] = timed(build, source)
    return times


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_figures(html_dir: Path) -> list[dict]:
    """Per page: own HTML bytes, inline chart data bytes, first-visit transfer, time to last chart drawn."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import toc_docnames

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        for name in toc_docnames():
            path = html_dir / f"{name}.html"
            html = path.read_text(encoding="utf-8")
            specs = re.findall(r'class="edition-chart__spec">(.*?)</script>', html, re.S)
            context = browser.new_context()  # a first visit: empty cache
            page = context.new_page()
            page.goto(f"{server}/{name}.html", wait_until="load")
            drawn = page.evaluate("async () => { await window.editionCharts; return window.editionChartsDrawnAt ?? null; }")
            page.wait_for_load_state("networkidle")
            sizes = page.evaluate(
                "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                ".map(e => [e.name, e.decodedBodySize])"
            )
            shared = sum(size for url, size in sizes if "/_static/" in url)
            own = sum(size for url, size in sizes if "/_static/" not in url)
            rows.append({
                "page": name, "charts": len(specs), "html_kb": path.stat().st_size / 1024,
                "chart_data_kb": sum(len(s.encode("utf-8")) for s in specs) / 1024,
                "own_transfer_kb": own / 1024, "shared_transfer_kb": shared / 1024,
                "charts_ms": drawn if specs else None,
            })
            context.close()
        browser.close()
    httpd.shutdown()
    return rows


def test_suite_time() -> tuple[float, str]:
    """Seconds the whole test suite takes, and its last line (how many passed or failed)."""
    elapsed, result = run([sys.executable, "-m", "pytest", "-q"], ROOT)
    (ROOT / "_build" / "bench-tests.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return elapsed, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"


def report(times: dict, pages: list[dict], suite: tuple[float, str] | None) -> str:
    cold = times["cold"]
    lines = [
        "# Benchmark", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
        "## Build", "",
        "| build | seconds | share of cold build | target |", "|---|---:|---:|---|",
        f"| cold (no cache) | {cold:.1f} | 100% | |",
        f"| no-change rebuild | {times['no_change']:.1f} | {times['no_change'] / cold:.0%} | under {TARGETS['rebuild_ratio']:.0%}: {'met' if times['no_change'] / cold < TARGETS['rebuild_ratio'] else 'MISSED'} |",
        f"| one-chapter edit ({EDITED_CHAPTER}, a code cell) | {times['one_chapter_edit']:.1f} | {times['one_chapter_edit'] / cold:.0%} | |",
        "", "## Pages (first visit, empty cache)", "",
        "Own = the page's HTML and its own files; shared = the book's `_static` files (the chart bundle among them), which a browser fetches once and caches.",
        "", "| page | charts | HTML KB | inline chart data KB | own transfer KB | shared transfer KB | charts drawn (ms after navigation) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pages:
        drawn = "—" if row["charts_ms"] is None else f"{row['charts_ms']:.0f}"
        lines.append(f"| {row['page']} | {row['charts']} | {row['html_kb']:.0f} | {row['chart_data_kb']:.0f} | {row['own_transfer_kb']:.0f} | {row['shared_transfer_kb']:.0f} | {drawn} |")
    heaviest = max(pages, key=lambda r: r["html_kb"])
    slowest = max((r for r in pages if r["charts_ms"] is not None), key=lambda r: r["charts_ms"])
    lines += [
        "", "## Targets", "",
        f"- No-change rebuild under {TARGETS['rebuild_ratio']:.0%} of the cold build: {times['no_change'] / cold:.0%} ({'met' if times['no_change'] / cold < TARGETS['rebuild_ratio'] else 'MISSED'}).",
        f"- No page over {TARGETS['page_kb']} KB of its own HTML and data: heaviest {heaviest['page']}, {heaviest['html_kb']:.0f} KB ({'met' if heaviest['html_kb'] <= TARGETS['page_kb'] else 'MISSED'}).",
        f"- Every page's charts drawn within {TARGETS['charts_ms']} ms: slowest {slowest['page']}, {slowest['charts_ms']:.0f} ms ({'met' if slowest['charts_ms'] <= TARGETS['charts_ms'] else 'MISSED'}).",
    ]
    if suite is not None:
        lines += ["", "## Tests", "", f"`pytest` (the whole suite, book already built): {suite[0]:.0f} s ({suite[1].strip('= ')})."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    args = parser.parse_args()
    times = build_times()
    pages = page_figures(BENCH / "out" / "_build" / "html")
    suite = None if args.skip_tests else test_suite_time()
    text = report(times, pages, suite)
    (ROOT / "_build" / "bench.md").write_text(text, encoding="utf-8")
    (ROOT / "_build" / "bench.json").write_text(json.dumps({"builds": times, "pages": pages, "tests": suite}, indent=2))
    if suite is not None and "failed" in suite[1]:
        print(f"the test suite failed: {suite[1]}", file=sys.stderr)
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
