"""The council's geography map: which district (and team) each child's
social-care records are attributed to.

Neither SSDA903 nor the CIN census carries a district, so a council keeps
this map beside its returns (`child_id,district,team`: see
`scorecards.warehouse.geography_map` and docs/record-formats.md,
"Attributing records to geographies"); the `ssda903` and `cin-census`
loaders both read it. Every child in the generated returns has a row: the
district the child was drawn in, and that district's social work team.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from scorecards.synthetic.draws import choice, quote
from scorecards.synthetic.files import write_csv
from scorecards.synthetic.shape import Council
from scorecards.synthetic.xmlcin import child_id


def write_geography_map(con: duckdb.DuckDBPyConnection, council: Council, path: Path) -> int:
    """Write the map for every child of `cin_children` and `care_periods`; return the row count."""
    return write_csv(con, _map(council), path)


def _team(council: Council) -> str:
    branches = [
        f"WHEN {quote(d.code)} THEN " + choice("u('social_work_team', child)", [(t, 1) for t in d.teams])
        for d in council.districts
        if d.teams
    ]
    return f"CASE district {' '.join(branches)} END" if branches else "NULL"


def _map(council: Council) -> str:
    return f"""
SELECT {child_id(council)} AS child_id, district, {_team(council)} AS team
FROM (SELECT child, district FROM cin_children UNION SELECT child, district FROM care_periods)
ORDER BY child
"""
