"""Load the edition's tables from book/data as pandas DataFrames."""
from __future__ import annotations

import pandas as pd

from edition.paths import DATA


def load(table: str) -> pd.DataFrame:
    """Read ``book/data/<table>.csv`` as text columns; empty cells stay empty strings."""
    path = DATA / f"{table}.csv"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in DATA.glob("*.csv")))
        raise FileNotFoundError(f"{path}: no such table; known tables: {known}")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
