"""``python -m portal_content.from_issue``: turn a "List an opportunity" issue into a listing file.

Reads an issue body on standard input, in either of two shapes:

- the body the /submit/ form's "Send to the portal team" button writes: a
  ``File: content/opportunities/<org>/<slug>.yaml`` line and the file in a
  fenced ``yaml`` block;
- the body GitHub renders from the issue form
  (``.github/ISSUE_TEMPLATE/list-an-opportunity.yml``): ``### Label (field)``
  sections, turned into the same data the web form would write.

The listing is checked with the build's own loader, against a copy of the
content folder with the file in place, so the messages are the build's. When
it is valid the file is written into the content folder (exit 0); otherwise
the problems are printed and nothing is written (exit 1). The issue workflow
(``.github/workflows/listing-from-issue.yml``) comments the problems or opens
the pull request.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from .__main__ import read_site_settings
from .environment import build_time, run_command
from .loader import display_path, load_content
from .problems import Problem
from .schema import site_schema
from .slugs import SLUG_PATTERN, slugify
from .vocabularies import Vocabularies
from .yamlsafe import MAX_FILE_BYTES, YamlProblem, parse_yaml
from .yamlwrite import yaml_text

FOLDER = "content/opportunities/"
_SLUG = SLUG_PATTERN.pattern.strip("^$")
# content/opportunities/<slug>.yaml or content/opportunities/<org>/<slug>.yaml, nothing else.
FILE_NAME = re.compile(rf"^{re.escape(FOLDER)}(?:(?P<org>{_SLUG})/)?(?P<slug>{_SLUG})\.yaml$")
FILE_LINE = re.compile(r"^\s*\**File:?\**:?\s*`?(?P<path>[^`\s]*)`?\s*$", re.I | re.M)
FENCE = re.compile(r"^(?P<fence>```+|~~~+)[ \t]*(?:ya?ml)?[ \t]*\n(?P<text>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
SECTION = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*\n(?P<text>.*?)(?=^###[ \t]|\Z)", re.M | re.S)
NO_RESPONSE = "_No response_"


class IssueError(Exception):
    """The body cannot be turned into a listing at all; the text says what to do."""


class Listing:
    """A listing taken from an issue: where it goes, its text, and how to word problems."""

    def __init__(self, path: str, text: str, labels: dict[str, str] | None = None):
        self.path = path
        self.text = text
        self.labels = labels or {}  # field path -> the issue form's label, for the form kind

    def where(self, problem: Problem) -> str:
        """The problem as the person who wrote the issue can find it."""
        if not self.labels:
            where = f"Line {problem.line}"
            return f"{where}, {problem.field}: {problem.message}" if problem.field else f"{where}: {problem.message}"
        field = re.sub(r"\[\d+\]", "", problem.field)
        label = next((self.labels[key] for key in sorted(self.labels, key=len, reverse=True) if field == key or field.startswith(key + ".")), None)
        return f"{label}: {problem.message}" if label else (f"{problem.field}: {problem.message}" if problem.field else problem.message)


# -- the form's body -----------------------------------------------------------------


def check_file_name(path: str) -> re.Match:
    match = FILE_NAME.match(path)
    if not match or ".." in path:
        raise IssueError(
            f'the file name "{path}" is not allowed. It must look like {FOLDER}<organisation>/<short-name>.yaml, '
            "using lowercase letters, numbers and single hyphens"
        )
    return match


def from_form_body(body: str) -> Listing:
    file_line = FILE_LINE.search(body)
    fence = FENCE.search(body)
    if not file_line or not fence:
        raise IssueError(
            "this issue has no listing in it. Use the form on the portal (List an opportunity), "
            "or fill in every section of the GitHub issue form"
        )
    path = file_line.group("path")
    check_file_name(path)
    return Listing(path, fence.group("text"))


# -- the GitHub issue form's body ------------------------------------------------------


def sections(body: str) -> dict[str, str]:
    """``### Label (field.path)`` sections by field path, with "No response" as empty."""
    found = {}
    for match in SECTION.finditer(body):
        key = re.search(r"\(([a-z_.]+)\)\s*$", match.group("label"))
        text = match.group("text").strip()
        found[key.group(1) if key else match.group("label").strip()] = "" if text == NO_RESPONSE else text
    return found


def section_labels(body: str) -> dict[str, str]:
    return {
        key.group(1): re.sub(r"\s*\([a-z_.]+\)\s*$", "", match.group("label")).strip()
        for match in SECTION.finditer(body)
        if (key := re.search(r"\(([a-z_.]+)\)\s*$", match.group("label")))
    }


def chosen_keys(text: str) -> list[str]:
    """Dropdown answers render as ``Label (key), Label (key)``: the keys, in order."""
    return re.findall(r"\(([^()]+)\)\s*(?:,|$)", text)


def ticked(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^\s*-\s*\[[xX]\]", line)]


def items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def number(text: str):
    text = text.strip()
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
        return float(text)
    return text


def web_address(text: str) -> str:
    """``www.example.org`` -> ``https://www.example.org``; the form does the same."""
    text = text.strip()
    return text if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) else "https://" + text


class FormReader:
    """Turns the issue form's sections into the data the web form would write."""

    def __init__(self, schema: dict, vocabularies: Vocabularies, organisations: dict[str, str], today: str):
        self.schema = schema
        self.vocabularies = vocabularies
        self.organisations = organisations  # slug -> name
        self.today = today
        props = schema["properties"]
        self.postcode = re.compile(props["locations"]["items"]["properties"]["postcode"]["pattern"].strip("^$"))
        apply = props["apply"]["properties"]
        self.email = re.compile(apply["email"]["pattern"])
        self.phone = re.compile(apply["phone"]["pattern"])

    def read(self, found: dict[str, str]) -> dict:
        get = lambda key: found.get(key, "").strip()  # noqa: E731
        data: dict = {}
        for key in ("title", "summary", "description", "training", "pathway"):
            if get(key):
                data[key] = get(key)
        data["organisation"] = self.organisation(get("organisation"))
        for key in ("activities", "settings", "suitable_for"):
            if chosen_keys(get(key)):
                data[key] = chosen_keys(get(key))
        if chosen_keys(get("gp_approach")):
            data["gp_approach"] = chosen_keys(get("gp_approach"))[0]
        locations = self.locations(get("locations"), chosen_keys(get("locations.area")))
        if locations:
            data["locations"] = locations
        if ticked(get("remote")):
            data["remote"] = True
        commitment = {}
        hours = get("commitment.hours_per_week")
        if hours:
            low_high = re.fullmatch(r"([0-9.]+)\s*(?:to|-|–)\s*([0-9.]+)", hours)
            commitment["hours_per_week"] = {"min": number(low_high[1]), "max": number(low_high[2])} if low_high else number(hours)
        if chosen_keys(get("commitment.schedule")):
            commitment["schedule"] = chosen_keys(get("commitment.schedule"))
        if chosen_keys(get("commitment.duration")):
            commitment["duration"] = chosen_keys(get("commitment.duration"))[0]
        if get("commitment.min_months"):
            commitment["min_months"] = number(get("commitment.min_months"))
        data["commitment"] = commitment
        requirements = {}
        if get("requirements.min_age"):
            requirements["min_age"] = number(get("requirements.min_age"))
        if chosen_keys(get("requirements.dbs_check")):
            requirements["dbs_check"] = chosen_keys(get("requirements.dbs_check"))[0]
        skills = [line.strip(" -*") for line in get("requirements.skills").splitlines() if line.strip(" -*")]
        if skills:
            requirements["skills"] = skills
        if requirements:
            data["requirements"] = requirements
        support = {}
        for line in ticked(get("support")):
            key = re.search(r"\(support\.([a-z_]+)\)", line)
            if key:
                support[key.group(1)] = True
        if get("support.notes"):
            support["notes"] = get("support.notes")
        if support:
            data["support"] = support
        access = {}
        if chosen_keys(get("access.wheelchair")):
            access["wheelchair"] = chosen_keys(get("access.wheelchair"))[0]
        if get("access.notes"):
            access["notes"] = get("access.notes")
        if access:
            data["access"] = access
        if get("languages"):
            data["languages"] = [self.language(name) for name in items(get("languages"))]
        data["apply"] = self.apply(get("apply"))
        data["posted"] = self.today
        if get("closes"):
            data["closes"] = get("closes")
        sessions = [self.session(part) for part in get("sessions").split(";") if part.strip()]
        if sessions:
            data["sessions"] = sessions
        if get("tags"):
            data["tags"] = items(get("tags"))
        return data

    def organisation(self, text: str) -> str:
        """A name or a short name; an unknown one is left for the build's check to explain."""
        if slugify(text) in self.organisations:
            return slugify(text)
        by_name = {name.casefold(): slug for slug, name in self.organisations.items()}
        if text.casefold() in by_name:
            return by_name[text.casefold()]
        close = difflib.get_close_matches(text.casefold(), list(by_name), n=1, cutoff=0.8)
        return by_name[close[0]] if close else text

    def language(self, name: str) -> str:
        """English, urdu or ur -> the code; anything else stays as written for the check."""
        labels = self.vocabularies.labels["languages"]
        if name.lower() in labels:
            return name.lower() if name.islower() else name
        for code, label in labels.items():
            if label.casefold() == name.casefold():
                return code
        return name

    def locations(self, text: str, areas: list[str]) -> list[dict]:
        places = []
        lines = [line.strip(" -*") for line in text.splitlines() if line.strip(" -*")]
        labels = self.vocabularies.labels["areas"]
        for line in lines:
            parts = [part.strip() for part in line.split(",") if part.strip()]
            place: dict = {"name": parts[0]}
            named = [key for key in areas if any(word.casefold() in (key, labels[key].casefold()) for word in parts[1:])]
            rest = parts[1:]
            if rest and self.postcode.fullmatch(rest[-1]):
                place["postcode"] = rest.pop()
            if rest:
                place["address"] = ", ".join(rest)
            area = areas[0] if len(areas) == 1 else (named[0] if len(named) == 1 else None)
            if area:
                place["area"] = area
            places.append(place)
        return places

    def apply(self, text: str) -> dict:
        found: dict = {}
        notes = []
        for line in text.splitlines():
            value = line.strip().strip("<>")
            if not value:
                notes.append("")
            elif "url" not in found and re.match(r"^(https?://|www\.)\S+$", value, re.I):
                found["url"] = web_address(value)
            elif "email" not in found and self.email.match(value.removeprefix("mailto:")):
                found["email"] = value.removeprefix("mailto:")
            elif "phone" not in found and self.phone.match(value):
                found["phone"] = value
            else:
                notes.append(line.rstrip())
        instructions = "\n".join(notes).strip()
        if instructions:
            found["instructions"] = instructions
        return found

    def session(self, text: str) -> dict:
        match = re.match(
            r"^\s*(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T]+(?P<start>[0-9]{1,2}:[0-9]{2})\s*(?:to|-|–)\s*(?:(?P<endday>[0-9]{4}-[0-9]{2}-[0-9]{2})[ T]+)?(?P<end>[0-9]{1,2}:[0-9]{2})\s*(?:,\s*(?P<where>.*))?$",
            text,
        )
        if not match:
            return {"start": text.strip(), "end": ""}
        start, end = match["start"].zfill(5), match["end"].zfill(5)
        session = {"start": f"{match['day']}T{start}", "end": f"{match['endday'] or match['day']}T{end}"}
        if match["where"]:
            session["location"] = match["where"].strip()
        return session


def from_issue_form(body: str, content: Path, settings: dict, vocabularies: Vocabularies) -> Listing:
    found = sections(body)
    if "title" not in found:
        raise IssueError(
            "this issue has no listing in it. Use the form on the portal (List an opportunity), "
            "or fill in every section of the GitHub issue form"
        )
    organisations = {}
    for path in sorted((content / "organisations").glob("*.yaml")):
        try:
            data = parse_yaml(path.read_text(encoding="utf-8")).data
        except (YamlProblem, OSError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            organisations[path.stem] = data["name"]
    schema = site_schema("opportunity", vocabularies)
    today = build_time(settings.get("TIMEZONE") or "Europe/London").date().isoformat()
    data = FormReader(schema, vocabularies, organisations, today).read(found)
    slug = free_slug(content, slugify(data.get("title", "")) or "listing")
    org = data["organisation"] if SLUG_PATTERN.match(data.get("organisation", "")) else None
    path = f"{FOLDER}{org + '/' if org else ''}{slug}.yaml"
    return Listing(path, yaml_text(schema, data, "Made from a GitHub issue. Lines starting with # are notes."), section_labels(body))


def free_slug(content: Path, slug: str) -> str:
    """A new listing from the issue form never replaces another: add -2, -3 … if the name is taken."""
    taken = {path.stem for path in (content / "opportunities").rglob("*.yaml")}
    candidate, number_ = slug, 2
    while candidate in taken:
        candidate, number_ = f"{slug}-{number_}", number_ + 1
    return candidate


# -- checking and writing -----------------------------------------------------------------


def read_listing(body: str, content: Path, settings: dict) -> Listing:
    vocabularies = Vocabularies(settings.get("PORTAL_VOCABULARIES"))
    if FILE_LINE.search(body) or FENCE.search(body):
        return from_form_body(body)
    return from_issue_form(body, content, settings, vocabularies)


def check(listing: Listing, content: Path, settings: dict) -> list[Problem]:
    """The build's own checks on a copy of the content folder with the listing in place."""
    if len(listing.text.encode("utf-8")) > MAX_FILE_BYTES:
        raise IssueError(f"the listing is longer than {MAX_FILE_BYTES // 1024} KB. Shorten the text")
    relative = listing.path.removeprefix("content/")
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "content"
        shutil.copytree(content, copy, symlinks=True)
        target = copy / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(listing.text, encoding="utf-8")
        result = load_content(copy, settings, build_site=False)
        shown = display_path(copy) + "/"  # how the loader names files in the copy
    mine = "content/" + relative
    problems = []
    for problem in result.errors:
        source = "content/" + problem.source.removeprefix(shown)
        if source == mine or mine in problem.message.replace(shown, "content/"):
            problems.append(Problem(mine, problem.line, problem.field, problem.message.replace(shown, "content/")))
    match = check_file_name(listing.path)
    organisation = _organisation_of(listing.text)
    if match["org"] and isinstance(organisation, str) and organisation != match["org"]:
        problems.append(Problem(mine, 1, "", f'the file is in the folder "{match["org"]}" but its organisation is "{organisation}". Put it in {FOLDER}{organisation}/'))
    return problems


def _organisation_of(text: str):
    try:
        data = parse_yaml(text).data
    except YamlProblem:
        return None
    return data.get("organisation") if isinstance(data, dict) else None


def write(listing: Listing, content: Path) -> Path:
    """Write the file inside the content folder's opportunities, refusing any way out of it."""
    base = (content / "opportunities").resolve()
    target = (content / listing.path.removeprefix("content/")).resolve()
    if base not in target.parents:
        raise IssueError(f'the file name "{listing.path}" points outside {FOLDER}')
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(listing.text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_content.from_issue", description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--json", metavar="FILE", help="also write what happened as JSON (path, title, problems) for the workflow")
    args = parser.parse_args(argv)
    content = Path(args.content)
    if not (content / "opportunities").is_dir():
        parser.error(f"there is no content folder with opportunities at {args.content!r}")
    settings = read_site_settings(args.settings if Path(args.settings).is_file() else None)
    body = sys.stdin.read().replace("\r\n", "\n")
    report = {"path": None, "title": None, "replaces": False, "problems": []}
    try:
        listing = read_listing(body, content, settings)
        report["path"] = listing.path
        report["replaces"] = (content / listing.path.removeprefix("content/")).exists()
        problems = check(listing, content, settings)
        report["problems"] = [listing.where(problem) for problem in problems]
        if not problems:
            write(listing, content)
            report["title"] = parse_yaml(listing.text).data.get("title")
    except IssueError as error:
        report["problems"] = [str(error)[:1].upper() + str(error)[1:]]
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if report["problems"]:
        for line in report["problems"]:
            print(line, file=sys.stderr)
        count = len(report["problems"])
        print(f"{count} problem{'s' if count != 1 else ''} found. Nothing was written.", file=sys.stderr)
        return 1
    print(f"{'Replaced' if report['replaces'] else 'Wrote'} {report['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(run_command(main))
