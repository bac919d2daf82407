"""Issue 16 part 5: the build cache (``PORTAL_CACHE_PATH``) outside output/.

- A build with a warm cache writes the same bytes (outside /pagefind/) as a build without one.
- The cache's key changes with a template, a setting, our plugins' code or a library's version,
  and a cache under another key is never used.
- A damaged or unreadable cache is ignored: the build does the work again and succeeds.
- A warm cache is really used: every file's entry is reused (the cache is not rewritten),
  and an entry planted under the right key shows through, which is how we know hits skip the work.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TEST_EPOCH, files_of, run_build
from helpers_feeds import EXAMPLE
from helpers_loader import SETTINGS, model_of
from helpers_settings import installed_plugins, settings_file
from portal_content import cache as cache_module
from portal_content.cache import BuildCache, version_key
from portal_content.loader import load_content


def build(tmp_path: Path, name: str, cache_path, content: Path = EXAMPLE):
    """A build into ``<name>/output``; when that folder exists, a rebuild of the site in it."""
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    settings = settings_file(folder, PLUGINS=installed_plugins(), PORTAL_CACHE_PATH=cache_path)
    result = run_build(content, folder / "output", settings=settings)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """No cache; a cold cache; the same site rebuilt twice with the warm cache (so its pages are reused too).

    The first rebuild takes every page from the site, so the QR codes their handouts show are not
    used and leave the cache; the second rebuild then finds every entry it needs and uses them all.
    """
    tmp_path = tmp_path_factory.mktemp("cache")
    cache = tmp_path / "cache"
    plain = build(tmp_path, "plain", None)
    cold = build(tmp_path, "site", str(cache))
    cold_files = files_of(cold.output)
    build(tmp_path, "site", str(cache))
    stored = (cache / "content.pickle").stat()
    warm = build(tmp_path, "site", str(cache))
    return tmp_path, cache, stored, plain.output, cold_files, warm.output


def test_a_warm_cache_gives_the_same_bytes_as_no_cache(builds):
    _, _, _, plain, cold_files, warm = builds
    expected = files_of(plain)
    for found in (cold_files, files_of(warm)):
        assert sorted(found) == sorted(expected)
        assert [name for name in expected if found[name] != expected[name]] == []


def test_a_warm_build_reuses_every_entry(builds):
    _, cache, stored, *_ = builds
    after = (cache / "content.pickle").stat()
    # Written again only when an entry was missing or not used: here every file, Markdown text and page was a hit.
    assert (after.st_ino, after.st_mtime_ns) == (stored.st_ino, stored.st_mtime_ns)


def test_the_cache_is_not_in_the_output(builds):
    _, _, _, _, _, warm = builds
    assert not any(path.suffix == ".pickle" for path in warm.rglob("*"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "folder", "unreadable-entry"])
def test_a_damaged_cache_is_ignored(damage, builds, tmp_path):
    base, cache, _, plain, *_ = builds
    damaged = tmp_path / "cache"
    shutil.copytree(cache, damaged)
    target = damaged / "content.pickle"
    if damage == "garbage":
        target.write_bytes(b"not a pickle at all\x00\xff")
    elif damage == "truncated":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "folder":
        target.unlink()
        target.mkdir()
    else:  # the file is whole, but every stored entry is damaged
        stored = pickle.loads(target.read_bytes())
        stored["entries"] = {name: (value[0], b"\x80\x05damaged") if isinstance(value, tuple) else value for name, value in stored["entries"].items()}
        target.write_bytes(pickle.dumps(stored))
    result = build(tmp_path, "damaged", str(damaged))
    assert "Traceback" not in result.log
    expected = files_of(plain)
    assert files_of(result.output) == expected


# -- in-process: the key, and what a hit is ------------------------------------------------------


def load(content: Path, cache: BuildCache):
    return load_content(content, SETTINGS, cache=cache)


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)


def test_a_hit_gives_the_same_model_and_problems(tmp_path, epoch):
    cold_cache = BuildCache(tmp_path / "cache", "key")
    cold = load(EXAMPLE, cold_cache)
    cold_cache.save()
    warm_cache = BuildCache(tmp_path / "cache", "key")
    warm = load(EXAMPLE, warm_cache)
    files = len(list(EXAMPLE.glob("opportunities/**/*.yaml"))) + len(list(EXAMPLE.glob("organisations/*.yaml")))
    assert warm_cache.hits >= files
    assert model_of(warm.site) == model_of(cold.site)
    assert [str(problem) for problem in warm.problems] == [str(problem) for problem in cold.problems]


def planted(tmp_path: Path, key: str) -> tuple[Path, str]:
    """A one-opportunity content folder and a cache under ``key`` whose entry for it has another title."""
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    first = BuildCache(tmp_path / "cache", key)
    load(content, first)
    first.save()
    stored = pickle.loads((tmp_path / "cache" / "content.pickle").read_bytes())
    name = next(name for name in stored["entries"] if name.startswith("opportunity:"))
    digest, blob = stored["entries"][name]
    document, body, body_line, problems = pickle.loads(blob)
    document.data["title"] = "Planted title from the cache"
    stored["entries"][name] = (digest, pickle.dumps((document, body, body_line, problems)))
    (tmp_path / "cache" / "content.pickle").write_bytes(pickle.dumps(stored))
    return content, name


def test_an_entry_under_the_same_key_is_used(tmp_path, epoch):
    content, _ = planted(tmp_path, "key")
    site = load(content, BuildCache(tmp_path / "cache", "key")).site
    assert "Planted title from the cache" in [o.title for o in site.opportunities]


def test_a_cache_under_another_key_is_never_used(tmp_path, epoch):
    content, _ = planted(tmp_path, "key")
    site = load(content, BuildCache(tmp_path / "cache", "another key")).site
    assert "Planted title from the cache" not in [o.title for o in site.opportunities]


def test_a_changed_file_is_read_again(tmp_path, epoch):
    content, name = planted(tmp_path, "key")
    source = Path(name.split(":", 1)[1])  # the file as the build shows it: relative to where it runs, or absolute
    source = source if source.is_absolute() else Path.cwd() / source
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a trailing line: same data, new bytes
    site = load(content, BuildCache(tmp_path / "cache", "key")).site
    assert "Planted title from the cache" not in [o.title for o in site.opportunities]


def settings_for(theme: Path, **changes) -> dict:
    return {**SETTINGS, "THEME": str(theme), **changes}


def test_the_key_follows_templates_settings_code_and_libraries(tmp_path, monkeypatch):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "PLUGINS", plugins)
    before = version_key(settings_for(theme))
    assert version_key(settings_for(theme)) == before
    assert version_key(settings_for(theme, OUTPUT_PATH="/elsewhere")) == before  # where the site goes is not what is in it

    assert version_key(settings_for(theme, SITENAME="Another name")) != before
    assert version_key(settings_for(theme, PORTAL_VOCABULARIES={"areas": {"north": "North"}})) != before

    template = theme / "templates" / "opportunity.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_template = version_key(settings_for(theme))
    assert after_template != before

    code = plugins / "portal_content" / "markup.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after_code = version_key(settings_for(theme))
    assert after_code != after_template

    real = cache_module.metadata.distributions

    def other_versions():
        for dist in real():
            if dist.metadata["Name"].lower() == "nh3":
                yield type("Dist", (), {"metadata": {"Name": "nh3"}, "version": dist.version + ".post1"})()
            else:
                yield dist

    monkeypatch.setattr(cache_module.metadata, "distributions", other_versions)
    assert version_key(settings_for(theme)) != after_code


def test_after_changing_files_a_warm_build_matches_a_build_without_cache(builds, tmp_path):
    """One opportunity's title and one organisation's name change: every page, card, feed and QR code
    showing them is what a build without a cache writes."""
    base, cache, *_ = builds
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    warm_cache = tmp_path / "cache"
    shutil.copytree(cache, warm_cache)
    opportunity = sorted((content / "opportunities").rglob("*.yaml"))[0]
    text = opportunity.read_text(encoding="utf-8")
    opportunity.write_text(text.replace("title: ", "title: Changed ", 1), encoding="utf-8")
    organisation = sorted((content / "organisations").glob("*.yaml"))[0]
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    warm = build(tmp_path, "warm", str(warm_cache), content=content)
    plain = build(tmp_path, "plain", None, content=content)
    expected, found = files_of(plain.output), files_of(warm.output)
    assert any(b"Changed " in body for body in expected.values()) and any(b"Renamed " in body for body in expected.values())
    assert sorted(found) == sorted(expected)
    assert [name for name in expected if found[name] != expected[name]] == []
