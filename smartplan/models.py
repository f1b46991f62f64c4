"""The plan format: one pydantic model per file kind. No I/O here.

Field names are English; the content people write in them is Indonesian. Every model is strict
(no silent type conversion) and refuses unknown fields, so a typo is an error, not a lost value.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue as JsonSchema
from pydantic_core import core_schema

DIMENSION_IDS = ("governance", "branding", "economy", "living", "society", "environment")

# Patterns are also ECMA-262 (the JSON Schemas carry them to editors and other validators): no `\"` escapes.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
URL_PATTERN = r"""^https?://[^\s<>"']+$"""
REGION_CODE_PATTERN = r"^\d{2}(\.?\d{2})?$"
YEAR_IN_ID_PATTERN = r"(?<![0-9])(19[0-9]{2}|2[01][0-9]{2}|2200)(?![0-9])"  # a Year written in an id: qw-2026-...

FIRST_YEAR, LAST_YEAR = 1900, 2200  # any year a plan names; written in full, never '25'
EMBLEM_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}\.(png|jpg|jpeg)$"  # a file beside plan.yaml: no folder, no link out

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
Markdown = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Amount = int  # Rupiah; negative amounts are reported by the checks, with their place.
YearMonth = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=2_000)]
DimensionId = Literal["governance", "branding", "economy", "living", "society", "environment"]


def is_id(text: str) -> bool:
    """Whether `text` is a valid id (ID_PATTERN)."""
    return _ID.fullmatch(text) is not None


_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
Status = Literal["planned", "ongoing", "done", "delayed", "cancelled"]


def _date_from_text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("expected a date written as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_date_from_text), Field(strict=False)]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# ---- plan.yaml -------------------------------------------------------------------------------


class Period(Model):
    start: Year
    end: Year


class Document(Model):
    title: Text
    version: Text = "1.0"
    date: IsoDate
    status: Literal["draft", "final"] = "draft"
    prepared_by: Text


class City(Model):
    name: Text
    type: Literal["kota", "kabupaten"]
    province: Text
    region_code: Annotated[str, StringConstraints(pattern=REGION_CODE_PATTERN)]
    legal_basis: Text | None = None
    established: IsoDate | None = None
    emblem: Annotated[str, StringConstraints(pattern=EMBLEM_PATTERN)] | None = None


class Source(Model):
    id: Id
    title: Text
    publisher: Text | None = None
    year: Year | None = None
    url: Url | None = None
    note: Text | None = None
    placeholder: bool = False  # an illustrative figure still to be confirmed by the responsible agency


class Fact(Model):
    label: Text
    value: float
    unit: Text | None = None
    year: Year | None = None
    source: Id
    note: Text | None = None


class PopulationCount(Model):
    year: Year
    value: int
    source: Id
    note: Text | None = None


class District(Model):
    name: Text
    area_km2: float
    villages: int
    kelurahan: int
    population: int
    population_year: Year
    source: Id


class Initiative(Model):
    name: Text
    agency: Id
    description: Text


class Section(Model):
    title: Text
    body: Markdown


class Profile(Model):
    summary: Markdown
    facts: list[Fact] = []
    population: list[PopulationCount] = []
    districts: list[District] = []
    existing_initiatives: list[Initiative] = []
    sections: list[Section] = []


class Introduction(Model):
    background: Markdown
    purpose: Markdown
    legal_basis: list[Text] = []
    scope: Markdown


class ReadinessItem(Model):
    name: Text
    assessment: Literal["good", "moderate", "poor"]
    description: Text
    source: Id | None = None


class Application(Model):
    name: Text
    agency: Id
    purpose: Text
    source: Id | None = None


class Regulation(Model):
    title: Text
    about: Text | None = None
    source: Id | None = None


class ReadinessData(Model):
    ict_staff: list[Fact] = []
    ict_budget: list[Fact] = []
    spbe_index: list[Fact] = []
    internet_access: list[Fact] = []
    data_centre: list[Fact] = []
    applications: list[Application] = []
    regulations: list[Regulation] = []


class Readiness(Model):
    summary: Markdown | None = None
    data: ReadinessData = ReadinessData()
    structure: list[ReadinessItem] = []
    infrastructure: list[ReadinessItem] = []
    superstructure: list[ReadinessItem] = []


class Swot(Model):
    strengths: list[Text] = []
    weaknesses: list[Text] = []
    opportunities: list[Text] = []
    threats: list[Text] = []


class Alignment(Model):
    document: Text
    level: Literal["rpjpd", "rpjmd", "rpjmn", "spbe", "sectoral", "other"]
    statement: Text
    relevance: Text


class Criterion(Model):
    id: Id
    name: Text
    weight: Annotated[int, Field(ge=1, le=100)] = 1
    description: Text | None = None


class CrosswalkLine(Model):
    document: Text
    level: Literal["rpjpd", "rpjmd", "rpjmn", "spbe", "sectoral", "province", "other"]
    reference: Text  # the goal, target or indicator in that document
    mission: Id | None = None
    dimension: DimensionId | None = None
    indicator: Id | None = None
    source: Id | None = None


class Mission(Model):
    id: Id
    text: Text


class Body(Model):
    id: Id
    name: Text
    kind: Literal["council", "team", "secretariat", "other"]
    legal_basis: Text | None = None
    chair: Text | None = None
    members: list[Text] = []
    responsibilities: list[Text] = []


class Governance(Model):
    bodies: list[Body] = []
    monitoring: Markdown | None = None


class Phase(Model):
    name: Text
    start: Year
    end: Year
    focus: Text | None = None
    source: Id | None = None


class Decision(Model):
    decision: Text
    by: Text
    when: Text | None = None
    status: Literal["needed", "taken"] = "needed"
    source: Id | None = None


Level = Literal["low", "medium", "high"]


class PlanRisk(Model):
    risk: Text
    likelihood: Level | None = None
    impact: Level | None = None
    mitigation: Text
    owner: Id | None = None


class StaffStep(Model):
    step: Text
    agency: Id
    year: Year | None = None
    source: Id | None = None


class Agency(Model):
    id: Id
    name: Text
    short_name: Text | None = None


class FundingSource(Model):
    id: Id
    name: Text
    short_name: Text | None = None


class Signatory(Model):
    position: Text
    name: Text | None = None  # a blank line to sign on until the name is known
    nip: Text | None = None


class Term(Model):
    term: Text
    meaning: Text


class PlanFile(Model):
    """plan.yaml: the city, the period and everything that is not per dimension or per program."""

    language: Literal["id", "en"] = "id"
    document: Document
    city: City
    period: Period
    introduction: Introduction
    profile: Profile
    readiness: Readiness
    swot: Swot = Swot()
    alignment: list[Alignment] = []
    crosswalk: list[CrosswalkLine] = []
    vision: Text
    missions: list[Mission] = Field(min_length=1)
    goals: list[Text] = []
    governance: Governance = Governance()
    phases: list[Phase] = []
    decisions: list[Decision] = []
    quickwin_criteria: list[Criterion] = []
    risk_management: list[PlanRisk] = []
    change_management: Markdown | None = None
    staff_development: list[StaffStep] = []
    agencies: list[Agency] = Field(min_length=1)
    funding_sources: list[FundingSource] = Field(min_length=1)
    sources: list[Source] = []
    closing: Markdown | None = None
    head_of_region: Signatory | None = None
    foreword: Markdown | None = None
    approval: list[Signatory] = []
    glossary: list[Term] = []


# ---- dimensions/<id>.yaml --------------------------------------------------------------------


READINESS_SCALE = (1, 2, 3, 4)  # 1 not there yet, 2 started, 3 in place, 4 established


class ReadinessScore(Model):
    aspect: Literal["structure", "infrastructure", "superstructure"]
    score: Annotated[int, Field(ge=1, le=4)]
    evidence: Text
    source: Id | None = None


class Element(Model):
    id: Id
    name: Text
    goal: Text | None = None
    description: Markdown | None = None
    strategies: list[Text] = []
    today: Text | None = None  # the element's condition today, for the gap analysis
    readiness: list[ReadinessScore] = []


class Baseline(Model):
    year: Year
    value: float
    source: Id


class Target(Model):
    """A target written in full, with the source it comes from: `2026: {value: 60, source: rpjmd}`."""

    value: float
    source: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        # `2026: 60` is the value alone; anything but a mapping is read as one, so `2026: x` says "expected a number".
        return data if isinstance(data, dict) else {"value": data}


class SourcedValue(float):
    """A target as the rest of smartplan reads it: a number, carrying its own source when it was written in full."""

    source: str | None = None

    @classmethod
    def of(cls, target: Target) -> float:
        if "source" not in target.model_fields_set:
            return target.value
        made = cls(target.value)
        made.source = target.source
        return made


class _TargetForm:
    """Accepts `2026: 60` (today's short form) or `2026: {value: 60, source: rpjmd}`; both read back as numbers."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            SourcedValue.of,
            handler.generate_schema(Target),
            serialization=core_schema.plain_serializer_function_ser_schema(float),  # read back as the number alone
        )

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchema:
        return {"anyOf": [{"type": "number"}, handler(schema)]}


TargetValue = Annotated[float, _TargetForm()]


class Indicator(Model):
    id: Id
    name: Text
    element: Id
    unit: Text
    type: Literal["output", "outcome", "impact"]
    direction: Literal["higher", "lower"]
    baseline: Baseline | None = None
    targets: dict[Year, TargetValue] = {}
    source: Id | None = None  # where the targets come from, unless a target names its own
    data_source: Text
    frequency: Literal["annual", "semester", "quarterly", "monthly"] = "annual"
    references: list[Text] = []

    def target_source(self, year: int) -> str | None:
        """The source of one year's target: its own, or else the indicator's."""
        return getattr(self.targets.get(year), "source", None) or self.source


class DimensionFile(Model):
    """dimensions/<id>.yaml: one of the six dimensions with its elements and indicators."""

    id: DimensionId
    name: Text
    goal: Text
    description: Markdown | None = None
    existing_conditions: Markdown
    strategic_issues: list[Text] = []
    elements: list[Element] = Field(min_length=1)
    indicators: list[Indicator] = []
    swot: Swot | None = None
    headline_indicator: Id | None = None  # the one figure the executive summary shows for the dimension


# ---- quickwins/<id>.yaml and programs/<id>.yaml ----------------------------------------------


class BudgetLine(Model):
    year: Year
    amount: Amount
    funding: Id


class IndicatorTarget(Model):
    indicator: Id
    target: float
    year: Year | None = None


class Activity(Model):
    activity: Text
    start: YearMonth
    end: YearMonth


class Risk(Model):
    risk: Text
    mitigation: Text


class Milestone(Model):
    year: Year
    milestone: Text


class OperatingCost(Model):
    per_year: Amount
    funding: Id
    start: Year | None = None  # the year after the build years unless given
    source: Id | None = None
    note: Text | None = None


class Action(Model):
    """Fields a quick win and a program share."""

    id: Id
    name: Text
    dimension: DimensionId
    element: Id
    lead_agency: Id
    supporting_agencies: list[Id] = []
    description: Markdown
    outputs: list[Text] = Field(min_length=1)
    outcomes: list[Text] = []
    impact: Text | None = None
    indicators: list[IndicatorTarget] = []
    budget: list[BudgetLine] = []
    source: Id | None = None  # where the budget figures come from
    status: Status = "planned"
    risks: list[Risk] = []
    depends_on: list[Id] = []
    operating_cost: OperatingCost | None = None
    location: Text | None = None


class QuickWinFile(Action):
    """quickwins/<id>.yaml: a flagship delivered within one year."""

    year: Year
    schedule: list[Activity] = []
    scores: dict[Id, Annotated[int, Field(ge=1, le=5)]] = {}  # criterion id (plan.yaml) -> 1..5
    scores_source: Id | None = None


class ProgramFile(Action):
    """programs/<id>.yaml: a medium- or long-term program on the roadmap."""

    term: Literal["medium", "long"]
    start: Year
    end: Year
    milestones: list[Milestone] = []
