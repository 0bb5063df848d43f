"""Part II: each expert chapter carries every position the sources record for its
expert (one section labelled with the position's id), and answers from others."""
from __future__ import annotations

import re

import pytest
from edition import data
from edition.paths import BOOK

POSITIONS = data.load("positions")
EXPERTS = data.load("experts")


def chapter(expert: str) -> str:
    return (BOOK / "debates" / f"{expert}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("expert", list(EXPERTS["id"]))
def test_every_position_has_its_section(expert):
    text = chapter(expert)
    labels = set(re.findall(r"^\(([a-z0-9-]+)\)=\s*$", text, re.M))
    missing = [pid for pid in POSITIONS.loc[POSITIONS["expert"] == expert, "id"] if pid not in labels]
    assert not missing, f"book/debates/{expert}.md lacks a section labelled for: {missing} (add a line '(<id>)=' above it)"


@pytest.mark.parametrize("expert", list(EXPERTS["id"]))
def test_chapter_cross_references_at_least_two_other_experts(expert):
    refs = re.findall(r"\{ref\}`(?:[^`<]*<)?([a-z0-9-]+)>?`", chapter(expert))
    others = {ref.split("-")[0] for ref in refs} & set(EXPERTS["id"]) - {expert}
    assert len(others) >= 2, f"book/debates/{expert}.md answers from {sorted(others)}: cross-reference at least two other experts"
