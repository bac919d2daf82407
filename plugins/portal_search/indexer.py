"""Run the real Pagefind binary over the written site.

The binary comes from the ``pagefind-bin`` wheel (installed by ``pagefind[bin]``);
the ``PAGEFIND_BINARY`` setting points at another one. Indexing runs once over
the whole output folder: per-page API calls would cost far more.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class IndexingError(Exception):
    """Pagefind is missing or failed; the message is one line for the build log."""


def pagefind_binary(setting: str | None) -> Path:
    """The configured binary, or the one shipped in the pagefind-bin wheel."""
    if setting:
        binary = Path(setting)
        if not binary.is_file():
            raise IndexingError(f"PAGEFIND_BINARY {setting} does not exist: install it or fix the setting")
        return binary
    try:
        import pagefind_bin
    except ImportError:
        raise IndexingError("the pagefind binary is missing: run `pip install -r requirements.txt` (pagefind[bin])") from None
    try:
        return pagefind_bin.get_executable()
    except FileNotFoundError as error:
        raise IndexingError(f"the pagefind-bin package has no binary for this machine ({error})") from None


def pagefind_command(site: Path, binary: Path, language: str) -> list[str]:
    """The Pagefind command line for ``site`` (the benchmark runs the same one on its own)."""
    return [
        str(binary),
        "--site", str(site),
        # One language index instead of one per lang attribute: one set of files, smaller.
        "--force-language", language,
        # Pages without data-pagefind-body are not indexed, but Pagefind holds their text until
        # it drops them at the end: leaving their main content out saves about 200 MB at 10,000.
        "--exclude-selectors", "main:not([data-pagefind-body])",
        "--quiet",
    ]


def build_index(site: Path, binary: Path, language: str) -> list[str]:
    """Index ``site`` into ``site/pagefind/``; raise :class:`IndexingError` on any failure.

    Returns what Pagefind printed: with ``--quiet`` that is only its warnings.
    """
    command = pagefind_command(site, binary, language)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except OSError as error:
        raise IndexingError(f"could not run {binary}: {error.strerror or error}") from None
    except subprocess.TimeoutExpired:
        raise IndexingError(f"{binary} did not finish within 30 minutes") from None
    if done.returncode != 0:
        details = " ".join((done.stderr or done.stdout).split())[-500:] or "no output"
        raise IndexingError(f"{binary} exited with code {done.returncode}: {details}")
    if not (site / "pagefind" / "pagefind.js").is_file():
        raise IndexingError(f"{binary} finished but wrote no index (pagefind/pagefind.js)")
    return [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
