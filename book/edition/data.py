"""Load the edition's open dataset (book/data) and describe it from datapackage.json."""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from edition.paths import DATA


@lru_cache(maxsize=1)
def package() -> dict:
    """The Frictionless Data Package descriptor: the one place the schema is written."""
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def resource(table: str) -> dict:
    for entry in package()["resources"]:
        if entry["name"] == table:
            return entry
    names = ", ".join(r["name"] for r in package()["resources"])
    raise KeyError(f"no table {table!r} in book/data/datapackage.json; tables: {names}")


def load(table: str) -> pd.DataFrame:
    """Read ``book/data/<table>.csv``: numbers as numbers, everything else as text ("" when empty)."""
    entry = resource(table)
    frame = pd.read_csv(DATA / entry["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    for field in entry["schema"]["fields"]:
        if field.get("type") in ("integer", "number"):
            frame[field["name"]] = pd.to_numeric(frame[field["name"]])
    return frame


def codebook(table: str) -> pd.DataFrame:
    """One row per column of a table: its type, whether it is required, its meaning and allowed values."""
    rows = []
    for field in resource(table)["schema"]["fields"]:
        rules = field.get("constraints", {})
        rows.append({
            "column": field["name"],
            "type": field.get("type", "string"),
            "required": "yes" if rules.get("required") else "",
            "meaning": field["description"],
            "allowed values": ", ".join(rules.get("enum", [])) or rules.get("pattern", ""),
        })
    return pd.DataFrame(rows)


def overview() -> pd.DataFrame:
    """Every table with its description and number of rows."""
    return pd.DataFrame([
        {"table": r["name"], "file": r["path"], "rows": len(load(r["name"])), "contents": r["description"].split(". ")[0].rstrip(".") + "."}
        for r in package()["resources"]
    ])
