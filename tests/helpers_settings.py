"""Settings files for test builds: the project's pelicanconf.py with a few values changed."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT


def settings_file(folder: Path, **overrides) -> Path:
    """Write ``folder/settings.py``: pelicanconf.py as is, then ``overrides`` (Python literals).

    Paths in pelicanconf.py are relative to its own folder, so they are made absolute here.
    """
    lines = [
        f"exec(compile(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read(), 'pelicanconf.py', 'exec'))",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
    ]
    lines += [f"{name} = {value!r}" for name, value in overrides.items()]
    path = folder / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def installed_plugins() -> list[str]:
    """The PLUGINS of pelicanconf.py that exist in plugins/ (a missing one is caught by its own test)."""
    import pelicanconf

    return [name for name in pelicanconf.PLUGINS if (ROOT / "plugins" / name / "__init__.py").is_file()]
