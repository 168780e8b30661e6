"""Small-cell suppression: what a published release withholds so that nobody can be singled out.

Pure functions on a `StatisticsReport` (no Flask, no database); the release service applies them
before anything public is rendered or written. The rules (docs/releases.md, "Privacy by construction"):

1. A figure resting on 1 to threshold-1 units is withheld whole: a count, a percentage whose
   denominator is that small (its numerator and value go with it), a duration whose n is that
   small (the median, minimum and maximum of a tiny group describe people).
2. An excluded count (unknown, not applicable, not recorded) of 1 to threshold-1 is withheld, and
   so are all excluded counts of a withheld figure.
3. Complementary suppression. Where cells add up to a published total (the categories of a
   breakdown; the excluded counts of a figure; one excluded reason across a breakdown's
   categories), a withheld cell could be recovered by subtraction. So while exactly one cell of
   such a group is withheld, or the withheld cells together hold fewer than `threshold` units,
   the smallest remaining cell is withheld too (a non-zero one first).

4. The parts of a percentage (its denominator and each excluded count) add up to the units it is
   computed among, which another figure usually publishes: the withheld parts of a shown figure
   must add up to 0 or to at least `threshold`, else the figure is withheld whole.
5. Juveniles (docs/privacy.md): when the denominator is below 4 × threshold, a numerator or its
   complement of 1 to threshold-1, or a numerator of 0 or of all, withholds the figure whole.
6. A duration is a median only: its minimum, maximum and mean are never public.
7. Cells named in `forced` (found by looking across releases, `monitor.statistics.linkage`) are
   withheld, and complemented as above.

Zero is shown: it describes nobody (but see rule 5). The figure a percentage rests on is its
denominator; its numerator may be small when the denominator is not (2 of 40 is publishable)."""
from dataclasses import replace

from monitor.statistics.results import Comparison, Figure, IndicatorReport, StatisticsReport

#: Default minimum number of units a published cell rests on (config RELEASE_SUPPRESSION_THRESHOLD).
DEFAULT_THRESHOLD = 5
#: Juvenile groups below this many times the threshold keep their numerators to themselves (rule 5).
JUVENILE_GROUP_FACTOR = 4
#: The cell of a whole figure in a `forced` key (indicator, breakdown, category, cell); "all" marks the headline.
WHOLE = "figure"
HEADLINE = ("all", "all")


def size(figure: Figure) -> int:
    """How many units a figure rests on: the count, the denominator, or the n of a duration."""
    if figure.kind == "percentage":
        return figure.denominator or 0
    return figure.n or 0


def is_small(units: int | None, threshold: int) -> bool:
    return units is not None and 0 < units < threshold


def complete(sizes: list[int], withheld: set[int], threshold: int) -> set[int]:
    """Complementary suppression over cells that add up to a total: the indexes to withhold."""
    withheld = set(withheld)
    while withheld and (len(withheld) == 1 or sum(sizes[i] for i in withheld) < threshold):
        remaining = [i for i in range(len(sizes)) if i not in withheld]
        if not remaining:
            break
        withheld.add(min(remaining, key=lambda i: (sizes[i] == 0, sizes[i], i)))
    return withheld


def withhold(figure: Figure) -> Figure:
    """The figure with every number removed."""
    return Figure(kind=figure.kind, n=None, excluded={name: None for name in figure.excluded}, suppressed=True)


def median_only(figure: Figure) -> Figure:
    """A duration without the values that are one person's (rule 6); other figures unchanged."""
    if figure.kind != "duration":
        return figure
    return replace(figure, mean=None, minimum=None, maximum=None)


def juvenile_disclosive(figure: Figure, threshold: int) -> bool:
    """Rule 5: a small juvenile group whose numerator says something about (nearly) every child."""
    if figure.kind != "percentage" or not figure.denominator or figure.denominator >= JUVENILE_GROUP_FACTOR * threshold:
        return False
    numerator, complement = figure.numerator or 0, figure.denominator - (figure.numerator or 0)
    return is_small(numerator, threshold) or is_small(complement, threshold) or numerator in (0, figure.denominator)


def suppress_report(report: StatisticsReport, threshold: int = DEFAULT_THRESHOLD,
                    forced: frozenset = frozenset()) -> StatisticsReport:
    """The report as the public may see it, with `suppression_threshold` recorded in it. `forced`
    holds (indicator, breakdown, category, cell) keys to withhold as well; cell is WHOLE or an excluded reason."""
    return replace(
        report,
        indicators=tuple(suppress_indicator(indicator, threshold, {key[1:] for key in forced if key[0] == indicator.key})
                         for indicator in report.indicators),
        suppression_threshold=threshold,
    )


def suppress_figure(figure: Figure, threshold: int) -> Figure:
    """One figure standing alone (a comparison or a trend point): rules 1, 2, 3 and 6 on it."""
    return _apply([figure], [[0]], threshold)[0]


def suppress_indicator(indicator: IndicatorReport, threshold: int, forced: set | frozenset = frozenset()) -> IndicatorReport:
    figures = [indicator.figure]
    places = [HEADLINE]
    groups: list[list[int]] = [[0]]
    for breakdown in indicator.breakdowns:
        first = len(figures)
        figures.extend(category.figure for category in breakdown.categories)
        places.extend((breakdown.key, category.key) for category in breakdown.categories)
        groups.append(list(range(first, len(figures))))
    juvenile = indicator.definition.get("unit") == "juvenile"
    pinned = {(places.index((breakdown, category)), cell) for breakdown, category, cell in forced
              if (breakdown, category) in places}
    cleared = iter(_apply(figures, groups, threshold, pinned, juvenile))
    headline = next(cleared)
    breakdowns = tuple(
        replace(breakdown, categories=tuple(replace(category, figure=next(cleared)) for category in breakdown.categories))
        for breakdown in indicator.breakdowns
    )
    return replace(
        indicator,
        figure=headline,
        breakdowns=breakdowns,
        previous=_comparison(indicator.previous, threshold),
        year_earlier=_comparison(indicator.year_earlier, threshold),
        trend=tuple(_comparison(point, threshold) for point in indicator.trend),
    )


def _comparison(comparison: Comparison | None, threshold: int) -> Comparison | None:
    if comparison is None:
        return None
    return Comparison(comparison.period, suppress_figure(comparison.figure, threshold))


def _apply(figures: list[Figure], groups: list[list[int]], threshold: int, pinned: set = frozenset(),
           juvenile: bool = False) -> list[Figure]:
    """Withhold figures and excluded counts. `groups` lists the figures that add up to a total
    (the headline alone, then each breakdown's categories); `pinned` holds (figure index, cell) to withhold."""
    sizes = [size(figure) for figure in figures]
    hidden = {i for i, units in enumerate(sizes) if is_small(units, threshold)}
    hidden |= {i for i, cell in pinned if cell == WHOLE}
    if juvenile:
        hidden |= {i for i, figure in enumerate(figures) if juvenile_disclosive(figure, threshold)}
    reasons = sorted({name for figure in figures for name in figure.excluded})
    counts = {(i, name): figures[i].excluded.get(name) or 0 for i in range(len(figures)) for name in reasons}
    cells = {(i, name) for i, name in pinned if name != WHOLE}
    while True:  # each pass only adds withheld figures and cells, so this ends
        before = (len(hidden), len(cells))
        for group in groups[1:]:
            chosen = complete([sizes[i] for i in group], {group.index(i) for i in group if i in hidden}, threshold)
            hidden |= {group[position] for position in chosen}
        cells |= {(i, name) for (i, name), count in counts.items() if name in figures[i].excluded
                  and (i in hidden or is_small(count, threshold))}
        for i, figure in enumerate(figures):  # a figure's excluded counts add up to its units outside the denominator
            cells |= _complete_cells([(i, name) for name in reasons if name in figure.excluded], counts, cells, threshold)
        for group in groups[1:]:  # one reason across categories adds up to the headline's count
            for name in reasons:
                cells |= _complete_cells([(i, name) for i in group if name in figures[i].excluded], counts, cells, threshold)
        for i, figure in enumerate(figures):  # rule 4: what the withheld parts of a shown figure add up to
            if i not in hidden and is_small(sum(counts[i, name] for name in figure.excluded if (i, name) in cells), threshold):
                hidden.add(i)
        if (len(hidden), len(cells)) == before:
            break

    result = []
    for i, figure in enumerate(figures):
        if i in hidden:
            result.append(withhold(figure))
            continue
        excluded = {name: None if (i, name) in cells else count for name, count in figure.excluded.items()}
        result.append(median_only(replace(figure, excluded=excluded)))
    return result


def _complete_cells(group: list[tuple], counts: dict, cells: set, threshold: int) -> set:
    chosen = complete([counts[cell] for cell in group], {k for k, cell in enumerate(group) if cell in cells}, threshold)
    return {group[k] for k in chosen}
