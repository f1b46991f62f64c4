"""monitoring/<year>.yaml: what was realised in one year, beside the plan and never changing it. No I/O."""

from __future__ import annotations

from typing import Literal

from smartplan.models import Amount, Id, IsoDate, Model, Text, Url, Year

ProgressStatus = Literal["not-started", "running", "done", "delayed", "cancelled"]
PROGRESS_STATUSES: tuple[ProgressStatus, ...] = ("not-started", "running", "done", "delayed", "cancelled")


class Realised(Model):
    """One indicator's realised value in the year; no value yet means no data (the agency still has to fill it)."""

    indicator: Id
    value: float | None = None
    source: Id | None = None  # a source of plan.yaml; one marked `placeholder: true` marks the value as unconfirmed
    note: Text | None = None


class Spent(Model):
    """Money spent in the year from one funding source."""

    funding: Id
    amount: Amount


class Evidence(Model):
    """A document that shows the work was done: its title and, where public, a link."""

    title: Text
    url: Url | None = None


class ActionProgress(Model):
    """A quick win's or program's year: its status, the budget realised per funding source, and the evidence."""

    id: Id
    status: ProgressStatus | None = None  # not reported yet: the agency still has to fill it in
    realised: list[Spent] = []
    evidence: list[Evidence] = []
    note: Text | None = None


class MonitoringFile(Model):
    """monitoring/<year>.yaml: realised indicator values, quick wins and programs of one year, and who reported."""

    year: Year
    reported: IsoDate
    reporter: Text
    indicators: list[Realised] = []
    quickwins: list[ActionProgress] = []
    programs: list[ActionProgress] = []
