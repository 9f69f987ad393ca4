"""The registry transcribes the shared claims list: ids, kinds, parts, essays and their dates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from research_lib.claims import registry
from research_lib.errors import ResearchError

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "claims.md"


@pytest.fixture(scope="module")
def claims_md() -> str:
    assert SHARED.is_file(), f"{SHARED} is missing: CI needs ../shared beside the repository"
    return SHARED.read_text(encoding="utf-8")


def test_ids_in_the_order_of_the_shared_file(claims_md):
    ids = re.findall(r"^- ([A-Z]\d+)\.", claims_md, flags=re.M)
    assert list(registry.claims()) == ids


def test_kinds_and_parts_match(claims_md):
    for cid, claim in registry.claims().items():
        item = re.search(rf"^- {cid}\. (.*?)(?=^- |^\s*$|^#)", claims_md, flags=re.M | re.S).group(1)
        line = " ".join(item.split())
        if line.startswith("Parts"):
            parts = re.findall(r"\((\w), ([a-z]+)", line)
            if not parts:  # F6: "Parts, all forecasts from the essay date: (a) ...; (b) ..."
                parts = [(p, "forecast") for p in re.findall(r"\((\w)\)", line)]
            assert [(p.part, p.kind) for p in claim.parts] == parts, cid
            assert claim.kind == "compound"
        else:
            kinds = re.match(r"\(([a-z, ]+)\)", line).group(1)
            assert claim.kind == kinds and not claim.parts, cid


def test_essays_and_their_windows(claims_md):
    rows = re.findall(r"^\| (E\d) \| .*? \| (\d{4}-\d\d-\d\d) \| (\d{4}-\d\d-\d\d) \.\. (\d{4}-\d\d-\d\d) \|",
                      claims_md, flags=re.M)
    assert [(e.id, str(e.central), str(e.window[0]), str(e.window[1])) for e in registry.essays().values()] == rows
    for e in registry.essays().values():
        assert e.window[0] <= e.central <= e.window[1]


def test_every_claim_names_known_essays_and_notebooks():
    for claim in registry.claims().values():
        assert claim.essays and all(e in registry.essays() for e in claim.essays)
        assert (REPO / "notebooks" / f"{claim.notebook}.py").is_file(), claim.id


def test_verdicts_and_thresholds_as_in_the_shared_file(claims_md):
    listed = re.findall(r"^- `([a-z ]+)`:", claims_md, flags=re.M)
    assert sorted(listed) == sorted(registry.VERDICTS)
    assert "at least 80%" in claims_md and registry.SUPPORT_SHARE == 0.8
    assert "at most 20%" in claims_md and registry.REJECT_SHARE == 0.2


def test_unknown_ids_and_parts_are_one_line_errors():
    with pytest.raises(ResearchError, match="unknown claim id 'K99'"):
        registry.claim("K99")
    with pytest.raises(ResearchError, match="K8 has no part 'z'"):
        registry.claim("K8").part("z")


def test_readme_scorecard_lists_each_claim_once():
    readme = (REPO / "README.md").read_text()
    block = readme.split("<!-- scorecard:start -->")[1].split("<!-- scorecard:end -->")[0]
    rows = re.findall(r"^\| ([A-Z]\d+) \|", block, flags=re.M)
    assert sorted(rows) == sorted(registry.claims()) and len(rows) == len(set(rows))
