"""Write N synthetic, valid, varied opportunities (and their organisations) into a content folder.

Deterministic for a given seed, so two runs give the same files. The mix is
like real content: sub-folders per organisation, one to three locations or
remote, hour ranges, dated sessions, closed ones, Markdown with lists and links.

    python benchmarks/generate.py --n 1000 --out /tmp/content-1000
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from portal_content.vocabularies import DEFAULT_VOCABULARIES as VOCAB  # noqa: E402

# The date the benchmark builds as (run.py sets SOURCE_DATE_EPOCH to it).
REFERENCE_DAY = date(2026, 11, 26)
PLACES = {
    "bradford": [("Manningham General Hospital", "BD9 6RJ"), ("Keighley Community Hub", "BD21 3JD")],
    "calderdale": [("Halifax Royal Infirmary", "HX3 0PW"), ("Todmorden Health Centre", "OL14 5RN")],
    "kirklees": [("Huddersfield Royal", "HD3 3EA"), ("Dewsbury Library", "WF13 1AS")],
    "leeds": [("St Aidan's Hospital", "LS9 7TF"), ("Armley Community Centre", "LS12 3LJ")],
    "wakefield": [("Pinderfields Hospital", "WF1 4DG"), ("Castleford Civic Centre", "WF10 1BB")],
}
# Sites per area, real postcodes from OS Code-Point Open (portal_content.places), so positions, the
# /near/ pages and the Near box's data are as varied as real content: SITES_PER_AREA distinct
# places per area, shared by the roles there (a hospital or a community centre hosts many roles).
POSTCODE_AREAS = {"bradford": "BD", "calderdale": "HX", "kirklees": "HD", "leeds": "LS", "wakefield": "WF"}
SITES_PER_AREA = 400


def sites(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    from portal_content.places import Postcodes

    found = {}
    for area, postcode_area in POSTCODE_AREAS.items():
        postcodes = sorted(Postcodes([postcode_area]).units)
        found[area] = [(f"Community site {number}", rng.choice(postcodes)) for number in range(1, SITES_PER_AREA + 1)]
    return found


ROLES = ["Ward companion", "Garden helper", "Driver", "Welcome volunteer", "Peer supporter", "Digital buddy",
         "Walk leader", "Fundraising helper", "Research panel member", "Café volunteer", "Mentor", "Phone befriender"]
WORDS = ["patients", "visitors", "people", "community", "practice", "team", "support", "listen", "help", "time", "friendly", "local", "weekly", "wellbeing", "confidence", "skills", "training", "lonely", "health", "care", "kind", "calm", "safe", "welcome"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def organisation(rng: random.Random, index: int) -> tuple[str, str]:
    slug = f"bench-org-{index:04d}"
    areas = sorted(rng.sample(sorted(PLACES), rng.randint(1, 3)))
    text = f"""name: Benchmark organisation {index}
sector: {rng.choice(sorted(VOCAB['sectors']))}
areas:
{''.join(f'  - {area}' + chr(10) for area in areas)}website: https://org{index}.example.org.uk
description: |
  {sentence(rng, 20)}

  {sentence(rng, 25)} Read more on [our site](https://org{index}.example.org.uk/about).
contact:
  email: volunteer@org{index}.example.org.uk
  phone: "0113 496 {index % 10000:04d}"
principles_adopted: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
"""
    return slug, text


def opportunity(rng: random.Random, index: int, org_slug: str, org_number: int, places=PLACES) -> str:
    settings = rng.sample(sorted(VOCAB["settings"]), rng.randint(1, 2))
    lines = [
        f"title: {rng.choice(ROLES)} {index}",
        f"organisation: {org_slug}",
        f"summary: {sentence(rng, rng.randint(8, 20))}",
        "description: |",
        f"  {sentence(rng, 30)}",
        "",
        "  You will:",
        "",
        *(f"  - {sentence(rng, 6)}" for _ in range(rng.randint(2, 5))),
        "",
        f"  {sentence(rng, 25)} See [how we work](https://org{org_number}.example.org.uk/how).",
        "activities:",
        *(f"  - {key}" for key in rng.sample(sorted(VOCAB["activities"]), rng.randint(1, 3))),
        "settings:",
        *(f"  - {key}" for key in settings),
    ]
    if "general-practice" in settings:
        lines.append(f"gp_approach: {rng.choice(sorted(VOCAB['gp_approaches']))}")
    if rng.random() < 0.15:
        lines.append("remote: true")
    else:
        lines.append("locations:")
        for area in rng.sample(sorted(places), rng.randint(1, 3)):
            name, postcode = rng.choice(places[area])
            lines += [f"  - name: {name}", f"    address: {rng.randint(1, 200)} High Street", f"    postcode: {postcode}", f"    area: {area}"]
    duration = rng.choice(sorted(VOCAB["durations"]))
    lines += ["commitment:"]
    if rng.random() < 0.5:
        lines.append(f"  hours_per_week: {rng.randint(1, 8)}")
    else:
        low = rng.randint(1, 4)
        lines += ["  hours_per_week:", f"    min: {low}", f"    max: {low + rng.randint(1, 4)}"]
    lines += ["  schedule:", *(f"    - {key}" for key in rng.sample(sorted(VOCAB["schedules"]), rng.randint(1, 3))),
              f"  duration: {duration}"]
    if duration == "ongoing":
        lines.append(f"  min_months: {rng.randint(1, 12)}")
    lines += ["requirements:", f"  min_age: {rng.choice([14, 16, 18])}", f"  dbs_check: {rng.choice(sorted(VOCAB['dbs_checks']))}",
              "  skills:", f"    - {sentence(rng, 4)}"]
    lines += ["training: |", f"  {sentence(rng, 20)}", "support:", f"  expenses: {rng.choice(['true', 'false'])}",
              "  notes: |", f"    {sentence(rng, 15)}", "access:", f"  wheelchair: \"{rng.choice(sorted(VOCAB['wheelchair']))}\"",
              f"  notes: {sentence(rng, 8)}"]
    lines += ["suitable_for:", *(f"  - {key}" for key in rng.sample(sorted(VOCAB["suitable_for"]), rng.randint(1, 3)))]
    if rng.random() < 0.3:
        lines.append(f"pathway: {sentence(rng, 12)}")
    lines += ["languages:", "  - en", *(f"  - {key}" for key in rng.sample(["ur", "pa", "pl", "bn", "ar"], rng.randint(0, 2)))]
    lines += ["apply:"]
    channel = rng.random()
    if channel < 0.6:
        lines.append(f"  url: https://org{org_number}.example.org.uk/apply/{index}")
    if channel >= 0.4:
        lines.append(f"  email: apply{index}@org{org_number}.example.org.uk")
    if channel >= 0.8:
        lines.append(f'  phone: "0113 496 {index % 10000:04d}"')
    lines.append(f"  instructions: {sentence(rng, 10)}")
    posted = REFERENCE_DAY - timedelta(days=rng.randint(0, 170))
    lines.append(f"posted: {posted.isoformat()}")
    if rng.random() < 0.3:
        lines.append(f"closes: {(posted + timedelta(days=rng.randint(10, 120))).isoformat()}")
    if duration == "one-off" and rng.random() < 0.7:
        lines.append("sessions:")
        for number in range(rng.randint(1, 3)):
            day = REFERENCE_DAY + timedelta(days=rng.randint(1, 90) + number)
            lines += [f"  - start: {day.isoformat()}T10:00", f"    end: {day.isoformat()}T12:30", f"    location: {sentence(rng, 3)}"]
    lines += ["tags:", *(f"  - {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(rng.randint(1, 3)))]
    return "\n".join(lines) + "\n"


PRINCIPLE = """---
title: Principle {number}
summary: {summary}
---
{body}
"""


def generate(out: Path, n: int, seed: int = 1) -> Path:
    """Write the content folder ``out`` (created; must not hold other content) and return it."""
    rng = random.Random(seed)
    organisations = max(12, n // 40)
    for folder in ("organisations", "opportunities", "principles", "pages"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    places = sites(random.Random(seed))
    org_slugs = []
    for index in range(organisations):
        slug, text = organisation(rng, index)
        (out / "organisations" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        org_slugs.append(slug)
    for index in range(n):
        org_number = rng.randrange(organisations)
        folder = out / "opportunities" / org_slugs[org_number]
        folder.mkdir(exist_ok=True)
        text = opportunity(rng, index, org_slugs[org_number], org_number, places)
        (folder / f"bench-opportunity-{index:05d}.yaml").write_text(text, encoding="utf-8")
    for number in range(1, 7):
        text = PRINCIPLE.format(number=number, summary=sentence(rng, 10), body=sentence(rng, 40))
        (out / "principles" / f"{number:02d}-principle-{number}.md").write_text(text, encoding="utf-8")
    (out / "pages" / "about.md").write_text("Title: About\nSlug: about\n\nA benchmark site.\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of opportunities (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="content folder to write")
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)
    print(f"wrote {args.n} opportunities to {args.out}")


if __name__ == "__main__":
    main()
