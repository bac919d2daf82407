"""A link checker over the whole built site: every internal href/src resolves to a file."""

from __future__ import annotations

from urllib.parse import unquote

from helpers_pages import internal_path, page


def output_files(site) -> set[str]:
    return {"/" + path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def resolves(path: str, files: set[str]) -> bool:
    path = unquote(path)
    if path.endswith("/"):
        return path + "index.html" in files
    return path in files or path + "/index.html" in files


def test_every_internal_link_and_resource_resolves(example_site):
    files = output_files(example_site)
    broken, checked = [], 0
    for name in sorted(files):
        if not name.endswith(".html") or name.startswith("/pagefind/"):
            continue
        document = page(example_site, name)
        ids = {element.get("id") for element in document.iter() if element.get("id")}
        for element in document.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value:
                    continue
                if value.startswith("#"):
                    checked += 1
                    if value != "#" and value[1:] not in ids:
                        broken.append(f"{name}: {attribute}={value} (no such id)")
                    continue
                target = internal_path(value, base=name)
                if target is None:
                    continue
                checked += 1
                if not resolves(target, files):
                    broken.append(f"{name}: {attribute}={value}")
    assert checked > 500, "the checker saw the site's links"
    assert not broken, "\n".join(broken[:50])


def test_no_page_loads_anything_from_another_site(example_site):
    """No external requests: scripts, stylesheets, images and frames come from the site itself."""
    for path in sorted(example_site.rglob("*.html")):
        name = "/" + path.relative_to(example_site).as_posix()
        if name.startswith("/pagefind/"):
            continue
        document = page(example_site, name)
        for element in document.iter():
            loaded = element.get("src") or (element.get("href") if element.tag == "link" and element.get("rel") in {"stylesheet", "icon", "preload", "modulepreload"} else None)
            if loaded:
                assert internal_path(loaded, base=name) is not None, f"{name}: {element.tag} loads {loaded}"
