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
import statistics
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


def _shared(url: str) -> bool:
    """Files every page loads (fetched once, then cached): _static/ and the search index."""
    return "/_static/" in url or url.split("?")[0].endswith("/searchindex.js")


def _draw_time(page, url: str) -> float | None:
    """Open url; milliseconds from navigation to the last chart drawn (None: no charts)."""
    page.goto(url, wait_until="load")
    return page.evaluate("async () => { await window.editionCharts; return window.editionChartsDrawnAt ?? null; }")


def page_figures(html_dir: Path, runs: int) -> list[dict]:
    """Per page: own HTML bytes, inline chart data bytes, first-visit transfer, and the median
    time to the last chart drawn over `runs` visits, in two situations: a first visit (empty
    cache) and arriving from the previous chapter (the book's shared files already fetched)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import toc_docnames

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}"
    names = toc_docnames()
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        for index, name in enumerate(names):
            path = html_dir / f"{name}.html"
            html = path.read_text(encoding="utf-8")
            specs = re.findall(r'class="edition-chart__spec">(.*?)</script>', html, re.S)
            first, after_previous, sizes = [], [], []
            for _ in range(runs):
                context = browser.new_context()  # a first visit: empty cache
                page = context.new_page()
                first.append(_draw_time(page, f"{server}/{name}.html"))
                if not sizes:
                    page.wait_for_load_state("networkidle")
                    sizes = page.evaluate(
                        "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        ".map(e => [e.name, e.decodedBodySize])"
                    )
                context.close()
                if specs and index > 0:
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{server}/{names[index - 1]}.html", wait_until="load")
                    page.wait_for_load_state("networkidle")
                    after_previous.append(_draw_time(page, f"{server}/{name}.html"))
                    context.close()
            shared = sum(size for url, size in sizes if _shared(url))
            own = sum(size for url, size in sizes if not _shared(url))
            rows.append({
                "page": name, "charts": len(specs), "html_kb": path.stat().st_size / 1024,
                "chart_data_kb": sum(len(s.encode("utf-8")) for s in specs) / 1024,
                "own_transfer_kb": own / 1024, "shared_transfer_kb": shared / 1024,
                "charts_ms": statistics.median(first) if specs else None,
                "charts_ms_from_previous": statistics.median(after_previous) if after_previous else None,
                "charts_ms_runs": {"first_visit": first if specs else [], "from_previous": after_previous},
            })
        browser.close()
    httpd.shutdown()
    return rows


def test_suite_time() -> tuple[float, str]:
    """Seconds the whole test suite takes, and its last line (how many passed or failed)."""
    elapsed, result = run([sys.executable, "-m", "pytest", "-q"], ROOT)
    (ROOT / "_build" / "bench-tests.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return elapsed, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(times: dict | None, pages: list[dict], suite: tuple[float, str] | None, runs: int) -> str:
    lines = [
        "# Benchmark", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
    ]
    if times is not None:
        cold = times["cold"]
        lines += [
            "## Build", "",
            "| build | seconds | share of cold build | target |", "|---|---:|---:|---|",
            f"| cold (no cache) | {cold:.1f} | 100% | |",
            f"| no-change rebuild | {times['no_change']:.1f} | {times['no_change'] / cold:.0%} | under {TARGETS['rebuild_ratio']:.0%}: {_verdict(times['no_change'] / cold < TARGETS['rebuild_ratio'])} |",
            f"| one-chapter edit ({EDITED_CHAPTER}, a code cell) | {times['one_chapter_edit']:.1f} | {times['one_chapter_edit'] / cold:.0%} | |",
            "",
        ]
    lines += [
        "## Pages", "",
        "Own = the page's HTML and its own files; shared = the files every page loads (`_static`, with the chart bundle, "
        "and the search index), which a browser fetches once and caches. Transfers are for a first visit. Chart times are from navigation to "
        f"the last chart drawn, the median of {runs} visits: on a first visit (empty cache), and arriving from the "
        "previous chapter of the table of contents (shared files cached).",
        "", "| page | charts | HTML KB | inline chart data KB | own transfer KB | shared transfer KB | charts drawn, first visit (ms) | charts drawn, from the previous chapter (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pages:
        lines.append(
            f"| {row['page']} | {row['charts']} | {row['html_kb']:.0f} | {row['chart_data_kb']:.0f} | {row['own_transfer_kb']:.0f} "
            f"| {row['shared_transfer_kb']:.0f} | {_ms(row['charts_ms'])} | {_ms(row['charts_ms_from_previous'])} |"
        )
    heaviest = max(pages, key=lambda r: r["html_kb"])
    charted = [r for r in pages if r["charts_ms"] is not None]
    slowest = max(charted, key=lambda r: r["charts_ms"])
    slowest_previous = max(charted, key=lambda r: r["charts_ms_from_previous"] or 0)
    over = [r["page"] for r in charted if r["charts_ms"] > TARGETS["charts_ms"]]
    lines += ["", "## Targets", ""]
    if times is not None:
        lines.append(f"- No-change rebuild under {TARGETS['rebuild_ratio']:.0%} of the cold build: {times['no_change'] / times['cold']:.0%} ({_verdict(times['no_change'] / times['cold'] < TARGETS['rebuild_ratio'])}).")
    lines += [
        f"- No page over {TARGETS['page_kb']} KB of its own HTML and data: heaviest {heaviest['page']}, {heaviest['html_kb']:.0f} KB ({_verdict(heaviest['html_kb'] <= TARGETS['page_kb'])}).",
        f"- Every page's charts drawn within {TARGETS['charts_ms']} ms, arriving from the previous chapter: slowest {slowest_previous['page']}, {_ms(slowest_previous['charts_ms_from_previous'])} ms ({_verdict((slowest_previous['charts_ms_from_previous'] or 0) <= TARGETS['charts_ms'])}).",
        f"- The same on a first visit with an empty cache: slowest {slowest['page']}, {slowest['charts_ms']:.0f} ms ({_verdict(not over)}"
        + (f"; over on {len(over)} of {len(charted)} pages: {', '.join(over)}" if over else "") + ").",
    ]
    if suite is not None:
        lines += ["", "## Tests", "", f"`pytest` (the whole suite, book already built): {suite[0]:.0f} s ({suite[1].strip('= ')})."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--pages-only", action="store_true", help="measure the pages of the existing _build/html only (no builds, no tests)")
    parser.add_argument("--runs", type=int, default=3, help="visits per page and situation; the median is reported (default 3)")
    args = parser.parse_args()
    if args.pages_only:
        times, html_dir = None, ROOT / "_build" / "html"
    else:
        times, html_dir = build_times(), BENCH / "out" / "_build" / "html"
    pages = page_figures(html_dir, args.runs)
    suite = None if args.skip_tests or args.pages_only else test_suite_time()
    text = report(times, pages, suite, args.runs)
    (ROOT / "_build" / "bench.md").write_text(text, encoding="utf-8")
    (ROOT / "_build" / "bench.json").write_text(json.dumps({"builds": times, "pages": pages, "tests": suite, "runs": args.runs}, indent=2))
    if suite is not None and "failed" in suite[1]:
        print(f"the test suite failed: {suite[1]}", file=sys.stderr)
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
