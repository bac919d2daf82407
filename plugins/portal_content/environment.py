"""Settings and environment checked before a build writes anything.

A bad colour, a ``SOURCE_DATE_EPOCH`` that is not a number or an output path
that is a file would otherwise fail half-way through a build with a
traceback. Each problem here is one plain line naming the setting.
"""

from __future__ import annotations

import math
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .colours import EXAMPLE, colour_problem
from .parallel import workers_problem

# Content dates must fall in this window (see validate.DATE_RANGE); so must the build date.
EARLIEST_EPOCH = 946684800  # 2000-01-01T00:00:00Z
LATEST_EPOCH = 4133980799  # 2100-12-31T23:59:59Z


class SettingsError(Exception):
    """A setting or environment variable the build cannot use; the message is one line."""


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as a whole number of seconds, ``None`` when unset."""
    text = os.environ.get("SOURCE_DATE_EPOCH")
    if text is None or text == "":
        return None
    if not re.fullmatch(r"[0-9]+", text.strip()):
        raise SettingsError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (like 1795694400), got {text!r}: "
            "fix or unset the environment variable"
        )
    epoch = int(text)
    if not EARLIEST_EPOCH <= epoch <= LATEST_EPOCH:
        raise SettingsError(
            f"SOURCE_DATE_EPOCH {epoch} is not a date between 2000 and 2100: fix or unset the environment variable"
        )
    return epoch


def build_time(timezone: str) -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set, so builds can be reproduced."""
    zone = ZoneInfo(timezone)
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=zone)
    return datetime.now(tz=zone).replace(microsecond=0)


def colour_problems(colours) -> list[str]:
    """Each PORTAL_COLOURS entry that would not make valid, safe CSS."""
    if colours is None:
        return []
    if not isinstance(colours, dict):
        return [f"PORTAL_COLOURS: expected names and colours like {{'brand': '{EXAMPLE}'}}, got {type(colours).__name__}"]
    return [problem for name, value in colours.items() if (problem := colour_problem(name, value))]


def output_problems(output: Path, content: Path) -> list[str]:
    """Why ``output`` cannot be replaced by a new build (nothing is deleted to find out)."""
    if output.is_symlink() and not output.exists():
        return [f"the output path {output} is a broken symbolic link. Remove it or choose another path with -o"]
    if output.exists() and not output.is_dir():
        return [f"the output path {output} is a file, not a folder. Move the file away or choose another path with -o"]
    parent = output.parent
    if not parent.is_dir():
        return [f"the folder {parent} that should hold the output folder does not exist. Create it, or choose another path with -o"]
    if not os.access(parent, os.W_OK | os.X_OK):
        return [f"cannot write to {parent}, the folder that holds the output folder. Fix its permissions or choose another path with -o"]
    if output.exists() and not os.access(output, os.W_OK | os.X_OK):
        return [f"cannot write to the output folder {output}. Fix its permissions or choose another path with -o"]
    content = Path(os.path.realpath(content))
    if content == output or output in content.parents:
        return [f"the output folder {output} holds the content folder {content}; a build replaces the whole output folder. Choose another path with -o"]
    return []


def near_problems(settings: dict) -> list[str]:
    """How far the /near/ pages reach and how many they list: checked before anything is built, as a
    wrong value would otherwise stop the build halfway with a Python error."""
    problems = []
    miles = settings.get("PORTAL_NEAR_MILES", 10)
    if isinstance(miles, bool) or not isinstance(miles, int | float) or not math.isfinite(miles) or miles <= 0:
        problems.append(f"PORTAL_NEAR_MILES: expected a distance in miles greater than 0, like 10, got {miles!r}")
    limit = settings.get("PORTAL_NEAR_LIMIT", 100)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        problems.append(f"PORTAL_NEAR_LIMIT: expected a whole number of opportunities, 0 or more, like 100, got {limit!r}")
    return problems


def settings_problems(settings: dict) -> list[str]:
    """Every setting and environment problem, each as one line."""
    problems = colour_problems(settings.get("PORTAL_COLOURS"))
    if not ((settings.get("PORTAL_VOCABULARIES") or {}).get("areas")):
        problems.append("PORTAL_VOCABULARIES: set 'areas' to your region's areas, like {'areas': {'north': 'North district'}}")
    workers = workers_problem(settings)
    if workers:
        problems.append(workers)
    problems += near_problems(settings)
    try:
        source_date_epoch()
    except SettingsError as error:
        problems.append(str(error))
    return problems


def run_command(main) -> int:
    """Run a command's ``main()``; a settings problem is one line and exit status 1, not a traceback."""
    try:
        return main()
    except SettingsError as error:
        print(f"Settings problem: {error}", file=sys.stderr)
        return 1
