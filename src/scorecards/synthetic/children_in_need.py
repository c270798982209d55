"""Children in need: referrals, assessments, Section 47 enquiries, child
protection plans — and the episodes of need of children in care.

A child referred in the community has a chain of one to four referrals.
Each referral takes a route (no further action, assessment only, a child
in need plan, a Section 47 enquiry, a child protection plan) that fixes how
long the episode lasts; the next referral comes a gap after the previous
one closed. The referral dates are running sums of those spans and gaps (a
window function), so about one referral in five comes within twelve months
of the child's previous one, as in the DfE's statistics. A child protection
plan counts the child's earlier plans, including some before the generated
history, for "subject to a plan for a second or subsequent time".

Every child in care (`care_periods`) also has an episode of need, opened by
a referral shortly before coming into care and closed when care ends.

Tables built: `cin_children` and `referrals` (one row per CINdetails).
"""

from __future__ import annotations

import duckdb

from scorecards.synthetic import codes
from scorecards.synthetic.draws import choice
from scorecards.synthetic.shape import Council, district_choice, diversity
from scorecards.synthetic.timeline import Timeline

REFERRALS_PER_CHILD = 1.75  # in the generated history, after truncation (calibrated: see tests)
ROUTES = (("nfa", 9), ("assessment", 40), ("cin_plan", 22), ("s47", 21), ("cp_plan", 8))
CHAIN_LENGTH = (("1", 50), ("2", 27), ("3", 13), ("4", 10))
REFERRAL_GAP = (("soon", 55), ("later", 27), ("much_later", 18))

REFERRAL_COLUMNS = """
    child, j, route, ref_date, source, need, closure, closure_reason, nfa,
    assess_start, assess_auth, plan_start, plan_end, s47_start, icpc_target, icpc, icpc_not_required,
    cpp_start, cpp_end, category, latest_category, previous_plans
"""


def build_need(con: duckdb.DuckDBPyConnection, council: Council, timeline: Timeline) -> None:
    """Fill `cin_children` and `referrals` for one council (after `build_care`)."""
    con.execute(f"CREATE OR REPLACE TABLE community AS {_community_children(council, timeline)}")
    con.execute(f"CREATE OR REPLACE TABLE chain AS {_chains(timeline)}")
    con.execute(
        f"CREATE OR REPLACE TABLE referrals AS SELECT * FROM ("
        f"SELECT {REFERRAL_COLUMNS} FROM ({_dated(timeline)}) UNION ALL "
        f"SELECT {REFERRAL_COLUMNS} FROM ({_care_referrals(timeline)})) ORDER BY child, ref_date"
    )
    con.execute(f"CREATE OR REPLACE TABLE cin_children AS {_children()}")
    con.execute("DROP TABLE community; DROP TABLE chain")


def _community_children(council: Council, timeline: Timeline) -> str:
    count = round(council.referrals_per_year * timeline.history_days / 365 / REFERRALS_PER_CHILD)
    d = timeline.sql_dates()
    age = (
        "CASE WHEN u('age_band', child) < 0.2 THEN randint('age', child, 0, 364) "
        "WHEN u('age_band', child) < 0.4 THEN randint('age', child, 365, 5 * 365 - 1) "
        "WHEN u('age_band', child) < 0.65 THEN randint('age', child, 5 * 365, 10 * 365 - 1) "
        "WHEN u('age_band', child) < 0.93 THEN randint('age', child, 10 * 365, 16 * 365 - 1) "
        "ELSE randint('age', child, 16 * 365, 18 * 365 - 30) END"
    )
    return f"""
SELECT child, first, first - age AS dob,
    CAST({choice("u('chain', child)", CHAIN_LENGTH)} AS INTEGER) AS referrals,
    u('male', child) < 0.52 AS male,
    {choice("u('ethnicity', child)", codes.ethnicity(min(0.9, diversity(council) * 1.2)))} AS ethnicity,
    {district_choice(council, "u('district', child)", need=0.5)} AS district,
    CASE WHEN u('prior_plans', child) < 0.12 THEN 1 WHEN u('prior_plans', child) < 0.15 THEN 2 ELSE 0 END
        AS prior_plans
FROM (
    SELECT {council.index * 10_000_000} + i AS child,
        {d["history_start"]} + randint('first_referral', {council.index * 10_000_000} + i, 0,
            {timeline.history_days - 1}) AS first
    FROM range({count}) t(i)
), LATERAL (SELECT {age} AS age)
"""


def _chains(timeline: Timeline) -> str:
    """Each referral's route and, relative to its own date, every later date."""
    days = {
        "assess_start": "randint('assess_start', key, 0, 5)",
        "assess_len": "CASE WHEN u('assess_on_time', key) < 0.83 THEN randint('assess_len', key, 5, 62) "
        "ELSE randint('assess_len', key, 64, 140) END",
        "s47_start": "randint('s47_start', key, 0, 7)",
        "icpc_delay": "CASE WHEN u('icpc_on_time', key) < 0.78 THEN randint('icpc_delay', key, 5, 21) "
        "ELSE randint('icpc_delay', key, 22, 45) END",
        "plan_len": "randint('plan_len', key, 120, 540)",
        "cpp_len": "CASE WHEN u('cpp_long', key) < 0.045 THEN randint('cpp_len', key, 731, 1000) "
        "ELSE 60 + CAST(floor(pow(u('cpp_len', key), 1.6) * 640) AS INTEGER) END",
    }
    band = choice("u('gap_band', key)", REFERRAL_GAP)
    gap = (
        f"CASE {band} WHEN 'soon' THEN randint('gap', key, 14, 180) "
        "WHEN 'later' THEN randint('gap', key, 181, 540) ELSE randint('gap', key, 541, 1400) END"
    )
    return f"""
WITH referral AS (
    SELECT c.*, j, c.child * 8 + j AS key FROM community c, LATERAL (SELECT unnest(range(c.referrals)) AS j)
),
timed AS (
    SELECT *, {choice("u('route', key)", ROUTES)} AS route,
        {", ".join(f"{v} AS {k}" for k, v in days.items())}, {gap} AS gap
    FROM referral
),
spanned AS (
    SELECT *, CASE route
        WHEN 'nfa' THEN randint('span', key, 0, 3)
        WHEN 'assessment' THEN assess_start + assess_len + randint('span', key, 0, 20)
        WHEN 's47' THEN assess_start + assess_len + randint('span', key, 0, 30)
        WHEN 'cin_plan' THEN assess_start + assess_len + randint('plan_after', key, 0, 14) + plan_len
            + randint('span', key, 0, 30)
        ELSE s47_start + icpc_delay + cpp_len + randint('span', key, 30, 240) END AS span
    FROM timed
)
SELECT *, first + CAST(coalesce(sum(span + gap) OVER (PARTITION BY child ORDER BY j
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER) AS ref_date,
    prior_plans + CAST(coalesce(sum(CASE WHEN route = 'cp_plan' THEN 1 ELSE 0 END) OVER (PARTITION BY child
        ORDER BY j ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS INTEGER) AS previous_plans
FROM spanned
"""


def _dated(timeline: Timeline) -> str:
    """Community referrals as dates, cut at the data month; those closed
    before the extract begins are left out, as a return would leave them."""
    end, start = timeline.sql_dates()["data_end"], timeline.sql_dates()["extract_start"]

    def by_end(expr: str) -> str:
        return f"CASE WHEN {expr} <= {end} THEN {expr} END"

    plan_start = "ref_date + assess_start + assess_len + randint('plan_after', key, 0, 14)"
    return f"""
SELECT child, j, route, ref_date,
    {choice("u('source', key)", codes.REFERRAL_SOURCE)} AS source,
    CASE WHEN route = 'cp_plan' THEN 'N1' ELSE {choice("u('need', key)", codes.PRIMARY_NEED)} END AS need,
    {by_end("ref_date + span")} AS closure,
    CASE WHEN ref_date + span > {end} THEN NULL WHEN route IN ('nfa', 'assessment', 's47') THEN 'RC8'
        ELSE {choice("u('closure_reason', key)", (("RC7", 88), ("RC3", 4), ("RC4", 3), ("RC5", 5)))} END
        AS closure_reason,
    route = 'nfa' AS nfa,
    CASE WHEN route NOT IN ('nfa', 'cp_plan') THEN {by_end("ref_date + assess_start")} END AS assess_start,
    CASE WHEN route NOT IN ('nfa', 'cp_plan') THEN {by_end("ref_date + assess_start + assess_len")} END
        AS assess_auth,
    CASE WHEN route = 'cin_plan' THEN {by_end(plan_start)} END AS plan_start,
    CASE WHEN route = 'cin_plan' THEN {by_end(plan_start + " + plan_len")} END AS plan_end,
    CASE WHEN route IN ('s47', 'cp_plan') THEN {by_end("ref_date + s47_start")} END AS s47_start,
    CASE WHEN route IN ('s47', 'cp_plan') AND ref_date + s47_start <= {end}
        THEN ref_date + s47_start + 21 END AS icpc_target,
    CASE WHEN route = 'cp_plan' THEN {by_end("ref_date + s47_start + icpc_delay")} END AS icpc,
    CASE WHEN route = 's47' AND ref_date + s47_start <= {end} THEN true
        WHEN route = 'cp_plan' AND ref_date + s47_start <= {end} THEN false END AS icpc_not_required,
    CASE WHEN route = 'cp_plan' THEN {by_end("ref_date + s47_start + icpc_delay")} END AS cpp_start,
    CASE WHEN route = 'cp_plan' THEN {by_end("ref_date + s47_start + icpc_delay + cpp_len")} END AS cpp_end,
    {choice("u('category', key)", codes.CATEGORY_OF_ABUSE)} AS category,
    CASE WHEN u('category_changed', key) < 0.12 THEN {choice("u('latest', key)", codes.CATEGORY_OF_ABUSE)}
        END AS latest_category,
    previous_plans
FROM chain
WHERE ref_date <= {end} AND ref_date < CAST(dob + INTERVAL 18 YEAR AS DATE)
    AND (ref_date + span > {end} OR ref_date + span >= {start})
"""


def _care_referrals(timeline: Timeline) -> str:
    """The episode of need of each child in care during the extract."""
    end, start = timeline.sql_dates()["data_end"], timeline.sql_dates()["extract_start"]
    closed = "finish + randint('closed_after_care', child, 0, 20)"
    return f"""
SELECT child, 0 AS j, CASE WHEN protected THEN 'cp_plan' ELSE 'care' END AS route, ref_date,
    {choice("u('source', child)", codes.REFERRAL_SOURCE)} AS source, need,
    CASE WHEN {closed} <= {end} THEN {closed} END AS closure,
    CASE WHEN {closed} > {end} OR finish IS NULL THEN NULL WHEN reason IN ('E11', 'E12') THEN 'RC1'
        WHEN reason IN ('E43', 'E44') THEN 'RC4' WHEN reason = 'E41' THEN 'RC3' WHEN reason = 'E3' THEN 'RC5'
        WHEN reason = 'E7' THEN 'RC6' ELSE 'RC7' END AS closure_reason,
    false AS nfa,
    CASE WHEN ref_date + 2 <= {end} THEN ref_date + 2 END AS assess_start,
    CASE WHEN ref_date + 2 + randint('assess_len', child, 10, 50) <= {end}
        THEN least(ref_date + 2 + randint('assess_len', child, 10, 50), {closed}) END AS assess_auth,
    NULL::DATE AS plan_start, NULL::DATE AS plan_end,
    CASE WHEN protected THEN ref_date + 1 END AS s47_start,
    CASE WHEN protected THEN ref_date + 22 END AS icpc_target,
    CASE WHEN protected THEN ref_date + 20 END AS icpc,
    CASE WHEN protected THEN false END AS icpc_not_required,
    CASE WHEN protected THEN ref_date + 20 END AS cpp_start,
    CASE WHEN protected THEN start END AS cpp_end,
    {choice("u('category', child)", codes.CATEGORY_OF_ABUSE)} AS category, NULL AS latest_category,
    CASE WHEN protected AND u('prior_plans', child) < 0.2 THEN 1 WHEN protected THEN 0 END AS previous_plans
FROM (
    SELECT *, NOT uasc AND start - dob > 90 AND u('protected', child) < 0.35 AS protected FROM care_periods
    WHERE start <= {end} AND (finish IS NULL OR finish >= {start})
), LATERAL (SELECT greatest(dob, start - CASE WHEN protected THEN randint('referred', child, 60, 300)
    ELSE randint('referred', child, 7, 90) END) AS ref_date)
"""


def _children() -> str:
    """One row per child with a referral in `referrals`."""
    return """
SELECT child, dob, male, ethnicity, district FROM community WHERE child IN (SELECT child FROM referrals)
UNION ALL
SELECT child, dob, male, ethnicity, district FROM care_periods WHERE child IN (SELECT child FROM referrals)
ORDER BY child
"""
