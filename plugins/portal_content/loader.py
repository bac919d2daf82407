"""Read → validate → model: the whole content folder in one pass.

Every file is read and checked before anything is built, so one run reports
every problem in every file. Only when there are no errors is the typed
:class:`~portal_content.model.Site` built.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson

from . import model
from .cache import BuildCache
from .environment import build_time
from .markup import render_markdown, unsafe_links
from .parallel import workers, workers_problem
from .places import (
    CREDITS,
    LICENCES,
    Box,
    Postcodes,
    district_area,
    main_towns,
    nearest_place,
    places_in,
    postcode_area,
    postcodes_for,
    split_postcode,
)
from .prefill import prefill
from .problems import Problem
from .schema import site_schema
from .slugs import SLUG_PATTERN
from .textrules import raw_text_problem, text_problems
from .timings import Laps
from .validate import (
    SchemaChecker,
    add_months,
    date_problems,
    json_ready,
    link_problems,
    opportunity_problems,
    parse_date,
    text_line,
)
from .vocabularies import SCHEDULE_TIMES, Vocabularies
from .yamlsafe import YamlDocument, YamlProblem, decode, format_path, parse_yaml

# First parts of the site's own addresses (CONTENT-FORMAT.md): a content page there would clash.
RESERVED_SLUGS = {
    "activities", "api", "areas", "contributing", "embed", "feeds", "near", "opportunities", "organisations",
    "pagefind", "partners", "principles", "search", "sessions", "settings", "shortlist", "stats", "submit", "theme",
}
MAX_BODY_CHARS = 20_000  # a principle's or page's Markdown; the longest real page is about 3,600
LINK_MESSAGE = "this is a symbolic link; the build does not follow links. Put the file itself here instead"
# A location's locality (schema.org addressLocality) is the nearest place at least this big,
# so a hospital on a city's edge is "Leeds", not the hamlet next to it.
LOCALITY_MIN_POPULATION = 1000
PRINCIPLE_NAME = re.compile(r"^(?:(\d+)-)?([a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass
class LoadResult:
    """What a load found: the site (when there were no errors) and every problem."""

    site: model.Site | None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # files read: opportunities, open, organisations, principles

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]


def display_path(path: Path) -> str:
    """The path as the person sees it in their project: relative to where they run the build."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class _File:
    kind: str
    slug: str
    source: str
    path: Path
    document: YamlDocument | None = None
    body: str = ""
    body_line: int = 1  # the file line the Markdown body starts on (principles)
    raw: bytes = b""
    checked: list[Problem] | None = None  # from the build cache: what _checked found last time
    data_json: bytes = b""  # the fields as JSON, set just before the model is made (see _compact)


class ContentLoader:
    """Loads one content folder with one site's settings."""

    def __init__(self, content_path: str | Path, settings: dict, cache: BuildCache | None = None):
        self.cache = cache or BuildCache(None, "")
        self.content_path = Path(content_path)
        self.shown_path = display_path(self.content_path)  # resolved once: per-file resolving is slow
        self.vocabularies = Vocabularies(settings.get("PORTAL_VOCABULARIES"))
        self.timezone = settings.get("TIMEZONE") or "Europe/London"
        self.now = build_time(self.timezone)
        self.today = self.now.date()
        self.checkers = {
            kind: SchemaChecker(site_schema(kind, self.vocabularies))
            for kind in ("opportunity", "organisation", "principle", "page")
        }
        self.problems: list[Problem] = []
        # The region's postcode areas: their districts are what the Near box and the place list cover.
        self.region_areas = {area.upper() for area in settings.get("PORTAL_POSTCODE_AREAS") or ()}
        self.places_margin = float(settings.get("PORTAL_PLACES_MARGIN_MILES", 5))
        self.town_population = int(settings.get("PORTAL_NEAR_TOWN_POPULATION", 20_000))
        self.postcodes: Postcodes | None = None
        self.page_url = settings.get("PAGE_URL") or "{slug}.html"
        self.processes = 1 if workers_problem(settings) else workers(settings)  # PORTAL_WORKERS: 2 or more reads on two cores

    # -- reading -------------------------------------------------------------

    def _files(self, folder: str, suffix: str, kind: str, sub_folders: bool = False) -> list[_File]:
        """The files of one kind; anything else there is reported, never silently skipped.

        Symbolic links are refused, not followed: a link could publish a file from
        outside the content folder, or echo another file's text into CI logs.
        """
        base = self.content_path / folder
        if base.is_symlink():
            self.problems.append(Problem(f"{self.shown_path}/{folder}", 1, "", LINK_MESSAGE))
            return []
        if not base.is_dir():
            return []
        found = []
        for path in self._walk(base):
            relative = path.relative_to(base)
            if any(part.startswith(".") for part in relative.parts):
                continue  # hidden files such as .gitkeep or .DS_Store
            source = f"{self.shown_path}/{path.relative_to(self.content_path).as_posix()}"
            stem = path.name.rsplit(".", 1)[0]
            if path.is_symlink():
                self.problems.append(Problem(source, 1, "", LINK_MESSAGE))
                continue
            if path.is_dir():  # only folders named like a content file come here
                self.problems.append(Problem(source, 1, "", f"this is a folder, but its name ends in {path.suffix} like a content file. Rename it"))
                continue
            if not path.is_file():
                self.problems.append(Problem(source, 1, "", "this is not an ordinary file (it is a pipe, socket or device). Remove it"))
                continue
            if path.suffix == ".yml" and suffix == ".yaml":
                self.problems.append(Problem(source, 1, "", "rename the file to end in .yaml (not .yml) so the build reads it"))
                continue
            if path.suffix != suffix:
                self.problems.append(
                    Problem(source, 1, "", f"the build only reads files ending in {suffix} here. Rename the file to end in {suffix}, or move it out of {folder}/")
                )
                continue
            if len(relative.parts) > 1 and not sub_folders:
                self.problems.append(
                    Problem(source, 1, "", f"{kind} files go straight in {folder}/, not in a sub-folder. Move the file up one level")
                )
                continue
            name_pattern = PRINCIPLE_NAME if kind == "principle" else SLUG_PATTERN
            match = name_pattern.match(stem)
            if not match:
                suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-file"
                self.problems.append(
                    Problem(source, 1, "", f"the file name '{path.name}' can only use lowercase letters, digits and single hyphens. Rename it to '{suggestion}{path.suffix}'")
                )
                continue
            found.append(_File(kind, stem, source, path))
        return found

    def _walk(self, base: Path) -> list[Path]:
        """Every file, link and special file under ``base`` (not following links), plus folders named
        like content files; a folder that cannot be read is reported."""
        found = []

        def unreadable(error: OSError) -> None:
            shown = f"{self.shown_path}/{Path(error.filename).relative_to(self.content_path).as_posix()}"
            self.problems.append(Problem(shown, 1, "", f"cannot read this folder: {error.strerror}. Fix its permissions"))

        for folder, folders, files in os.walk(base, onerror=unreadable):
            here = Path(folder)
            for name in list(folders):
                path = here / name
                if path.is_symlink() or Path(name).suffix in {".yaml", ".yml", ".md"}:
                    found.append(path)
                    folders.remove(name)
            found += [here / name for name in files]
        return sorted(found)

    def _read(self, item: _File) -> bool:
        try:
            item.raw = item.path.read_bytes()
            cached = self.cache.get(f"{item.kind}:{item.source}", item.raw)
            if cached is not None:
                item.document, item.body, item.body_line, item.checked = cached
                return True
            text = decode(item.raw)
            raw = raw_text_problem(text)
            if raw:
                raise YamlProblem(*raw)
            if item.kind in ("principle", "page"):
                whole = text
                text, item.body, offset = split_front_matter(text)
                item.body_line = whole[: len(whole) - len(item.body)].count("\n") + 1
                document = parse_yaml(text, offset) if text.strip() else YamlDocument(data={}, lines={(): 1})
            else:
                document = parse_yaml(text)
        except YamlProblem as problem:
            self.problems.append(Problem(item.source, problem.line, "", problem.message))
            return False
        except OSError as error:
            self.problems.append(Problem(item.source, 1, "", f"cannot read the file: {error.strerror}"))
            return False
        if not isinstance(document.data, dict):
            what = "a list" if isinstance(document.data, list) else "a single value"
            self.problems.append(
                Problem(item.source, 1, "", f"expected fields like 'title: ...' at the top level, got {what}. Start each line with a field name")
            )
            return False
        document.data = json_ready(document.data)
        item.document = document
        return True

    def prepare(self, item: _File, build_site: bool) -> None:
        """Read and check one file, and render the Markdown the model will show: all of it kept in the build cache
        (see :mod:`.prefill`), for the serial pass to find."""
        if not self._read(item):
            return
        self._checked(item.kind, item)
        if not build_site:
            return
        data, texts = item.document.data, []  # what _organisation, _opportunity and _principle render
        if item.kind == "organisation":
            texts = [data.get("description")]
        elif item.kind == "opportunity":
            support = data.get("support")
            texts = [data.get("description"), data.get("training"), support.get("notes") if isinstance(support, dict) else None]
        elif item.kind == "principle":
            texts = [item.body]
        for text in texts:
            if isinstance(text, str):
                self._markdown(text)

    # -- the whole load ------------------------------------------------------

    def load(self, build_site: bool = True) -> LoadResult:
        """Read and check every file; build the site model too unless ``build_site`` is false."""
        laps = Laps()
        organisations = self._files("organisations", ".yaml", "organisation")
        opportunities = self._files("opportunities", ".yaml", "opportunity", sub_folders=True)
        principles = self._files("principles", ".md", "principle")
        pages = self._files("pages", ".md", "page")
        if prefill(self, organisations + opportunities + principles + pages, build_site, self.processes):
            laps.lap("content: read, check and render on two cores (prefill)")
        organisations = [item for item in organisations if self._read(item)]
        opportunities = [item for item in opportunities if self._read(item)]
        principles = [item for item in principles if self._read(item)]
        laps.lap("content: read")

        organisation_slugs = {item.slug for item in organisations}
        for item in organisations:
            self.problems += self._checked("organisation", item)
            self.problems += link_problems("organisation", item.document.data, item.document, item.source)
        self._check_unique(opportunities, "opportunity", "content/opportunities/")
        for item in opportunities:
            data, document = item.document.data, item.document
            self.problems += self._checked("opportunity", item)
            self.problems += opportunity_problems(data, document, item.source, organisation_slugs, self.today)
        self._check_postcodes(opportunities)
        for item in principles:
            self.problems += self._checked("principle", item)
            self._body_problems(item, "principle")
        pages = [item for item in pages if self._read(item)]
        for item in pages:
            self.problems += self._checked("page", item)
            self._body_problems(item, "page")
            slug = page_slug(item)
            if slug in RESERVED_SLUGS:
                self.problems.append(
                    Problem(item.source, item.document.line_of(("slug",)), "slug" if "slug" in item.document.data else "",
                            f"the address /{slug}/ is already used by the site's own pages. Choose another slug, or rename the file")
                )
        self._check_unique(pages, "page", "content/pages/", key=page_slug)
        self._check_unique(principles, "principle", "content/principles/", key=principle_slug)

        self.problems.sort()
        laps.lap("content: validate")
        closed = sum(1 for item in opportunities if (parse_date(item.document.data.get("closes")) or self.today) < self.today)
        counts = {
            "opportunities": len(opportunities),
            "open": len(opportunities) - closed,
            "organisations": len(organisations),
            "principles": len(principles),
        }
        if not build_site or any(not problem.warning for problem in self.problems):
            return LoadResult(None, self.problems, counts)
        page_paths = {page_slug(item): self.page_url.format(slug=page_slug(item)) for item in pages}
        site = self._build(organisations, opportunities, principles, page_paths)
        laps.lap("content: model (Markdown)")
        return LoadResult(site, self.problems, counts)

    def _checked(self, kind: str, item: _File) -> list[Problem]:
        """Text rules and date ranges first; the schema then skips the values they refused, so each is reported once.

        A pure function of the file: kept in the build cache with the parsed file.
        """
        if item.checked is not None:
            return list(item.checked)
        data, document = item.document.data, item.document
        found = text_problems(kind, data, document, item.source, lambda path, text, offset: text_line(document, path, text, offset))
        found += date_problems(kind, data, document, item.source)
        found += self.checkers[kind].problems(data, document, item.source, skip={problem.field for problem in found})
        self.cache.put(f"{item.kind}:{item.source}", item.raw, (item.document, item.body, item.body_line, found))
        return found

    def _body_problems(self, item: _File, kind: str) -> None:
        """A principle's or page's Markdown: not empty, not too long, no unsafe links."""
        if not item.body.strip():
            self.problems.append(Problem(item.source, 1, "", f"the {kind} has no text. Write it below the front matter"))
        elif len(item.body.strip()) > MAX_BODY_CHARS:
            first_line = item.body_line + item.body[: len(item.body) - len(item.body.lstrip())].count("\n")
            self.problems.append(
                Problem(item.source, first_line, "", f"the text is {len(item.body.strip())} characters long; the limit is {MAX_BODY_CHARS}. Make it shorter or split it")
            )
        for offset, link in unsafe_links(item.body):
            line = item.body_line + item.body.count("\n", 0, offset)
            self.problems.append(Problem(item.source, line, "", f'links must start with https://, mailto: or tel:, got "{link}"'))

    def _check_unique(self, items: list[_File], kind: str, where: str, key=lambda item: item.slug) -> None:
        first_seen: dict[str, _File] = {}
        for item in items:
            slug = key(item)
            if slug in first_seen:
                self.problems.append(
                    Problem(item.source, 1, "", f"the {kind} name '{slug}' is already used by {first_seen[slug].source}. Names must be unique across {where}: rename one of the files")
                )
            else:
                first_seen[slug] = item

    def _check_postcodes(self, opportunities: list[_File]) -> None:
        """Each location's postcode against OS Code-Point Open (read once, only the areas needed).

        A district that does not exist is an error; a well-formed postcode the data does not
        hold is a warning (its sector's or district's centre is used); BT has no data.
        """
        wanted = []
        for item in opportunities:
            locations = item.document.data.get("locations")
            for index, place in enumerate(locations if isinstance(locations, list) else []):
                text = place.get("postcode") if isinstance(place, dict) else None
                if isinstance(text, str) and split_postcode(text):
                    wanted.append((item, index, text))
        areas = self.region_areas | {postcode_area(text) for _, _, text in wanted}
        if not areas:
            return
        self.postcodes = postcodes_for(frozenset(areas))
        for item, index, text in wanted:
            message, error = self.postcodes.check(text)
            if message:
                path = ("locations", index, "postcode")
                self.problems.append(Problem(item.source, item.document.line_of(path), format_path(path), message, warning=not error))

    def _geography(self, opportunities: list[model.Opportunity]) -> model.Geography:
        """Positions for every location, the region's district centres and its place names."""
        postcodes = self.postcodes
        if postcodes is None:
            return model.Geography(None, {}, [], [], CREDITS, LICENCES)
        located = [location for opportunity in opportunities for location in opportunity.locations if location.postcode]
        for location, found in zip(located, postcodes.lookup_many([location.postcode for location in located]), strict=True):
            location.point, location.precision = found.point, found.precision
        region = [district for district in postcodes.districts if district_area(district) in self.region_areas]
        content = {location.postcode.split(" ")[0] for location in located if location.point}
        wanted = sorted(set(region) | content)
        centres = dict(zip(wanted, postcodes.points([postcodes.centres[district] for district in wanted]), strict=True))
        box = Box.around([centres[district] for district in (region or wanted)], self.places_margin)
        places = places_in(box)
        for location in located:
            if location.point:
                location.locality = self.cache.remember("locality", repr((box, location.point)), lambda point=location.point: _locality(point, places))
        towns = main_towns(places, [centres[district] for district in (region or wanted)], self.town_population)
        return model.Geography(postcodes, centres, places, towns, CREDITS, LICENCES)

    # -- the model -----------------------------------------------------------

    def _build(self, organisations, opportunities, principles, page_paths: dict[str, str]) -> model.Site:
        for item in organisations + opportunities:
            _compact(item)
        orgs = {item.slug: self._organisation(item) for item in organisations}
        built = [self._opportunity(item, orgs) for item in opportunities]
        built.sort(key=lambda opp: (-opp.posted.toordinal(), opp.title.lower(), opp.slug))
        for opportunity in built:
            opportunity.organisation.opportunities.append(opportunity)
        built_principles = sorted((self._principle(item) for item in principles), key=lambda p: (p.order, p.slug))
        geography = self._geography(built)
        return model.Site(
            build_date=self.today,
            build_time=self.now,
            vocabularies=self.vocabularies,
            organisations=sorted(orgs.values(), key=lambda org: (org.name.lower(), org.slug)),
            opportunities=built,
            principles=built_principles,
            geography=geography,
            page_paths=page_paths,
        )

    def _organisation(self, item: _File) -> model.Organisation:
        data, terms = orjson.loads(item.data_json), self.vocabularies
        contact = data.get("contact") or {}
        return model.Organisation(
            slug=item.slug,
            name=data["name"].strip(),
            sector=terms.term("sectors", data["sector"]),
            areas=[terms.term("areas", key) for key in data["areas"]],
            website=data["website"],
            description_html=self._markdown(data.get("description")),
            contact_email=contact.get("email"),
            contact_phone=contact.get("phone"),
            principles_adopted=parse_date(data.get("principles_adopted")),
            source=item.source,
            data_json=item.data_json,
        )

    def _opportunity(self, item: _File, organisations: dict[str, model.Organisation]) -> model.Opportunity:
        data, terms = orjson.loads(item.data_json), self.vocabularies
        commitment = data["commitment"]
        hours = commitment.get("hours_per_week")
        if isinstance(hours, dict):
            hours = model.Hours(hours.get("min"), hours.get("max"))
        elif hours is not None:
            hours = model.Hours(hours, hours)
        requirements = data.get("requirements") or {}
        support = data.get("support") or {}
        access = data.get("access") or {}
        apply = data["apply"]
        posted = parse_date(data["posted"])
        closes = parse_date(data.get("closes"))
        zone = ZoneInfo(self.timezone)
        locations = [
            model.Location(loc["name"], loc.get("address"), normalise_postcode(loc.get("postcode")), terms.term("areas", loc["area"]))
            for loc in data.get("locations") or []
        ]
        return model.Opportunity(
            slug=item.slug,
            title=data["title"].strip(),
            organisation=organisations[data["organisation"]],
            summary=" ".join(data["summary"].split()),
            description_html=self._markdown(data["description"]),
            activities=[terms.term("activities", key) for key in data["activities"]],
            settings=[terms.term("settings", key) for key in data["settings"]],
            gp_approach=terms.term("gp_approaches", data["gp_approach"]) if data.get("gp_approach") else None,
            locations=locations,
            remote=bool(data.get("remote", False)),
            commitment=model.Commitment(
                hours_per_week=hours,
                schedule=[terms.term("schedules", key) for key in commitment["schedule"]],
                duration=terms.term("durations", commitment["duration"]),
                min_months=commitment.get("min_months"),
                times=self._times(commitment.get("times") or []),
                day_parts=self._times(commitment.get("times") or [key for name in commitment["schedule"] for key in SCHEDULE_TIMES.get(name, ())]),
            ),
            requirements=model.Requirements(
                min_age=requirements.get("min_age"),
                dbs_check=terms.term("dbs_checks", requirements.get("dbs_check", "none")),
                skills=list(requirements.get("skills") or []),
            ),
            training_html=self._markdown(data.get("training")),
            support=model.Support(support.get("expenses"), support.get("supported_volunteering"), self._markdown(support.get("notes"))),
            access=model.Access(terms.term("wheelchair", access["wheelchair"]) if access.get("wheelchair") else None, access.get("notes")),
            suitable_for=[terms.term("suitable_for", key) for key in data.get("suitable_for") or []],
            pathway=data.get("pathway"),
            languages=[terms.term("languages", key) for key in data.get("languages") or []],
            apply=model.Apply(apply.get("url"), apply.get("email"), apply.get("phone"), apply.get("instructions")),
            posted=posted,
            closes=closes,
            review_by=parse_date(data.get("review_by")) or add_months(posted, 6),
            sessions=[
                model.Session(
                    datetime.fromisoformat(session["start"]).replace(tzinfo=zone),
                    datetime.fromisoformat(session["end"]).replace(tzinfo=zone),
                    session.get("location"),
                    model.session_place(session.get("location"), locations),
                )
                for session in data.get("sessions") or []
            ],
            tags=list(data.get("tags") or []),
            is_open=closes is None or closes >= self.today,
            source=item.source,
            data_json=item.data_json,
        )

    def _markdown(self, text: str | None) -> str:
        return self.cache.markdown(text, render_markdown)

    def _times(self, keys) -> list[model.Term]:
        """Day-parts in week order (Monday morning first), each once."""
        wanted = set(keys)
        return [term for term in self.vocabularies.terms("times") if term.key in wanted]

    def _principle(self, item: _File) -> model.Principle:
        data = item.document.data
        number, _ = PRINCIPLE_NAME.match(item.slug).groups()
        order = data.get("order")
        if order is None:
            order = int(number) if number else 0
        return model.Principle(
            slug=principle_slug(item),
            title=data["title"].strip(),
            summary=" ".join(data["summary"].split()),
            order=order,
            body_html=self._markdown(item.body),
            source=item.source,
        )


def _locality(point, places) -> str | None:
    nearest = nearest_place(point, places, LOCALITY_MIN_POPULATION)
    return nearest.name if nearest else None


def page_slug(item: _File) -> str:
    """The page's address: its Slug, else its file name (SLUGIFY_SOURCE = "basename")."""
    data = item.document.data if item.document else {}
    return data["slug"] if isinstance(data.get("slug"), str) else item.slug


def principle_slug(item: _File) -> str:
    data = item.document.data if item.document else {}
    if isinstance(data.get("slug"), str):
        return data["slug"]
    return PRINCIPLE_NAME.match(item.slug).group(2)


def normalise_postcode(postcode: str | None) -> str | None:
    """``ls97tf`` -> ``LS9 7TF``: the form people and maps expect."""
    if not postcode:
        return None
    compact = postcode.replace(" ", "").upper()
    return f"{compact[:-3]} {compact[-3:]}"


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Split a principle into (front matter as YAML, Markdown body, line offset).

    Accepts YAML front matter between ``---`` lines, or Pelican-style
    ``Key: value`` lines ending at the first blank line.
    """
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in {"---", "..."}:
                return "".join(lines[1:index]), "".join(lines[index + 1 :]), 1
        raise YamlProblem(1, "the front matter starts with '---' but has no closing '---' line")
    header = []
    for line in lines:
        if not line.strip():
            break
        if not re.match(r"^[A-Za-z_]+\s*:", line):
            return "", text, 0
        key, _, value = line.partition(":")
        value = value.strip()
        header.append(f"{key.strip().lower()}: {quote_scalar(value, key.strip().lower())}\n")
    return "".join(header), "".join(lines[len(header) :]), 0


def quote_scalar(value: str, key: str) -> str:
    if key == "order" and value.isdigit():
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _compact(item: _File) -> None:
    """Keep the file's fields as JSON (open data publishes them) and free the parsed file and its bytes.

    The model is made afterwards from a copy decoded from that JSON: it fills the memory the parsed files
    leave instead of taking more beside it, and holds none of their objects, which would keep that memory
    pinned (Python gives a block of memory back only when nothing in it is left).
    """
    # A copy the JSON's size: orjson's own bytes keep the buffer it grew, about 8 times as long (16 kB for 2 kB).
    item.data_json = bytes(memoryview(orjson.dumps({"slug": item.slug, **item.document.data})))
    item.document, item.raw = None, b""


def load_content(content_path, settings: dict, build_site: bool = True, cache: BuildCache | None = None) -> LoadResult:
    """Load and validate a content folder; ``result.site`` is ``None`` when there are errors.

    The check command passes ``build_site=False``: the model adds no checks, and
    rendering every Markdown field is most of its cost.
    """
    return ContentLoader(content_path, settings, cache).load(build_site)

