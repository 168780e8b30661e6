"""What the statistics engine produces: plain, frozen data that converts to JSON and back.

A published release (DESIGN.md §4) freezes a `StatisticsReport` to JSON and renders it again
later without recomputing; small-cell suppression is applied on top of it when presenting."""
from dataclasses import asdict, dataclass, field

from monitor.statistics.periods import Period

#: Excluded-count names, in the order they are shown.
EXCLUDED = ("unknown", "not_applicable", "not_recorded")


@dataclass(frozen=True)
class Figure:
    """One number with what it rests on.

    count: `n` units. percentage: `numerator` of `denominator` (= `n`), `value` in percent (None
    when the denominator is 0). duration: `n` units with a value, `value` the median, with mean,
    minimum and maximum. `excluded` counts units left out of the denominator, by reason.

    In a published release small cells are withheld (`monitor.statistics.suppression`): a withheld
    figure has `suppressed` set and every number None; a withheld excluded count is None."""

    kind: str
    n: int | None
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    excluded: dict[str, int | None] = field(default_factory=dict)
    suppressed: bool = False

    @property
    def median(self) -> float | None:
        return self.value if self.kind == "duration" else None

    def to_dict(self) -> dict:
        data = asdict(self)
        if self.kind == "duration":
            data["median"] = self.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Figure":
        return cls(**{name: data[name] for name in (
            "kind", "n", "value", "numerator", "denominator", "mean", "minimum", "maximum", "excluded")},
                   suppressed=data.get("suppressed", False))


@dataclass(frozen=True)
class CategoryFigure:
    key: str
    label: dict[str, str]
    figure: Figure


@dataclass(frozen=True)
class BreakdownResult:
    key: str
    title: dict[str, str]
    categories: tuple[CategoryFigure, ...]


@dataclass(frozen=True)
class IndicatorResult:
    key: str
    figure: Figure
    breakdowns: tuple[BreakdownResult, ...] = ()


@dataclass(frozen=True)
class Comparison:
    period: Period
    figure: Figure


@dataclass(frozen=True)
class IndicatorReport:
    """An indicator's definition (as plain data), its figure and breakdowns for the period,
    the same figure for the comparison periods, and (for key indicators) its trend."""

    definition: dict
    figure: Figure
    breakdowns: tuple[BreakdownResult, ...]
    previous: Comparison | None = None
    year_earlier: Comparison | None = None
    trend: tuple[Comparison, ...] = ()

    @property
    def key(self) -> str:
        return self.definition["key"]


@dataclass(frozen=True)
class StatisticsReport:
    period: Period
    #: key, version, title and checklist of the indicator file used.
    indicator_set: dict
    #: key, title and note of each group, in order.
    groups: tuple[dict, ...]
    #: Checklist statuses that were counted (only "approved" once the review workflow exists).
    counted_statuses: tuple[str, ...]
    generated_at: str
    indicators: tuple[IndicatorReport, ...]
    #: Set when small cells were withheld (a published release): cells below it are suppressed.
    suppression_threshold: int | None = None

    def in_group(self, group: str) -> list[IndicatorReport]:
        return [report for report in self.indicators if report.definition["group"] == group]

    def indicator(self, key: str) -> IndicatorReport:
        return next(report for report in self.indicators if report.key == key)

    def to_dict(self) -> dict:
        return {
            "period": self.period.to_dict(),
            "indicator_set": dict(self.indicator_set),
            "groups": [dict(group) for group in self.groups],
            "counted_statuses": list(self.counted_statuses),
            "generated_at": self.generated_at,
            "indicators": [_indicator_to_dict(report) for report in self.indicators],
            "suppression_threshold": self.suppression_threshold,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "StatisticsReport":
        return cls(
            period=Period.from_dict(data["period"]),
            indicator_set=data["indicator_set"],
            groups=tuple(data["groups"]),
            counted_statuses=tuple(data["counted_statuses"]),
            generated_at=data["generated_at"],
            indicators=tuple(_indicator_from_dict(item) for item in data["indicators"]),
            suppression_threshold=data.get("suppression_threshold"),
        )


def _comparison_to_dict(comparison: Comparison | None) -> dict | None:
    if comparison is None:
        return None
    return {"period": comparison.period.to_dict(), **comparison.figure.to_dict()}


def _comparison_from_dict(data: dict | None) -> Comparison | None:
    if data is None:
        return None
    return Comparison(Period.from_dict(data["period"]), Figure.from_dict(data))


def _indicator_to_dict(report: IndicatorReport) -> dict:
    definition = report.definition
    return {
        "key": definition["key"],
        "group": definition["group"],
        "title": definition["title"],
        "unit": definition["unit"],
        "kind": definition["kind"],
        **report.figure.to_dict(),
        "breakdowns": [
            {
                "key": breakdown.key,
                "title": breakdown.title,
                "categories": [{"key": c.key, "label": c.label, **c.figure.to_dict()} for c in breakdown.categories],
            }
            for breakdown in report.breakdowns
        ],
        "previous": _comparison_to_dict(report.previous),
        "year_earlier": _comparison_to_dict(report.year_earlier),
        "trend": [_comparison_to_dict(point) for point in report.trend],
        "definition": definition,
    }


def _indicator_from_dict(data: dict) -> IndicatorReport:
    return IndicatorReport(
        definition=data["definition"],
        figure=Figure.from_dict(data),
        breakdowns=tuple(
            BreakdownResult(
                key=breakdown["key"],
                title=breakdown["title"],
                categories=tuple(CategoryFigure(c["key"], c["label"], Figure.from_dict(c)) for c in breakdown["categories"]),
            )
            for breakdown in data["breakdowns"]
        ),
        previous=_comparison_from_dict(data["previous"]),
        year_earlier=_comparison_from_dict(data["year_earlier"]),
        trend=tuple(_comparison_from_dict(point) for point in data["trend"]),
    )
