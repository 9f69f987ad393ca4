"""environment.yml and pyproject.toml list the same dependencies with the same minimum versions."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$")
CONDA_ONLY = {"python", "pip"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _spec(requirement: str) -> tuple[str, str]:
    requirement = requirement.split(";")[0]
    match = _REQ.match(requirement)
    assert match, requirement
    return _norm(match.group(1)), match.group(2).replace(" ", "")


def pyproject_deps() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {})
    reqs = list(project["dependencies"]) + list(extras.get("dev", [])) + list(extras.get("cluster", []))
    return dict(_spec(r) for r in reqs)


def conda_deps() -> dict[str, str]:
    """Top-level `dependencies:` entries of environment.yml, without the `pip:` subsection."""
    deps: dict[str, str] = {}
    in_deps = False
    item_indent = None
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 0:
            in_deps = line.strip() == "dependencies:"
            continue
        if not in_deps or not line.lstrip().startswith("- "):
            continue
        if item_indent is None:
            item_indent = indent
        if indent != item_indent:
            continue  # nested (pip:) entries
        item = line.lstrip()[2:].strip()
        if item.endswith(":"):  # the "- pip:" subsection header
            continue
        item = re.sub(r"^[\w-]+::", "", item)  # channel prefix
        name, version = _spec(item)
        if name not in CONDA_ONLY:
            deps[name] = version.lstrip("=") if version.startswith("==") else version
    return deps


def test_parsers_see_dependencies():
    assert "pandas" in pyproject_deps() and "pytest" in pyproject_deps()
    assert "pandas" in conda_deps()


def test_same_names():
    assert sorted(conda_deps()) == sorted(pyproject_deps())


def test_same_minimum_versions():
    py, conda = pyproject_deps(), conda_deps()
    mismatched = {n: (py[n], conda.get(n)) for n in py if conda.get(n) != py[n]}
    assert mismatched == {}


def test_pip_section_installs_the_project():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*- pip:\s*$", text, re.M)
    assert re.search(r"^\s+- -e \.\s*$", text, re.M)


def test_python_version_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = (ROOT / "environment.yml").read_text()
    conda_python = re.search(r"^\s*- python\s*(\S+)\s*$", text, re.M)
    assert conda_python and conda_python.group(1) == project["requires-python"]


def test_console_script_declared():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["research"] == "research_lib.cli:main"
