"""The shape of a synthetic population: councils, their districts and teams,
and how many children each holds, for each scale.

The county is the example records framework's county (Westmarch): its
districts and teams are read from that framework's geography files, so the
generated records always carry codes the framework knows. A national
population is 150 fictional councils of uneven size in England's nine
regions, each council its own lowest geography.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from scorecards.errors import ScorecardsError
from scorecards.synthetic.draws import choice

ScaleName = Literal["tiny", "county", "national"]
SCALES: tuple[ScaleName, ...] = ("tiny", "county", "national")

RECORDS_FRAMEWORK = Path(__file__).parent.parent / "examples" / "records" / "framework"

# England's regions (ONS codes), each with its share of councils.
REGIONS = (
    ("E12000001", "North East", 12),
    ("E12000002", "North West", 23),
    ("E12000003", "Yorkshire and The Humber", 15),
    ("E12000004", "East Midlands", 9),
    ("E12000005", "West Midlands", 14),
    ("E12000006", "East of England", 11),
    ("E12000007", "London", 33),
    ("E12000008", "South East", 19),
    ("E12000009", "South West", 14),
)
NATIONAL_COUNCILS = 150
NATIONAL_TOTALS = {"pupils": 8_000_000, "referrals": 650_000, "in_care": 80_000, "early_help": 360_000}
COUNTY_SIZES = {"pupils": 230_000, "referrals": 18_700, "in_care": 1_800, "early_help": 10_000}
TINY_SIZES = {"pupils": 3_000, "referrals": 500, "in_care": 120, "early_help": 300}


@dataclass(frozen=True)
class District:
    """The lowest geography records are attributed to, with the teams that serve it."""

    code: str
    name: str
    weight: float  # share of the council's children, before normalising
    deprivation: float  # -1 least … 1 most deprived: raises FSM, need and care
    teams: tuple[str, ...] = ()  # social work teams: children's records may be attributed to them
    early_help_teams: tuple[str, ...] = ()  # teams named "Early Help …": early-help cases' `team`


@dataclass(frozen=True)
class Council:
    """One local authority's population: sizes per year, and its districts."""

    index: int  # numbers every identifier, so councils never share one
    code: str
    name: str
    la_number: int  # the DfE's three-digit LA number in the CIN census header
    region: str
    districts: tuple[District, ...]
    pupils: int
    referrals_per_year: int
    in_care: int
    early_help_per_year: int

    @property
    def deprivation(self) -> float:
        total = sum(d.weight for d in self.districts)
        return sum(d.weight * d.deprivation for d in self.districts) / total


def diversity(council: Council) -> float:
    """The share of children not White British: more in deprived and (by chance) urban councils."""
    return 0.12 + 0.1 * (council.deprivation + 1) + 0.35 * stable_fraction("diversity", council.code) ** 3


def district_choice(council: Council, draw: str, need: float = 0.0) -> str:
    """SQL choosing a district code for the uniform `draw`, by size, and by
    deprivation too when `need` is given (children in need live more often
    in deprived districts)."""
    return choice(draw, [(d.code, d.weight * (1 + need * d.deprivation)) for d in council.districts])


def stable_fraction(*parts: object) -> float:
    """A number in [0, 1) fixed by `parts` (not by the seed): a district's
    size and deprivation stay the same whatever seed generates its records."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def councils(scale: ScaleName) -> list[Council]:
    """The councils a scale generates."""
    if scale == "national":
        return national_councils()
    sizes = COUNTY_SIZES if scale == "county" else TINY_SIZES
    return [county(sizes)]


def county(sizes: dict[str, int]) -> Council:
    """Westmarch, from the example records framework's geographies."""
    entries = _geography_entries(RECORDS_FRAMEWORK / "geographies")
    top = [e for e in entries if e.get("level") == "county"]
    if len(top) != 1:
        raise ScorecardsError(
            f"{RECORDS_FRAMEWORK}: expected one county in the geographies, found {len(top)}"
        )
    districts = tuple(
        District(
            code=e["code"],
            name=e["name"],
            weight=0.6 + 0.8 * stable_fraction("weight", e["code"]),
            deprivation=2 * stable_fraction("deprivation", e["code"]) - 1,
            teams=_teams(entries, e["code"], early_help=False),
            early_help_teams=_teams(entries, e["code"], early_help=True),
        )
        for e in entries
        if e.get("level") == "district"
    )
    return Council(0, top[0]["code"], top[0]["name"], 999, "E12000008", districts, **_named(sizes))


def _teams(entries: list[dict[str, Any]], district: str, early_help: bool) -> tuple[str, ...]:
    """The codes of the teams serving `district`: early-help teams are those named "Early Help …"."""
    return tuple(
        str(e["code"])
        for e in entries
        if e.get("district") == district and ("early help" in str(e.get("name", "")).lower()) == early_help
    )


def _named(sizes: dict[str, int]) -> dict[str, int]:
    return {
        "pupils": sizes["pupils"],
        "referrals_per_year": sizes["referrals"],
        "in_care": sizes["in_care"],
        "early_help_per_year": sizes["early_help"],
    }


def _geography_entries(folder: Path) -> list[dict[str, Any]]:
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ScorecardsError(f"{folder}: no geography files; the synthetic county is read from them")
    entries: list[dict[str, Any]] = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries += [e for e in data.get("geographies", []) if isinstance(e, dict)]
    return entries


def national_councils() -> list[Council]:
    """150 councils whose sizes follow a skewed spread, summing to England's totals."""
    weights = [
        math.exp(0.55 * _normal(stable_fraction("size", i), stable_fraction("size2", i)))
        for i in range(NATIONAL_COUNCILS)
    ]
    codes = [f"E06{900 + i:06d}" for i in range(1, NATIONAL_COUNCILS + 1)]
    deprivation = [2 * stable_fraction("deprivation", code) - 1 for code in codes]
    # Deprived councils refer and look after more children for their size.
    needs = [w * (1 + 0.35 * d) for w, d in zip(weights, deprivation, strict=True)]
    regions = [code for code, _, count in REGIONS for _ in range(count)]
    result = []
    for i, code in enumerate(codes, start=1):
        share, need = weights[i - 1] / sum(weights), needs[i - 1] / sum(needs)
        district = District(code, council_name(i), 1.0, deprivation[i - 1])
        sizes = {
            "pupils": round(NATIONAL_TOTALS["pupils"] * share),
            "referrals": round(NATIONAL_TOTALS["referrals"] * need),
            "in_care": round(NATIONAL_TOTALS["in_care"] * need),
            "early_help": round(NATIONAL_TOTALS["early_help"] * need),
        }
        council = Council(i, code, council_name(i), 600 + i, regions[i - 1], (district,), **_named(sizes))
        result.append(council)
    return result


def geographies_yaml(every: list[Council]) -> str:
    """A framework geographies file for a national population: England (level
    `county`), its regions (`area`) and the councils (`district`), the codes
    its geography maps and pupil records are attributed to."""
    lines = [
        "# The national synthetic population's geographies, written by `scorecards generate`.",
        "geographies:",
        "  - {code: E92000001, name: England, level: county}",
        *(f"  - {{code: {code}, name: {name}, level: area, parent: E92000001}}" for code, name, _ in REGIONS),
        *(f"  - {{code: {c.code}, name: {c.name}, level: district, parent: {c.region}}}" for c in every),
    ]
    return "\n".join(lines) + "\n"


def _normal(u1: float, u2: float) -> float:
    return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)


PLACE_STARTS = (
    "Alder",
    "Brin",
    "Corve",
    "Dray",
    "Esk",
    "Fal",
    "Gart",
    "Hest",
    "Iver",
    "Jes",
    "Kel",
    "Lum",
    "Mor",
    "Nant",
    "Orm",
    "Pell",
    "Quen",
    "Ros",
    "Sil",
    "Tor",
)
PLACE_ENDS = ("wick", "stow", "mere", "holt", "thorpe", "combe", "garth", "shaw")


def council_name(i: int) -> str:
    """A fictional place name, different for each of the 160 first councils."""
    j = i - 1
    return PLACE_STARTS[j % len(PLACE_STARTS)] + PLACE_ENDS[(j // len(PLACE_STARTS)) % len(PLACE_ENDS)]
