"""The framework files' schema: strict pydantic models of what an analyst writes.

Stage one of three (file → spec → resolved model). Every model forbids
unknown fields, so a misspelt key is an error with a line number rather than
a setting silently ignored. `docs/framework-format.md` documents each field;
a test checks that every field here appears there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=40)]
YearLabel = Annotated[str, Field(pattern=r"^\d{4}-\d{2}$")]
MonthLabel = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]

Polarity = Literal["H", "L", "T"]
Frequency = Literal["M", "Q", "A"]
Unit = Literal["percent", "count", "rate_per_10000", "average", "score"]
DataPeriod = Literal[
    "snapshot",
    "month",
    "quarter",
    "rolling_3_months",
    "rolling_12_months",
    "year_to_date",
    "academic_year",
    "financial_year",
    "cohort",
]
Level = Literal["county", "area", "district", "team", "unit", "centre", "provider"]
RagName = Literal["GREEN", "AMBER", "RED"]


class Strict(BaseModel):
    """The base of every framework file's model: unknown keys are errors, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FrameworkSpec(Strict):
    """`framework.yaml`: the framework's identity and defaults."""

    name: str
    version: str
    organisation: str
    produced_by: str = "Management Information"
    rag: RagSpec = Field(default_factory=lambda: RagSpec(tolerance="3%"))
    small_denominator: int | None = Field(default=None, ge=1)
    suppress_below: int = Field(default=6, ge=1)


class GeographySpec(Strict):
    """One place or organisational unit results are reported for."""

    code: Code
    name: str
    level: Level
    parent: Code | None = None
    district: Code | None = None
    aliases: list[str] = Field(default_factory=list)


class GeographiesFile(Strict):
    geographies: list[GeographySpec]


class BandSpec(Strict):
    """One explicit RAG band; bands are tried in order, the first that holds wins."""

    rag: RagName
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    below: float | None = None


class RagSpec(Strict):
    """How a value is rated against its target. Fields not given fall back to
    the framework's default rule; `rule: none` means the indicator is not rated."""

    rule: Literal["target", "none"] = "target"
    tolerance: str | None = Field(default=None, pattern=r"^\d+(\.\d+)?%?$")
    floor: float | None = None
    band: float | None = Field(default=None, ge=0)
    bands: list[BandSpec] | None = None
    min_denominator: int | None = Field(default=None, ge=1)


class TargetSpec(Strict):
    """A target for one year, optionally for one geography or level only."""

    year: YearLabel
    value: float | str
    geography: Code | None = None
    basis: Literal["annual", "monthly"] = "annual"

    _check_value = field_validator("value")(classmethod(lambda cls, v: check_target(v)))


def check_target(value: float | str) -> float | str:
    """A target is a number or a threshold such as >80 or <=10."""
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        number = text.lstrip("<>=")
        try:
            float(number)
            valid = text[: len(text) - len(number)] in ("", "<", ">", "<=", ">=")
        except ValueError:
            valid = False
        if not valid:
            raise ValueError(f"{value!r} is not a target: write 92, >80, >=80, <10 or <=10")
    return value


class HistorySpec(Strict):
    """A change in an indicator's life: the framework keeps it, releases show it."""

    period: MonthLabel
    change: Literal["new", "amended", "replaced", "removed"]
    note: str = ""
    replaced_by: Code | None = None
    replaces: Code | None = None


class GapSpec(Strict):
    """A gap to publish: `group`'s result against `against` (another group, or `all`)."""

    group: str
    against: str = "all"


class ComputeSpec(Strict):
    """How an indicator is computed from warehouse records, compiled to one
    GROUPING SETS query over every geography, breakdown and period."""

    source: str = Field(description="a warehouse table or view, or a SELECT statement")
    where: str | None = None
    window: Literal[
        "month",
        "rolling_3_months",
        "rolling_12_months",
        "year_to_date",
        "snapshot",
        "academic_year",
        "financial_year",
        "cohort",
    ]
    date: str | None = None
    start: str | None = None
    end: str | None = None
    year: str | None = None
    numerator: str = "1"
    denominator: str | None = None
    geography: str = "district"
    breakdowns: list[str] = Field(default_factory=list)
    gaps: list[GapSpec] = Field(default_factory=list)
    suppress_below: int | None = Field(default=None, ge=1)


class IndicatorSpec(Strict):
    code: Code
    title: str
    short_title: str | None = None
    polarity: Polarity | None = None
    frequency: Frequency
    unit: Unit
    decimals: int = Field(default=1, ge=0, le=4)
    data_period: DataPeriod
    definition: str = ""
    source: str = ""
    latest_data: str = ""
    service: str = ""
    status: Literal["active", "amended", "replaced", "removed"] = "active"
    history: list[HistorySpec] = Field(default_factory=list)
    targets: dict[YearLabel, float | str] | list[TargetSpec] = Field(default_factory=dict)
    rag: RagSpec | Literal["none"] | None = None
    rolling_3_months: bool = False
    geographies: list[Code] = Field(default_factory=list)
    compute: ComputeSpec | None = None

    @field_validator("targets")
    @classmethod
    def _check_targets(cls, targets: dict[str, float | str] | list[TargetSpec]) -> object:
        if isinstance(targets, dict):
            for year, value in targets.items():
                try:
                    check_target(value)
                except ValueError as exc:
                    raise ValueError(f"{year}: {exc}") from None
        return targets


class IndicatorsFile(Strict):
    indicators: list[IndicatorSpec]


ColumnKey = Literal[
    "polarity",
    "frequency",
    "data_period",
    "latest",
    "latest_rag",
    "numerator",
    "denominator",
    "dot",
    "previous",
    "target",
    "monthly_target",
    "rag",
    "outturn",
    "outturn_rag",
    "one_month_ago",
    "dot_1m",
    "one_year_ago",
    "dot_1y",
    "rolling_3m",
    "rolling_3m_rag",
    "change",
    "variance",
    "series",
]


class ColumnSpec(Strict):
    """A table column: what it shows, for which year or group, and its heading."""

    show: ColumnKey
    year: str | None = None
    group: str = "all"
    heading: str | None = None
    basis: Literal["annual", "monthly"] = "annual"
    start: MonthLabel | None = None
    end: MonthLabel | None = None


class SectionSpec(Strict):
    title: str | None = None
    geography: Code | None = None
    indicators: list[Code]


class TableSpec(Strict):
    title: str
    columns: list[ColumnSpec | ColumnKey]
    sections: list[SectionSpec]
    summary_counts: bool = False


class ScorecardSpec(Strict):
    code: Code
    title: str
    cadence: Literal["monthly", "quarterly"] = "monthly"
    data_month_only: bool = False
    geographies: list[Code]
    guidance: str = ""
    notes: list[str] = Field(default_factory=list)
    tables: list[TableSpec]


class EqualityGroupSpec(Strict):
    """A group and, when not its indicator's own comparison, the group it is compared with."""

    group: str
    against: str | None = None


def _group_entry(value: Any) -> Any:
    """A group may be written as its code alone: `fsm` is `{group: fsm}`."""
    return {"group": value} if isinstance(value, str) else value


EqualityGroupEntry = Annotated[EqualityGroupSpec, BeforeValidator(_group_entry)]


class EqualityMeasureSpec(Strict):
    """A key-stage measure of the equality report and the words its sentences use."""

    indicator: Code
    stage: str
    wording: str
    subject: str


class EqualitySpec(Strict):
    """`equality.yaml`: what the annual equality report covers, and in what words."""

    measures: list[EqualityMeasureSpec] = Field(min_length=1)
    vulnerable_groups: dict[str, list[EqualityGroupEntry]] = Field(default_factory=dict)
    gender: EqualityGroupEntry | None = None
    names: dict[str, str] = Field(default_factory=dict)


class PublishedGroupSpec(Strict):
    """The published measure for one group of an indicator."""

    measure: str
    source_file: str | None = None
    filters: dict[str, str] = Field(default_factory=dict)


class PublishedIndicatorSpec(Strict):
    """Where an indicator's groups are published; `source_file` and `filters` apply to each group."""

    source_file: str | None = None
    filters: dict[str, str] = Field(default_factory=dict)
    groups: dict[str, PublishedGroupSpec]


class NationalSpec(Strict):
    """`national.yaml`: how the framework's indicators map to published national figures."""

    council: str
    neighbours: str | None = None
    indicators: dict[Code, PublishedIndicatorSpec] = Field(default_factory=dict)


FrameworkSpec.model_rebuild()
