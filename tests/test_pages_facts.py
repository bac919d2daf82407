"""Every fact list on opportunity, organisation and list pages, row by row, against the content files.

The facts are decided in Python (portal_content.facts) and only printed by the templates;
these tests read the YAML themselves (helpers_yaml_model) and spell out the wording the
content format promises, so a fact that goes missing, moves or changes its words fails here.
"""

from __future__ import annotations

import pytest
from helpers_pages import page
from helpers_yaml_model import read_site

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@pytest.fixture(scope="module")
def model():
    return read_site()


def long_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def number(value) -> str:
    return f"{value:g}"


def hours_text(hours) -> str:
    if hours is None:
        return ""
    unit = lambda value: "hour" if value == 1 else "hours"  # noqa: E731
    if hours.low is not None and hours.high is not None:
        if hours.low == hours.high:
            return f"About {number(hours.low)} {unit(hours.low)} a week"
        return f"{number(hours.low)} to {number(hours.high)} hours a week"
    if hours.low is not None:
        return f"At least {number(hours.low)} {unit(hours.low)} a week"
    return f"Up to {number(hours.high)} {unit(hours.high)} a week"


def words(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def time_text(opportunity, vocabularies) -> str:
    commitment = opportunity.data["commitment"]
    schedule = [vocabularies.term("schedules", key).label.lower() for key in commitment.get("schedule") or []]
    parts = [hours_text(opportunity.commitment.hours_per_week), words(schedule, "or") if schedule else "", opportunity.commitment.duration.label.lower()]
    text = ", ".join(part for part in parts if part)
    return text[0].upper() + text[1:]


def labels(vocabularies, name: str, keys) -> str:
    return ", ".join(vocabularies.term(name, key).label for key in keys or [])


def rows(element) -> list[tuple[str, str]]:
    return [(row.one("dt").text, row.one("dd").text) for row in element.find_all("div", class_="summary-list__row")]


def expected_key_facts(opportunity, vocabularies) -> list[tuple[str, str]]:
    data = opportunity.data
    places = (["From home or online."] if opportunity.remote else []) + [
        " ".join(str(place[field]) for field in ("name", "address", "postcode") if place.get(field)) for place in data.get("locations") or []
    ]
    months = data["commitment"].get("min_months")
    time_needed = time_text(opportunity, vocabularies) + (f" At least {months} month{'s' if months != 1 else ''}" if months else "")
    setting = labels(vocabularies, "settings", data["settings"])
    if data.get("gp_approach"):
        setting += f" ({vocabularies.term('gp_approaches', data['gp_approach']).label})"
    if opportunity.is_open:
        closing = f"Apply by {long_date(opportunity.closes)}" if opportunity.closes else "No closing date"
    else:
        closing = f"Closed on {long_date(opportunity.closes)}"
    return [
        ("Organisation", opportunity.organisation.name),
        ("Area", ", ".join(term.label for term in opportunity.areas)),
        ("Where", " ".join(places)),
        ("Time needed", time_needed),
        ("Kind of volunteering", labels(vocabularies, "activities", data["activities"])),
        ("Setting", setting),
        ("Closing date", closing),
    ]


def expected_needs(opportunity) -> list[tuple[str, str]]:
    requirements = opportunity.data.get("requirements") or {}
    found = []
    if requirements.get("min_age"):
        found.append(("Age", f"You need to be {requirements['min_age']} or over"))
    dbs = opportunity.requirements.dbs_check
    if dbs.key != "none":
        found.append(("Criminal record check", f"{dbs.label} needed. What a DBS check is, who pays and how long it takes"))
    if requirements.get("skills"):
        found.append(("Skills and experience", " ".join(requirements["skills"])))
    return found


def expected_support(opportunity, vocabularies) -> list[tuple[str, str]]:
    support, access = opportunity.data.get("support") or {}, opportunity.data.get("access") or {}
    found = []
    if support.get("expenses") is not None:
        found.append(("Expenses", "Out-of-pocket expenses paid" if support["expenses"] else "Expenses are not paid"))
    if support.get("supported_volunteering"):
        found.append(("Supported volunteering", "Extra support is available for people who need it to take part"))
    if support.get("notes"):
        found.append(("Support", " ".join(support["notes"].split())))
    if access.get("wheelchair"):
        found.append(("Wheelchair access", vocabularies.term("wheelchair", access["wheelchair"]).label))
    if access.get("notes"):
        found.append(("Access", " ".join(access["notes"].split())))
    if opportunity.data.get("languages"):
        found.append(("Languages", labels(vocabularies, "languages", opportunity.data["languages"])))
    return found


def section(main, heading: str):
    """The block under an h2 with this text (its parent div), or None."""
    found = [h2 for h2 in main.find_all("h2") if h2.text == heading]
    return found[0].parent if found else None


def test_every_opportunity_page_lists_its_facts_in_order_with_the_format_s_wording(example_site, model):
    for opportunity in model.opportunities:
        main = page(example_site, f"/{opportunity.url}").one("main")
        key_facts = main.find_all("dl", class_="summary-list")[0]
        assert rows(key_facts) == expected_key_facts(opportunity, model.vocabularies), opportunity.slug
        places = [paragraph.text for paragraph in key_facts.find_all("p", class_="location")]
        assert len(places) == len(opportunity.data.get("locations") or []) + opportunity.remote, opportunity.slug
        assert key_facts.one("a").link() == f"/{opportunity.organisation.url}"

        needs, support = section(main, "What you need"), section(main, "Support and access")
        assert (rows(needs) if needs else []) == expected_needs(opportunity), opportunity.slug
        assert (rows(support) if support else []) == expected_support(opportunity, model.vocabularies), opportunity.slug
        if needs and opportunity.requirements.dbs_check.key != "none":
            assert [anchor.link() for anchor in needs.find_all("a")] == ["/dbs-checks/"]
        skills = (opportunity.data.get("requirements") or {}).get("skills") or []
        if skills:
            assert [item.text for item in needs.one("ul", class_="plain-list").find_all("li")] == skills


def test_opportunity_page_headings_and_title_follow_whether_it_is_open(example_site, model):
    closed = [item for item in model.opportunities if not item.is_open]
    assert closed and model.open_opportunities
    for opportunity in model.opportunities:
        document = page(example_site, f"/{opportunity.url}")
        prefix = "" if opportunity.is_open else "Closed: "
        assert document.one("title").text.startswith(f"{prefix}{opportunity.title} – {opportunity.organisation.name} – ")
        description = document.one("head").one("meta", name="description").get("content")
        assert description.startswith(("" if opportunity.is_open else "This opportunity has closed. ") + opportunity.summary)
        headings = [h2.text for h2 in document.find_all("h2")]
        assert f"About {opportunity.organisation.name}" in headings
        if document.find("aside", class_="related"):
            assert ("Similar opportunities" if opportunity.is_open else "Similar opportunities that are open now") in headings
        apply = document.find("section", class_="apply")
        assert (apply is not None) == opportunity.is_open
        if apply:
            contacts = [item.text for item in apply.find_all("li")]
            expected = [f"Email: {opportunity.apply.email}"] * bool(opportunity.apply.email) + [f"Phone: {opportunity.apply.phone}"] * bool(opportunity.apply.phone)
            assert contacts == expected, opportunity.slug
            assert apply.find_all("a")[-1].link() == "/after-you-apply/"


def test_cards_and_handouts_list_the_same_facts_as_the_content_says(example_site, model):
    listing = page(example_site, "/opportunities/")
    cards = {card.one("a").link(): card for card in listing.one("main").find_all("li", class_="card")}
    for opportunity in model.open_opportunities[:20]:
        card = cards[f"/{opportunity.url}"]
        if opportunity.remote and not opportunity.data.get("locations"):
            where = "From home or online"
        else:
            where = words([term.label for term in opportunity.areas], "and") + (", or from home" if opportunity.remote else "")
        closing = f"Apply by {long_date(opportunity.closes)}" if opportunity.closes else "No closing date"
        assert rows(card) == [("Where", where), ("Time", time_text(opportunity, model.vocabularies)), ("Closing date", closing)], opportunity.slug

        handout = page(example_site, f"/{opportunity.url}").one("template", class_="handout-template")
        places = (["From home or online"] if opportunity.remote else []) + [
            ", ".join(str(place[field]) for field in ("name", "address", "postcode") if place.get(field)) for place in opportunity.data.get("locations") or []
        ]
        expected = [("Where", "; ".join(places)), ("When", time_text(opportunity, model.vocabularies)), ("DBS check", opportunity.requirements.dbs_check.label)]
        if opportunity.closes:
            expected.append(("Closing date", closing))
        assert rows(handout)[: len(expected)] == expected, opportunity.slug
        assert rows(handout)[len(expected)][0] == "How to apply"


def test_organisation_pages_and_list_show_their_facts(example_site, model):
    listing = {card.one("a").link(): card for card in page(example_site, "/organisations/").one("main").find_all("li", class_="card")}
    for organisation in model.organisations:
        data = organisation.data
        areas = labels(model.vocabularies, "areas", data["areas"])
        contact = data.get("contact") or {}
        expected = [("Areas", areas), ("Website", data["website"])]
        expected += [("Volunteering email", contact["email"])] if contact.get("email") else []
        expected += [("Volunteering phone", contact["phone"])] if contact.get("phone") else []
        adopted = data.get("principles_adopted")
        expected.append(("Volunteer Principles", f"Adopted on {long_date(adopted)}" if adopted else "Not adopted yet"))
        document = page(example_site, f"/{organisation.url}")
        facts = document.one("main").find_all("dl", class_="summary-list")[0]
        assert rows(facts) == expected, organisation.slug
        hrefs = [anchor.get("href") for anchor in facts.find_all("a")]
        assert hrefs == [data["website"]] + [f"mailto:{contact['email']}"] * bool(contact.get("email")) + [f"tel:{contact['phone'].replace(' ', '')}"] * bool(contact.get("phone"))
        count = len(organisation.open_opportunities)
        counted = f"{count} open {'opportunity' if count == 1 else 'opportunities'}"
        assert document.one("head").one("meta", name="description").get("content") == f"Volunteer with {organisation.name} in {areas}: {counted}."
        card = listing[f"/{organisation.url}"]
        sector = model.vocabularies.term("sectors", data["sector"]).label
        assert card.one("p", class_="card__organisation").text == f"{sector} · {areas}"
        assert card.find_all("p")[1].text == (counted if count else "No open opportunities at the moment")


def test_dated_sessions_are_listed_with_their_times_as_the_file_gives_them(example_site, model):
    from datetime import datetime

    dated = [item for item in model.opportunities if item.data.get("sessions")]
    assert dated, "the example content should have dated sessions"
    for opportunity in dated:
        items = page(example_site, f"/{opportunity.url}").one("ul", class_="session-list").find_all("li")
        expected = []
        for session in opportunity.data["sessions"]:
            start, end = datetime.fromisoformat(str(session["start"])), datetime.fromisoformat(str(session["end"]))
            end_text = end.strftime("%H:%M") if end.date() == start.date() else f"{long_date(end)}, {end:%H:%M}"
            expected.append(f"{long_date(start)}, {start:%H:%M} to {end_text}" + (f", {session['location']}" if session.get("location") else ""))
        assert [item.text.replace(" ,", ",") for item in items] == expected, opportunity.slug  # .text puts a space between elements
        times = [element.get("datetime")[:16] for item in items for element in item.find_all("time")]
        assert times == [str(session[key])[:16] for session in opportunity.data["sessions"] for key in ("start", "end")], opportunity.slug


def test_list_titles_and_area_descriptions_count_what_the_content_holds(example_site, model):
    import pelicanconf

    pages = -(-len(model.open_opportunities) // 20)  # twenty a page, as the issue asks
    assert pages > 1, "the example content should fill more than one page"
    assert page(example_site, "/opportunities/page/2/").one("title").text.startswith(f"Volunteering opportunities (page 2 of {pages}) – ")
    assert page(example_site, "/opportunities/").one("title").text.startswith("Volunteering opportunities – ")
    for term in model.vocabularies.terms("areas"):
        count = sum(1 for item in model.open_opportunities if term.key in {area.key for area in item.areas})
        words = (f"{count} open volunteering {'opportunity' if count == 1 else 'opportunities'}" if count else "Volunteering opportunities")
        description = page(example_site, f"/areas/{term.key}/").one("head").one("meta", name="description").get("content")
        assert description == f"{words} in health and care: {term.label}, {pelicanconf.PORTAL_REGION}.", term.key
