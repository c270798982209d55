"""Deterministic random draws as SQL, from a hash of the seed and a row key.

DuckDB's `random()` depends on how rows are split across threads, so the
same seed would not give the same files. Every draw here is instead a pure
function of (seed, what is drawn, which record — an integer key):
`u('gender', pupil)` is the
same number on every run and every machine with the same DuckDB, whatever
the thread count. Categorical draws are CASE expressions built from
weighted code lists (data, not branches), so no join can reorder rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

UNIT = 2.0**-53  # a 64-bit hash shifted to 53 bits, times this, is uniform on [0, 1)

Weighted = Sequence[tuple[str, float]]


def install(con: duckdb.DuckDBPyConnection, seed: int) -> None:
    """Create the draw macros for `seed` on `con`.

    - `u(what, key)`: uniform on [0, 1);
    - `z(what, key)`: standard normal (Box–Muller on two uniforms);
    - `pick(what, key, n)`: an integer 0 … n-1;
    - `randint(what, key, lo, hi)`: an integer lo … hi inclusive;
    - `logistic(x)`: the probability for a log-odds `x`.
    """
    seed = int(seed)
    # hash(a, b) merely combines the two hashes, so draws of different `what`
    # for the same key would be correlated; hashing the key XOR a mask per
    # `what` mixes them fully (DuckDB's integer hash is a murmur finaliser).
    con.execute(
        "CREATE OR REPLACE MACRO u(what, key) AS "
        f"(hash(xor(hash(what, {seed}), CAST(key AS UBIGINT))) >> 11) * {UNIT!r}"
    )
    con.execute(
        "CREATE OR REPLACE MACRO z(what, key) AS "
        "sqrt(-2 * ln(1 - u(what || '~r', key))) * cos(2 * pi() * u(what || '~t', key))"
    )
    con.execute("CREATE OR REPLACE MACRO pick(what, key, n) AS CAST(floor(u(what, key) * n) AS BIGINT)")
    con.execute(
        "CREATE OR REPLACE MACRO randint(what, key, lo, hi) AS "
        "CAST(lo + floor(u(what, key) * (hi - lo + 1)) AS INTEGER)"
    )
    con.execute("CREATE OR REPLACE MACRO logistic(x) AS 1 / (1 + exp(-(x)))")


def choice(draw: str, weights: Weighted) -> str:
    """A CASE expression giving one code of `weights` for the uniform `draw`
    (an SQL expression), each code with probability proportional to its weight."""
    if len(weights) == 1:
        return quote(weights[0][0])
    total = sum(weight for _, weight in weights)
    branches = []
    cumulative = 0.0
    for code, weight in weights[:-1]:
        cumulative += weight / total
        branches.append(f"WHEN {draw} < {cumulative!r} THEN {quote(code)}")
    return f"(CASE {' '.join(branches)} ELSE {quote(weights[-1][0])} END)"


def quote(text: str) -> str:
    """An SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
