"""The disclosure audit: proves, by linear programming, that no protected cell can be narrowed to
fewer than T values from everything published (docs/privacy.md). Pure: no Flask, no database.

Variables are unit counts per (data snapshot of a quarter, indicator, breakdown, category, state);
a snapshot is the set of checklists (with their revisions) a release counted in that quarter, so a
year and its quarter releases share variables when they counted the same data. Published figures
become equations; single-choice breakdowns add up to the headline, multiple-choice categories are
each at most the headline, percentages that count the same units share their total, reasons an
indicator cannot count are zero. Variables a published figure pins are substituted first, and the
rest splits into independent parts; each protected cell's minimum and maximum then come from
SciPy's `linprog` (HiGHS) on its parts only. A solver error or an infeasible system fails closed
(`AuditFailed`): nothing is published on a proof that did not run."""
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from monitor.statistics.results import Figure, IndicatorResult, StatisticsReport
from monitor.statistics.suppression import HEADLINE, JUVENILE_GROUP_FACTOR, is_small

STATES = {"count": ("n",), "duration": ("n", "not_recorded"),
          "percentage": ("numerator", "rest", "unknown", "not_applicable", "not_recorded")}
#: A figure's excluded reasons that are states of their own.
REASONS = ("unknown", "not_applicable", "not_recorded")
#: Slack for floating-point: ranges are compared with this tolerance.
EPSILON = 1e-6


class AuditFailed(Exception):
    """The audit could not prove anything (solver error, or published figures that contradict each other)."""


@dataclass(frozen=True)
class Source:
    """One release's public figures, and the snapshot of each quarter it counted."""

    name: str
    report: StatisticsReport
    snapshots: dict[str, str]


@dataclass(frozen=True)
class Finding:
    """A protected cell whose possible values span less than the threshold."""

    snapshot_period: str
    indicator: str
    breakdown: str
    category: str
    cell: str
    value: int
    low: float
    high: float

    @property
    def place(self) -> tuple[str, str, str]:
        return (self.indicator, self.breakdown, self.category)


@dataclass
class _System:
    index: dict = field(default_factory=dict)
    equations: list = field(default_factory=list)   # ({var: coef}, rhs)
    at_most: list = field(default_factory=list)     # ({var: coef}, rhs): sum <= rhs

    def var(self, key: tuple) -> int:
        if key not in self.index:
            self.index[key] = len(self.index)
        return self.index[key]


def _quarters(report: StatisticsReport) -> list[str]:
    period = report.period
    if period.kind == "year":
        return [f"{period.year}-Q{number}" for number in range(1, 5)]
    return [period.label]


def _places(item) -> list[tuple[tuple[str, str], Figure]]:
    return [(HEADLINE, item.figure)] + [((b.key, c.key), c.figure) for b in item.breakdowns for c in b.categories]


def _published(figure: Figure) -> dict[tuple[str, ...], int]:
    """What a figure shows, as sums of states."""
    if figure.suppressed:
        return {}
    shown = {}
    if figure.kind == "count" and figure.n is not None:
        shown[("n",)] = figure.n
    elif figure.kind == "duration" and figure.n is not None:
        shown[("n",)] = figure.n
    elif figure.kind == "percentage":
        if figure.numerator is not None:
            shown[("numerator",)] = figure.numerator
        if figure.denominator is not None:
            shown[("numerator", "rest")] = figure.denominator
    for reason, count in figure.excluded.items():
        if count is not None:
            shown[(reason,)] = count
    return shown


def build_system(sources: list[Source], multichoice: set[str]) -> _System:
    """Every published figure of every source as equations over snapshot variables."""
    system = _System()
    structure: dict[str, dict] = {}  # snapshot -> {indicator key: (item definition, places)}
    for source in sources:
        quarters = _quarters(source.report)
        for item in source.report.indicators:
            states = STATES[item.definition["kind"]]
            for (breakdown, category), figure in _places(item):
                for snapshot in (source.snapshots[q] for q in quarters):
                    structure.setdefault(snapshot, {}).setdefault(item.key, (item.definition, set()))[1].add(
                        (breakdown, category))
                for combined, value in _published(figure).items():
                    terms = {system.var((source.snapshots[q], item.key, breakdown, category, state)): 1.0
                             for q in quarters for state in combined if state in states}
                    system.equations.append((terms, float(value)))
    for snapshot, items in structure.items():
        _structural(system, snapshot, items, multichoice)
    return system


def _structural(system: _System, snapshot: str, items: dict, multichoice: set[str]) -> None:
    totals: dict[tuple, str] = {}
    for key, (definition, places) in items.items():
        states = STATES[definition["kind"]]
        conditions = definition.get("conditions", {})
        for state in ("unknown", "not_applicable"):
            if definition["kind"] == "percentage" and not conditions.get(state):
                for breakdown, category in places:
                    system.equations.append(({system.var((snapshot, key, breakdown, category, state)): 1.0}, 0.0))
        by_breakdown = defaultdict(list)
        for breakdown, category in places:
            if (breakdown, category) != HEADLINE:
                by_breakdown[breakdown].append(category)
        for breakdown, categories in by_breakdown.items():
            for state in states:
                headline = system.var((snapshot, key, *HEADLINE, state))
                parts = [system.var((snapshot, key, breakdown, category, state)) for category in categories]
                if breakdown in multichoice:
                    for part in parts:
                        system.at_most.append(({part: 1.0, headline: -1.0}, 0.0))
                    system.at_most.append(({headline: 1.0, **{part: -1.0 for part in parts}}, 0.0))
                else:
                    system.equations.append(({headline: -1.0, **{part: 1.0 for part in parts}}, 0.0))
        group = (definition["unit"], conditions.get("among"))
        if definition["kind"] == "duration":
            continue  # its units are those with a value: not the same total as a count among them
        if group not in totals:
            totals[group] = key
            continue
        other = totals[group]
        other_states = STATES[items[other][0]["kind"]]
        for place in places & items[other][1]:
            terms = defaultdict(float)
            for state in states:
                terms[system.var((snapshot, key, *place, state))] += 1.0
            for state in other_states:
                terms[system.var((snapshot, other, *place, state))] -= 1.0
            system.equations.append((dict(terms), 0.0))


def true_values(results: dict[str, tuple[IndicatorResult, ...]]) -> dict[tuple, float]:
    """The variables' true values, from unsuppressed results per snapshot."""
    values = {}
    for snapshot, items in results.items():
        for item in items:
            places = [(HEADLINE, item.figure)] + [((b.key, c.key), c.figure) for b in item.breakdowns for c in b.categories]
            for (breakdown, category), figure in places:
                for state, value in _state_values(figure).items():
                    values[(snapshot, item.key, breakdown, category, state)] = float(value)
    return values


def _state_values(figure: Figure) -> dict[str, int]:
    if figure.kind == "percentage":
        numerator, denominator = figure.numerator or 0, figure.denominator or 0
        return {"numerator": numerator, "rest": denominator - numerator,
                **{reason: figure.excluded.get(reason) or 0 for reason in REASONS}}
    values = {"n": figure.n or 0}
    if figure.kind == "duration":
        values["not_recorded"] = figure.excluded.get("not_recorded") or 0
    return values


def violations(system: _System, values: dict[tuple, float]) -> list[tuple]:
    """Equations the given values break (only those whose every variable has a value)."""
    known = {system.index[key]: value for key, value in values.items() if key in system.index}
    broken = []
    for terms, rhs in system.equations:
        if all(var in known for var in terms) and abs(sum(c * known[v] for v, c in terms.items()) - rhs) > EPSILON:
            broken.append((terms, rhs))
    for terms, rhs in system.at_most:
        if all(var in known for var in terms) and sum(c * known[v] for v, c in terms.items()) > rhs + EPSILON:
            broken.append((terms, rhs))
    return broken


def protected_cells(results: dict[str, tuple[IndicatorResult, ...]], threshold: int,
                    juvenile_keys: set[str]) -> list[tuple]:
    """(snapshot, indicator, breakdown, category, cell name, states, true value) of every protected
    cell; `juvenile_keys` names the indicators that count juveniles (rule 2 of docs/privacy.md)."""
    cells = []
    for snapshot, items in results.items():
        for item in items:
            juvenile = item.key in juvenile_keys
            places = [(HEADLINE, item.figure)] + [((b.key, c.key), c.figure) for b in item.breakdowns for c in b.categories]
            for (breakdown, category), figure in places:
                values = _state_values(figure)
                candidates = {"units": tuple(values)}
                if figure.kind == "percentage":
                    candidates.update({"denominator": ("numerator", "rest"), **{r: (r,) for r in REASONS}})
                elif figure.kind == "duration":
                    candidates.update({"n": ("n",), "not_recorded": ("not_recorded",)})
                for name, states in candidates.items():
                    value = sum(values[s] for s in states)
                    if is_small(value, threshold):
                        cells.append((snapshot, item.key, breakdown, category, name, states, value))
                denominator = values.get("numerator", 0) + values.get("rest", 0)
                if juvenile and figure.kind == "percentage" and 0 < denominator < JUVENILE_GROUP_FACTOR * threshold:
                    for name in ("numerator", "rest"):
                        value = values[name]
                        if is_small(value, threshold) or value == 0:
                            cells.append((snapshot, item.key, breakdown, category, name, (name,), value))
    return cells


def audit(system: _System, cells: list[tuple], threshold: int, cache: dict | None = None) -> list[tuple]:
    """The protected cells whose range spans less than `threshold`, as (cell, low, high). `cache`
    keeps ranges across audits of nearly the same system (a part that did not change is not solved again)."""
    solver = _Reduced(system, {} if cache is None else cache)
    findings = []
    for cell in cells:
        snapshot, key, breakdown, category, _, states, _ = cell
        target = {system.index[(snapshot, key, breakdown, category, s)]: 1.0 for s in states
                  if (snapshot, key, breakdown, category, s) in system.index}
        if not target:
            continue  # not in anything published
        low, high = solver.range(target)
        if high - low < threshold - EPSILON:
            findings.append((cell, low, high))
    return findings


class _Reduced:
    """The system with pinned variables substituted, split into independent parts."""

    def __init__(self, system: _System, cache: dict):
        self.cache = cache
        self.keys = {v: key for key, v in system.index.items()}
        self.signatures: dict[int, tuple] = {}
        self.size = len(system.index)
        fixed: dict[int, float] = {}
        equations = [dict(terms) for terms, _ in system.equations]
        rhs = [rhs for _, rhs in system.equations]
        uses = defaultdict(list)  # variable -> equations naming it
        for i, terms in enumerate(equations):
            for v in terms:
                uses[v].append(i)
        free_count = [len(terms) for terms in equations]
        queue = [i for i, count in enumerate(free_count) if count == 1]
        while queue:  # an equation with one unknown left pins it; that may leave others with one
            i = queue.pop()
            terms = equations[i]
            free = [v for v in terms if v not in fixed]
            if len(free) != 1:
                continue
            v = free[0]
            fixed[v] = (rhs[i] - sum(c * fixed[u] for u, c in terms.items() if u != v)) / terms[v]
            if fixed[v] < -EPSILON:
                raise AuditFailed("published figures contradict each other (a count below zero)")
            for j in uses[v]:
                free_count[j] -= 1
                if free_count[j] == 1:
                    queue.append(j)
        self.fixed = fixed
        self.rows_eq, self.rows_ub = [], []
        for i, terms in enumerate(equations):
            free = {v: c for v, c in terms.items() if v not in fixed}
            rest = rhs[i] - sum(c * fixed[u] for u, c in terms.items() if u in fixed)
            if not free:
                if abs(rest) > 1e-4:
                    raise AuditFailed("published figures contradict each other")
                continue
            self.rows_eq.append((free, rest))
        for terms, bound in system.at_most:
            free = {v: c for v, c in terms.items() if v not in fixed}
            rest = bound - sum(c * fixed[u] for u, c in terms.items() if u in fixed)
            if not free:
                if rest < -1e-4:
                    raise AuditFailed("published figures contradict each other")
                continue
            self.rows_ub.append((free, rest))
        self._parts()
        self._cache: dict = {}

    def _parts(self) -> None:
        parent = list(range(self.size))

        def root(v):
            while parent[v] != v:
                parent[v] = parent[parent[v]]
                v = parent[v]
            return v

        for terms, _ in self.rows_eq + self.rows_ub:
            first = next(iter(terms))
            for v in terms:
                parent[root(v)] = root(first)
        self.part_of = [root(v) for v in range(self.size)]
        self.rows_of = defaultdict(lambda: ([], []))
        for terms, rest in self.rows_eq:
            self.rows_of[self.part_of[next(iter(terms))]][0].append((terms, rest))
        for terms, rest in self.rows_ub:
            self.rows_of[self.part_of[next(iter(terms))]][1].append((terms, rest))
        self.members = defaultdict(list)
        for v in range(self.size):
            if v not in self.fixed:
                self.members[self.part_of[v]].append(v)

    def range(self, target: dict[int, float]) -> tuple[float, float]:
        low = high = sum(c * self.fixed[v] for v, c in target.items() if v in self.fixed)
        by_part = defaultdict(dict)
        for v, c in target.items():
            if v not in self.fixed:
                by_part[self.part_of[v]][v] = c
        for part, terms in by_part.items():
            part_low, part_high = self._solve(part, terms)
            low, high = low + part_low, high + part_high
        return low, high

    def _signature(self, part: int) -> tuple:
        if part not in self.signatures:
            equations, inequalities = self.rows_of[part]
            self.signatures[part] = tuple(
                tuple(sorted((tuple(sorted((self.keys[v], c) for v, c in terms.items())), round(rest, 6))
                             for terms, rest in rows)) for rows in (equations, inequalities))
        return self.signatures[part]

    def _solve(self, part: int, terms: dict[int, float]) -> tuple[float, float]:
        equations, inequalities = self.rows_of.get(part, ([], []))
        if not equations and not inequalities:  # nothing published ties these counts: any value from 0
            return 0.0, float("inf")
        key = (self._signature(part), tuple(sorted((self.keys[v], c) for v, c in terms.items())))
        if key not in self.cache:
            self.cache[key] = self._linprog(part, terms)
        return self.cache[key]

    def _matrices(self, part: int) -> tuple:
        """A part's constraint matrices, built once: every protected cell of the part is solved against them."""
        if part not in self._cache:
            equations, inequalities = self.rows_of[part]
            self._cache[part] = _part_matrices(self.members[part], equations, inequalities)
        return self._cache[part]

    def _linprog(self, part: int, terms: dict[int, float]) -> tuple[float, float]:
        from scipy.optimize import linprog  # scipy is heavy: imported only when an audit runs

        members = self.members[part]
        column, a_eq, a_ub = self._matrices(part)
        objective = np.zeros(len(members))
        for v, c in terms.items():
            objective[column[v]] = c
        bounds = []
        for sign in (1.0, -1.0):  # minimise, then maximise
            result = linprog(sign * objective, A_eq=a_eq[0], b_eq=a_eq[1], A_ub=a_ub[0], b_ub=a_ub[1],
                             bounds=(0, None), method="highs")
            if result.status == 2:  # HiGHS's presolve can call an unbounded problem infeasible: ask without it
                result = linprog(sign * objective, A_eq=a_eq[0], b_eq=a_eq[1], A_ub=a_ub[0], b_ub=a_ub[1],
                                 bounds=(0, None), method="highs", options={"presolve": False})
            if result.status == 3:  # unbounded: any value on this side
                bounds.append(-sign * float("inf"))
            elif result.status != 0:
                raise AuditFailed(f"the solver could not bound a protected cell: {result.message}")
            else:
                bounds.append(sign * result.fun)
        return bounds[0], bounds[1]


def _part_matrices(members: list[int], equations: list, inequalities: list) -> tuple:
    column = {v: j for j, v in enumerate(members)}
    return column, _matrix(equations, column), _matrix(inequalities, column)


def _matrix(rows: list, column: dict) -> tuple:
    from scipy.sparse import csr_matrix

    if not rows:
        return None, None
    cells = [(i, column[v], c) for i, (terms, _) in enumerate(rows) for v, c in terms.items()]
    row, col, data = zip(*cells)
    return csr_matrix((data, (row, col)), shape=(len(rows), len(column))), np.array([rest for _, rest in rows])
