"""Time and weigh the build at several sizes; run by hand, never in tests (issue 16).

    python benchmarks/run.py --n 1000 10000          # 100000 by hand: it takes long

For each N it generates N opportunities (benchmarks/generate.py) and reports:
- the content check (``python -m portal_content``) and the full build: wall and CPU time,
  and the build's stages (read, validate, model with Markdown, each generator, memory
  release, every Pagefind shard) from the lines ``PORTAL_TIMINGS=1`` makes it print;
- peak memory of the build's whole process tree as the sum of PSS (a page shared by the
  parent and a forked worker counts once) and as the sum of RSS (counts it twice);
- Pagefind's own time and peak (the largest RSS of any one Pagefind process: shards run
  one after another), the index on disk and its shards;
- the bytes of a first search (open /search/, type a word, tick an area) and then of a
  near-search, in Debian's Chromium, as sent and gzipped, by kind of file;
- the time to rebuild after one changed opportunity (``incremental_rebuild``);
- the ratio to a bare Pelican build of N plain Markdown articles made in the same run,
  so the ratio holds on a busy machine; and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

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
    peak_pss: int  # bytes: the largest sum of PSS over the process tree
    peak_rss: int  # bytes: the largest sum of RSS over the process tree (shared pages counted in each process)
    pagefind_rss: int  # bytes: the largest RSS of one Pagefind process (0 if none ran)
    beside_pagefind: int  # bytes: the largest summed PSS of the rest of the tree while Pagefind ran
    returncode: int
    output: str

    @property
    def stages(self) -> list[tuple[str, float, float]]:
        """(stage, wall, CPU) from the ``timing:`` lines PORTAL_TIMINGS=1 makes the build print."""
        return [(name, float(wall), float(cpu)) for name, wall, cpu in TIMING.findall(self.output)]


TIMING = re.compile(r"^timing: (.+): ([0-9.]+) s wall, ([0-9.]+) s CPU$", re.M)
PAGEFIND_TOTAL = "pagefind (all shards)"


def tree_memory(root_pid: int) -> tuple[int, int, int, int]:
    """(summed PSS, summed RSS, largest Pagefind RSS, summed PSS of the rest while a Pagefind runs, else 0)
    in bytes, of a process and its descendants, from /proc."""
    pss = rss = pagefind = pagefind_pss = 0
    pending = [root_pid]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                fields = dict(line.split(":", 1) for line in rollup.read().splitlines()[1:] if ":" in line)
            process_rss = int(fields["Rss"].split()[0]) * 1024
            process_pss = int(fields["Pss"].split()[0]) * 1024
            pss += process_pss
            rss += process_rss
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() == "pagefind":
                    pagefind = max(pagefind, process_rss)
                    pagefind_pss += process_pss
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError, KeyError, PermissionError):
            continue
    return pss, rss, pagefind, (pss - pagefind_pss) if pagefind else 0


def measure(command: list[str], env: dict) -> Run:
    """Run ``command``, sampling the tree's memory every 50 ms (less often when a sample is slow); the kernel's max RSS of the child too."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_pss = peak_rss = peak_pagefind = beside_pagefind = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()), daemon=True)
    reader.start()
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        sampled = time.perf_counter()
        pss, rss, pagefind, beside = tree_memory(process.pid)
        peak_pss, peak_rss, peak_pagefind = max(peak_pss, pss), max(peak_rss, rss), max(peak_pagefind, pagefind)
        beside_pagefind = max(beside_pagefind, beside)
        # Reading smaps_rollup walks the process's memory map under its lock: for a build of several
        # GiB one sample takes tens of ms, so sampling never takes more than a fifth of the time.
        time.sleep(max(0.05, 4 * (time.perf_counter() - sampled)))
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    # The kernel's max RSS of the largest single process catches an RSS peak between two samples.
    peak_rss = max(peak_rss, usage.ru_maxrss * 1024)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_pss, peak_rss, peak_pagefind, beside_pagefind, process.returncode, "".join(output))


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


def index_figures(output: Path) -> dict:
    """The Pagefind bundle on disk: files, bytes, shards and pages per shard."""
    bundle = output / "pagefind"
    files = [path for path in bundle.rglob("*") if path.is_file()]
    folders = ["", *json.loads((bundle / "shards.json").read_text(encoding="utf-8"))]
    pages = [json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"] for folder in folders]
    return {
        "index_files": len(files),
        "index_bytes": sum(path.stat().st_size for path in files),
        "shard_pages": [sum(language["page_count"] for language in entry.values()) for entry in pages],
    }


def kind_of(url: str) -> str:
    """What a downloaded file is, to show which part of a search grows with N."""
    path = url.split("?")[0].split("/", 3)[-1]
    if "/fragment/" in path:
        return "Pagefind fragments (one per result shown)"
    if "/index/" in path:
        return "Pagefind index chunks (the word)"
    if "/filter/" in path:
        return "Pagefind filter files"
    if path.endswith(".pf_meta") or path.endswith("pagefind-entry.json") or path.endswith("shards.json"):
        return "Pagefind page lists (pf_meta, entry)"
    if path.startswith("pagefind/"):
        return "Pagefind JavaScript and WebAssembly"
    if path.startswith("search/near/"):
        return "Near box places and postcodes"
    return "the page, its CSS and JavaScript"


def by_kind(output: Path, urls: list[str]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for url in urls:
        kinds[kind_of(url)] = kinds.get(kind_of(url), 0) + gzipped_size(output, url)
    return dict(sorted(kinds.items(), key=lambda item: -item[1]))


def first_search(output: Path) -> dict:
    """first_query_bytes in Chromium, then a near-search; what the same responses weigh gzipped (bodies only)."""
    from playwright.sync_api import sync_playwright

    server = StaticServer(output)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            try:
                context = browser.new_context()
                page = context.new_page()
                serve_siteurl_locally(page, output, pelicanconf.SITEURL)
                measured = first_query_bytes(page, server.url, *FIRST_SEARCH)
                near = near_query_bytes(page, NEAR_SEARCH)
                fresh = browser.new_context().new_page()  # nothing cached
                serve_siteurl_locally(fresh, output, pelicanconf.SITEURL)
                filter_only = first_query_bytes(fresh, server.url, None, FIRST_SEARCH[1])
            finally:
                browser.close()
    finally:
        server.close()
    for figures in (measured, near, filter_only):
        figures["gzip_bytes"] = sum(gzipped_size(output, url) for url in figures["urls"])
        figures["gzip_by_kind"] = by_kind(output, figures["urls"])
    measured["near"] = near
    measured["filter_only"] = filter_only
    return measured


def incremental_rebuild(content: Path, output: Path, env: dict) -> Run | None:
    """Rebuild after one changed opportunity file, the build cache warm (issue 16 part 5).

    The full build just made left its cache beside ``content`` (``.cache/portal``) and its site in
    ``output``; the title of an open opportunity (so its page is in the search index, which must be
    made again) changes and the same settings build into ``output`` again.
    """
    files = [path for path in sorted((content / "opportunities").rglob("*.yaml")) if is_open(path)]
    changed = files[len(files) // 2]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")
    run = measure(pelican(content, content.parent / f"settings-{len(PLUGINS)}.py", output), env)
    if run.returncode != 0:
        raise SystemExit(f"rebuild failed:\n{run.output[-3000:]}")
    return run


def made_since(output: Path, started_at: float) -> tuple[int, int]:
    """(files written anew since ``started_at``, all files) outside /pagefind/: the rest were taken from the last site."""
    files = [path for path in output.rglob("*") if path.is_file() and path.relative_to(output).parts[0] != "pagefind"]
    return sum(1 for path in files if path.stat().st_mtime >= started_at), len(files)


def is_open(path: Path) -> bool:
    closes = yaml.safe_load(path.read_text(encoding="utf-8")).get("closes")
    return closes is None or closes >= REFERENCE_DAY


def pelican(content: Path, settings: Path, output: Path) -> list[str]:
    return [str(BIN / "pelican"), str(content), "-s", str(settings), "-o", str(output), "--fatal", "errors"]


def mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def load() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def benchmark(n: int, seed: int, keep: bool) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT / "plugins"), "COLUMNS": "200", "PORTAL_TIMINGS": "1"}
    folder = Path(tempfile.mkdtemp(prefix=f"portal-bench-{n}-"))
    figures: dict = {"n": n, "load_before": load(), "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    try:
        started = time.perf_counter()
        content = generate(folder / "content", n, seed)
        figures["generate"] = time.perf_counter() - started

        check = measure([sys.executable, "-m", "portal_content", str(content), "-s", str(ROOT / "pelicanconf.py")], env)
        if check.returncode != 0:
            raise SystemExit(f"check failed at N={n}:\n{check.output[-3000:]}")
        figures["check"] = check

        settings = write_settings(folder, PLUGINS)
        build = measure(pelican(content, settings, folder / "output"), env)
        if build.returncode != 0:
            raise SystemExit(f"build failed at N={n}:\n{build.output[-3000:]}")
        figures["build"] = build
        figures["pages"], figures["files"], figures["bytes"] = site_stats(folder / "output")

        if "portal_search" in PLUGINS:
            figures.update(index_figures(folder / "output"))
            figures["first_search"] = first_search(folder / "output")
        started_at = time.time()
        figures["rebuild"] = incremental_rebuild(content, folder / "output", env)
        figures["rebuild_made"] = made_since(folder / "output", started_at)

        bare_content, bare_settings = write_bare_site(folder, n)
        bare = measure(pelican(bare_content, bare_settings, folder / "bare-output"), env)
        if bare.returncode != 0:
            raise SystemExit(f"bare Pelican build failed at N={n}:\n{bare.output[-3000:]}")
        figures["bare"] = bare
    finally:
        figures["load_after"] = load()
        if keep:
            print(f"  (kept {folder})")
        else:
            subprocess.run(["rm", "-rf", str(folder)], check=False)
    return figures


def report(figures: dict) -> None:
    n, check, build, bare = figures["n"], figures["check"], figures["build"], figures["bare"]
    per_thousand = 1000 / n
    print(f"\nN = {n:,} opportunities  (generated in {figures['generate']:.1f} s; started {figures['started']}, "
          f"{figures['load_before']} before, {figures['load_after']} after, on {os.cpu_count()} CPUs)")

    def line(name: str, run: Run) -> str:
        return (f"  {name:<34s}{run.seconds:7.1f} s wall {run.cpu:7.1f} s CPU  {run.cpu * per_thousand:6.2f} CPU s/1,000"
                f"   peak {mib(run.peak_pss)} PSS, {mib(run.peak_rss)} RSS (summed over the process tree)")

    print(line("check (python -m portal_content)", check))
    print(line("build (pelican)", build))
    print(f"  {'':<34s}{figures['pages']:,} HTML pages, {figures['files']:,} files, {mib(figures['bytes'])} written")
    print("  build stages (wall s, CPU s, CPU ms per opportunity):")
    for name, wall, cpu in build.stages:
        if wall >= 0.05 or cpu >= 0.05:
            print(f"    {name:<52s}{wall:8.1f} {cpu:8.1f} {cpu * 1000 / n:8.2f}")
    pagefind = [stage for stage in build.stages if stage[0] == PAGEFIND_TOTAL]
    if pagefind:
        _, wall, cpu = pagefind[0]
        print(f"  Pagefind: {wall:.1f} s wall, {cpu:.1f} s CPU ({wall / build.seconds:.0%} of the build's wall time) over "
              f"{len(figures['shard_pages'])} shard(s) of {', '.join(f'{pages:,}' for pages in figures['shard_pages'])} pages; "
              f"largest Pagefind process {mib(build.pagefind_rss)} RSS  target < 1,024 MiB: "
              f"{'PASS' if build.pagefind_rss < INDEXER_MEMORY_TARGET else 'MISS'}")
        print(f"  while Pagefind ran, the rest of the process tree held {mib(build.beside_pagefind)} PSS (what one index's peak adds to)")
        print(f"  index on disk (/pagefind/): {figures['index_files']:,} files, {mib(figures['index_bytes'])} ({figures['index_bytes']:,} bytes)")
    query = figures.get("first_search")
    if query:
        term, tick = FIRST_SEARCH
        print(f"  first search ({term!r} + {tick}): {query['bytes'] / 1000:,.1f} kB as sent, {query['gzip_bytes'] / 1000:,.1f} kB gzipped, "
              f"{query['requests']} requests   target <= 300 kB gzipped: {'PASS' if query['gzip_bytes'] <= FIRST_SEARCH_TARGET else 'MISS'}")
        for kind, size in query["gzip_by_kind"].items():
            print(f"    {size / 1000:8,.1f} kB  {kind}")
        only = query["filter_only"]
        print(f"  first search with no word (tick {tick} only): {only['gzip_bytes'] / 1000:,.1f} kB gzipped, {only['requests']} requests   "
              f"target <= 300 kB gzipped: {'PASS' if only['gzip_bytes'] <= FIRST_SEARCH_TARGET else 'MISS'}")
        for kind, size in only["gzip_by_kind"].items():
            print(f"    {size / 1000:8,.1f} kB  {kind}")
        near = query["near"]
        print(f"  then a near-search ({NEAR_SEARCH!r}): {near['bytes'] / 1000:,.1f} kB as sent, {near['gzip_bytes'] / 1000:,.1f} kB gzipped, "
              f"{near['requests']} requests   target < 60 kB gzipped: {'PASS' if near['gzip_bytes'] < NEAR_SEARCH_TARGET else 'MISS'}")
        for kind, size in near["gzip_by_kind"].items():
            print(f"    {size / 1000:8,.1f} kB  {kind}")
    rebuild = figures.get("rebuild")
    if rebuild:
        print(line("rebuild after one change", rebuild))
        print(f"  {'':<34s}=> {rebuild.seconds / build.seconds:.0%} of the full build's wall time (target <= 25 %), "
              f"{rebuild.cpu / build.cpu:.0%} of its CPU time; {figures['rebuild_made'][0]:,} of {figures['rebuild_made'][1]:,} "
              "files (outside /pagefind/) written anew, the rest taken from the last site")
    else:
        print("  rebuild after one change: not measured (incremental_rebuild() in run.py returns None: no build cache yet)")
    print(line(f"bare Pelican, {n:,} articles", bare))
    print(f"  ratio to bare Pelican: {build.seconds / bare.seconds:.2f}x wall (target <= 1.5x), {build.cpu / bare.cpu:.2f}x CPU;"
          f" memory {build.peak_pss / bare.peak_pss:.1f}x (PSS)")


def as_json(figures: dict) -> dict:
    """The figures without the builds' logs, for --json."""
    def plain(value):
        if isinstance(value, Run):
            return {**{key: getattr(value, key) for key in ("seconds", "cpu", "peak_pss", "peak_rss", "pagefind_rss", "beside_pagefind", "returncode")}, "stages": value.stages}
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items() if key != "urls"}
        return value
    return plain(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000], help="sizes to run (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temp folders to look at")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    print(f"Benchmark on {os.cpu_count()} CPUs; {TARGETS}")
    print(f"Plugins: {', '.join(PLUGINS)}" + (f"  (listed but not in plugins/: {', '.join(MISSING)})" if MISSING else ""))
    results = []
    for n in args.n:
        results.append(benchmark(n, args.seed, args.keep))
        report(results[-1])
    if len(results) > 1:
        print("\nLinearity (CPU time ratio / size ratio; 1.0 = linear):")
        for small, large in zip(results, results[1:], strict=False):
            size = large["n"] / small["n"]
            for name in ("check", "build", "bare"):
                ratio = large[name].cpu / small[name].cpu
                print(f"  {name:6s} N {small['n']:,} -> {large['n']:,}: CPU time x{ratio:.2f} for size x{size:.1f} => {ratio / size:.2f}")
    largest = results[-1]
    if largest["n"] >= 10_000:
        build = largest["build"]
        memory_target = 2**30 if largest["n"] <= 10_000 else 2 * 2**30
        ratio = build.seconds / largest["bare"].seconds
        print(f"\nAt N = {largest['n']:,}: build/bare {ratio:.2f}x wall ({'OK' if ratio <= 1.5 else 'OVER'} 1.5x), "
              f"peak {mib(build.peak_pss)} PSS ({'OK' if build.peak_pss <= memory_target else 'OVER'} {mib(memory_target)}), "
              f"check {largest['check'].cpu:.1f} s CPU ({'OK' if largest['check'].cpu < 10 else 'OVER'} 10 s)")
    if args.json:
        args.json.write_text(json.dumps([as_json(figures) for figures in results], indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
