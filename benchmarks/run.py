"""Time the content check and the full build at several sizes; run by hand, not in tests.

    python benchmarks/run.py --n 1000 5000 10000

For each N it generates N opportunities (benchmarks/generate.py), then times
``python -m portal_content`` (validation only), the full ``pelican`` build
(also without portal_search when that plugin is on), and a bare Pelican build
of N plain Markdown articles on the same machine, so the ratio is stable when
the machine is noisy. Peak memory is the largest summed RSS of the whole
process tree (Pelican and anything it starts, such as Pagefind).

With portal_search on, it also runs the plugin's own Pagefind command again, alone,
over the full build's output (time, peak RSS of the indexer process, index size on
disk), and measures the bytes a first search downloads (open /search/, type a word,
tick an area) in Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.generate import REFERENCE_DAY, generate  # noqa: E402

EPOCH = str(int(datetime(REFERENCE_DAY.year, REFERENCE_DAY.month, REFERENCE_DAY.day, 12, tzinfo=UTC).timestamp()))
from conftest import CHROMIUM, StaticServer  # noqa: E402
from helpers_geo import near_query_bytes  # noqa: E402
from helpers_search import first_query_bytes, gzipped_size, serve_siteurl_locally  # noqa: E402

import pelicanconf  # noqa: E402

# Plugins that exist in this checkout (a branch may list one that is not merged yet).
PLUGINS = [name for name in pelicanconf.PLUGINS if (ROOT / "plugins" / name / "__init__.py").is_file()]
MISSING = [name for name in pelicanconf.PLUGINS if name not in PLUGINS]
TARGETS = "targets at N=10,000: build within 1.5x bare Pelican, check under 10 s, peak memory under 1 GiB"
# Issue 5's search targets, and the first search the benchmark makes (words and areas from generate.py).
INDEXER_MEMORY_TARGET = 2**30
FIRST_SEARCH_TARGET = 300_000
FIRST_SEARCH = ("garden", "area=leeds")
NEAR_SEARCH = "LS9 7TF"  # then, on the same page, the Near box: a whole postcode (the costliest kind)
NEAR_SEARCH_TARGET = 60_000  # gzipped, beyond the first search (issue 13)


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the child and what it waited for: steadier than wall time
    peak_rss: int  # bytes, summed over the process tree
    returncode: int
    output: str


def tree_rss(root_pid: int) -> int:
    """Summed RSS (bytes) of a process and all its descendants, read from /proc."""
    total, pending = 0, [root_pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                total += int(statm.read().split()[1]) * page
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def measure(command: list[str], env: dict) -> Run:
    """Run ``command``, sampling the tree's RSS every 20 ms; also take the kernel's max RSS of the child."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()), daemon=True)
    reader.start()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    # the kernel's max RSS of the child (KiB) catches a peak that fell between two samples
    peak = max(peak, usage.ru_maxrss * 1024)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, process.returncode, "".join(output))


def site_stats(output: Path) -> tuple[int, int, int]:
    """(HTML pages, all files, bytes) under ``output``."""
    files = [path for path in output.rglob("*") if path.is_file()]
    pages = sum(1 for path in files if path.suffix == ".html")
    return pages, len(files), sum(path.stat().st_size for path in files)


def write_settings(folder: Path, plugins: list[str]) -> Path:
    """pelicanconf.py with the given PLUGINS (to time a plugin on its own)."""
    lines = [
        f"exec(compile(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read(), 'pelicanconf.py', 'exec'))",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
    ]
    lines.append(f"PLUGINS = {plugins!r}")
    path = folder / f"settings-{len(plugins)}.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_bare_site(folder: Path, n: int) -> tuple[Path, Path]:
    """N plain Markdown articles and a bare Pelican configuration (default theme, no feeds)."""
    content = folder / "bare-content"
    content.mkdir()
    for index in range(n):
        text = (
            f"Title: Article {index}\nDate: 2026-{index % 12 + 1:02d}-{index % 28 + 1:02d} 10:00\n"
            f"Category: c{index % 10}\nTags: t{index % 50}\nSummary: Summary of article {index}.\n\n"
            f"Paragraph one of article {index}, with *emphasis* and a [link](https://example.org.uk/{index}).\n\n"
            "- a list item\n- another list item\n\nA closing paragraph with a few more words in it.\n"
        )
        (content / f"article-{index:05d}.md").write_text(text, encoding="utf-8")
    settings = folder / "bare-settings.py"
    settings.write_text(
        "SITENAME = 'Bare'\nTIMEZONE = 'Europe/London'\nDEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n",
        encoding="utf-8",
    )
    return content, settings


def search_figures(output: Path, env: dict) -> dict:
    """Re-run the plugin's Pagefind command alone over ``output``; index size; first-search bytes."""
    from portal_search import index_language
    from portal_search.indexer import pagefind_binary, pagefind_command

    settings = {name: getattr(pelicanconf, name) for name in dir(pelicanconf) if name.isupper()}
    index = output / "pagefind"
    shutil.rmtree(index)
    command = pagefind_command(output, pagefind_binary(settings.get("PAGEFIND_BINARY")), index_language(settings))
    run = measure(command, env)
    if run.returncode != 0 or not (index / "pagefind.js").is_file():
        raise SystemExit(f"Pagefind alone failed:\n{run.output[-3000:]}")
    files = [path for path in index.rglob("*") if path.is_file()]
    figures = {"pagefind": run, "index_files": len(files), "index_bytes": sum(path.stat().st_size for path in files)}
    figures["first_search"] = first_search(output)
    return figures


def first_search(output: Path) -> dict:
    """first_query_bytes in Chromium, plus what the same responses weigh gzipped (bodies only)."""
    from playwright.sync_api import sync_playwright

    server = StaticServer(output)
    urls: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                context = browser.new_context()
                page = context.new_page()
                serve_siteurl_locally(page, output, pelicanconf.SITEURL)
                context.on("requestfinished", lambda request: urls.append(request.url))
                measured = first_query_bytes(page, server.url, *FIRST_SEARCH)
                first_urls = list(urls)
                near = near_query_bytes(page, NEAR_SEARCH)
            finally:
                browser.close()
    finally:
        server.close()
    measured["gzip_bytes"] = sum(gzipped_size(output, url) for url in first_urls)
    near["gzip_bytes"] = sum(gzipped_size(output, url) for url in near["urls"])
    measured["near"] = near
    return measured


def pelican(content: Path, settings: Path, output: Path) -> list[str]:
    return [str(BIN / "pelican"), str(content), "-s", str(settings), "-o", str(output), "--fatal", "errors"]


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def benchmark(n: int, seed: int, keep: bool) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT / "plugins"), "COLUMNS": "200"}
    folder = Path(tempfile.mkdtemp(prefix=f"portal-bench-{n}-"))
    figures: dict = {"n": n}
    try:
        started = time.perf_counter()
        content = generate(folder / "content", n, seed)
        figures["generate"] = time.perf_counter() - started

        check = measure([sys.executable, "-m", "portal_content", str(content), "-s", str(ROOT / "pelicanconf.py")], env)
        if check.returncode != 0:
            raise SystemExit(f"check failed at N={n}:\n{check.output[-3000:]}")
        figures["check"] = check

        build = measure(pelican(content, write_settings(folder, PLUGINS), folder / "output"), env)
        if build.returncode != 0:
            raise SystemExit(f"build failed at N={n}:\n{build.output[-3000:]}")
        figures["build"] = build
        figures["pages"], figures["files"], figures["bytes"] = site_stats(folder / "output")

        if "portal_search" in PLUGINS:
            figures["search"] = search_figures(folder / "output", env)
            plugins = [name for name in PLUGINS if name != "portal_search"]
            without = measure(pelican(content, write_settings(folder, plugins), folder / "output-nosearch"), env)
            if without.returncode != 0:
                raise SystemExit(f"build without portal_search failed at N={n}:\n{without.output[-3000:]}")
            figures["build_without_search"] = without

        bare_content, bare_settings = write_bare_site(folder, n)
        bare = measure(pelican(bare_content, bare_settings, folder / "bare-output"), env)
        if bare.returncode != 0:
            raise SystemExit(f"bare Pelican build failed at N={n}:\n{bare.output[-3000:]}")
        figures["bare"] = bare
    finally:
        if keep:
            print(f"  (kept {folder})")
        else:
            subprocess.run(["rm", "-rf", str(folder)], check=False)
    return figures


def report(figures: dict) -> None:
    n, check, build, bare = figures["n"], figures["check"], figures["build"], figures["bare"]
    per_thousand = 1000 / n
    print(f"\nN = {n:,} opportunities  (generated in {figures['generate']:.1f} s)")
    def line(name: str, run: Run) -> str:
        return (f"  {name:<28s}{run.seconds:7.1f} s wall {run.cpu:7.1f} s CPU   "
                f"{run.cpu * per_thousand:5.2f} CPU s/1,000   peak {mib(run.peak_rss)}")

    print(line("check (python -m portal_content)", check))
    print(line("build (pelican)", build))
    print(f"  {'':<28s}{figures['pages']:,} HTML pages, {figures['files']:,} files, {mib(figures['bytes'])} written")
    without = figures.get("build_without_search")
    if without:
        print(line("build without portal_search", without))
        print(f"  {'':<28s}=> search indexing about {build.cpu - without.cpu:.1f} s CPU, {build.seconds - without.seconds:.1f} s wall")
    search = figures.get("search")
    if search:
        index, query = search["pagefind"], search["first_search"]
        memory_ok = index.peak_rss < INDEXER_MEMORY_TARGET
        query_ok = query["bytes"] < FIRST_SEARCH_TARGET
        gzip_ok = query["gzip_bytes"] < FIRST_SEARCH_TARGET
        print(line("Pagefind alone (indexing)", index))
        print(f"  {'':<28s}=> {index.seconds / build.seconds:.0%} of the build's wall time, {index.cpu / build.cpu:.0%} of its CPU")
        print(f"  {'':<28s}indexer peak RSS {mib(index.peak_rss)}   target < 1,024 MiB: {'PASS' if memory_ok else 'MISS'}")
        print(f"  {'':<28s}index on disk (/pagefind/): {search['index_files']:,} files, {mib(search['index_bytes'])}"
              f" ({search['index_bytes']:,} bytes)")
        term, tick = FIRST_SEARCH
        print(f"  first search ({term!r} + {tick}): {query['bytes'] / 1000:,.1f} kB as sent (headers + bodies), "
              f"{query['body_bytes'] / 1000:,.1f} kB bodies, {query['gzip_bytes'] / 1000:,.1f} kB bodies gzipped, "
              f"{query['requests']} requests   target < 300 kB: {'PASS' if query_ok else 'MISS'} as sent, "
              f"{'PASS' if gzip_ok else 'MISS'} gzipped")
        near = query["near"]
        print(f"  then a near-search ({NEAR_SEARCH!r}, within 10 miles): {near['bytes'] / 1000:,.1f} kB as sent, "
              f"{near['gzip_bytes'] / 1000:,.1f} kB gzipped, {near['requests']} requests   "
              f"target < 60 kB gzipped: {'PASS' if near['gzip_bytes'] < NEAR_SEARCH_TARGET else 'MISS'}")
    print(line(f"bare Pelican, {n:,} articles", bare))
    print(f"  ratios (CPU): build / bare Pelican {build.cpu / bare.cpu:.2f}x   build / check {build.cpu / check.cpu:.1f}x"
          f"   (wall: {build.seconds / bare.seconds:.2f}x, {build.seconds / check.seconds:.1f}x)")
    if without:
        print(f"  build without search / bare Pelican {without.cpu / bare.cpu:.2f}x CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000], help="sizes to run (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temp folders to look at")
    args = parser.parse_args()
    print(f"Benchmark on {os.cpu_count()} CPUs; {TARGETS}")
    print(f"Plugins: {', '.join(PLUGINS)}" + (f"  (listed but not in plugins/: {', '.join(MISSING)})" if MISSING else ""))
    results = []
    for n in args.n:
        results.append(benchmark(n, args.seed, args.keep))
        report(results[-1])
    if len(results) > 1:
        print("\nLinearity (time ratio / size ratio; 1.0 = linear):")
        for small, large in zip(results, results[1:], strict=False):
            size = large["n"] / small["n"]
            for name in ("check", "build", "bare"):
                ratio = large[name].cpu / small[name].cpu
                print(f"  {name:6s} N {small['n']:,} -> {large['n']:,}: CPU time x{ratio:.2f} for size x{size:.1f} => {ratio / size:.2f}")
    largest = results[-1]
    if largest["n"] >= 10_000:
        check_ok = largest["check"].cpu < 10
        memory_ok = largest["build"].peak_rss < 2**30
        ratio = largest["build"].cpu / largest["bare"].cpu
        print(f"\nAt N = {largest['n']:,}: check {'OK' if check_ok else 'OVER'} (<10 s CPU), "
              f"peak memory {'OK' if memory_ok else 'OVER'} (<1 GiB), build/bare {ratio:.2f}x "
              f"({'OK' if ratio <= 1.5 else 'OVER'} 1.5x)")
        search = largest.get("search")
        if search:
            print(f"Search at N = {largest['n']:,}: indexer peak {mib(search['pagefind'].peak_rss)} "
                  f"({'PASS' if search['pagefind'].peak_rss < INDEXER_MEMORY_TARGET else 'MISS'} < 1 GiB), first search "
                  f"{search['first_search']['bytes'] / 1000:,.0f} kB as sent / {search['first_search']['gzip_bytes'] / 1000:,.0f} kB gzipped "
                  f"({'PASS' if search['first_search']['bytes'] < FIRST_SEARCH_TARGET else 'MISS'} < 300 kB as sent); "
                  f"the build's peak above is Pelican and Pagefind together")


if __name__ == "__main__":
    main()
