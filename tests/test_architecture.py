"""The package's shape: layers import one way, no import cycles, one home for each helper.

Layers, lowest first: base (``config``, ``errors``, ``_io``) < ``data`` and ``analysis`` <
``claims`` and ``studies`` < ``publish`` < ``cli``. A module may import its own layer's siblings
only inside its subpackage; ``analysis`` never imports ``data`` (charts get data passed in).
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "research_lib"
RANK = {"config": 0, "errors": 0, "_io": 0, "data": 1, "analysis": 1, "claims": 2, "studies": 2,
        "publish": 3, "cli": 4}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")
           if "__pycache__" not in p.parts and "templates" not in p.parts}


def _imports(name: str, path: Path) -> set[str]:
    """research_lib modules imported by ``name`` (absolute and relative, top level or in functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("research_lib")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("research_lib"):
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in MODULES else base)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_layers_import_downwards_only():
    wrong = []
    for module, targets in GRAPH.items():
        here = _layer(module)
        if here is None:  # the facade research_lib/__init__ sits on top
            continue
        for target in targets:
            there = _layer(target)
            if target == "research_lib" or there is None:
                wrong.append(f"{module} imports the facade {target}")
            elif there != here and RANK[there] >= RANK[here]:
                wrong.append(f"{module} ({here}) imports {target} ({there})")
    assert not wrong, "\n".join(wrong)


def test_analysis_never_loads_data():
    offenders = [m for m, targets in GRAPH.items() if _layer(m) == "analysis"
                 and any(_layer(t) == "data" for t in targets)]
    assert not offenders


def test_no_import_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(t for t in GRAPH.get(node, ()) if t in GRAPH and t != node):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)


def test_every_public_function_has_one_home():
    """No two modules define the same public top-level function or class (one atomic writer, one
    hash, one timestamp, one p-value formatter, ...)."""
    homes = defaultdict(list)
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                homes[node.name].append(name)
    allowed = {"main", "build"}  # cli.main; scorecard.build and site.build: each module's one verb
    twice = {k: v for k, v in homes.items() if len(v) > 1 and k not in allowed}
    assert not twice, twice


def test_constants_defined_once():
    """The verdict list, the repository root and the pandemic window each have one definition."""
    counts = defaultdict(list)
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name) and n.id in {"VERDICTS", "REPO_ROOT", "PANDEMIC", "NOT_TESTED"}:
                            counts[n.id].append(name)
    assert {k: len(v) for k, v in counts.items()} == {"VERDICTS": 1, "REPO_ROOT": 1, "PANDEMIC": 1, "NOT_TESTED": 1}


def test_tests_mirror_the_package():
    """Each subpackage has a test folder of the same name."""
    tests = Path(__file__).resolve().parent
    for sub in ("data", "analysis", "claims", "studies", "publish"):
        assert (PACKAGE / sub).is_dir() and (tests / sub).is_dir(), sub
