"""An attacker who holds only the public JSON of every release ever published (docs/privacy.md).

Each attack takes the versioned answers of `/api/v1/releases/<period>/v<n>` and returns what it
recovers: a withheld or never-published count, worked out from published ones, that lies between
1 and threshold−1 (or, for the differences between versions, a change of 1 to threshold−1
units, which gives away the added or corrected person's answers). Nothing here reads the database.
"""
from dataclasses import dataclass

#: The fields of a figure that count units.
COUNT_FIELDS = ("n", "numerator", "denominator", "unknown", "not_applicable", "not_recorded")
DURATION_VALUES = ("minimum", "maximum", "mean")


@dataclass(frozen=True)
class Recovery:
    attack: str
    period: str
    indicator: str
    cell: str  # breakdown/category/field
    value: float
    how: str


def _fields(figure: dict) -> dict[str, int | None]:
    """The unit counts a figure shows (None where withheld)."""
    values = {name: figure.get(name) for name in ("n", "numerator", "denominator")}
    if figure["kind"] == "count":
        values = {"n": figure.get("n")}
    elif figure["kind"] == "duration":
        values = {"n": figure.get("n")}
    values.update(figure.get("excluded") or {})
    if figure["kind"] == "percentage" and values.get("numerator") is not None and values.get("denominator") is not None:
        values["complement"] = values["denominator"] - values["numerator"]
    elif figure["kind"] == "percentage":
        values["complement"] = None
    return values


def cells(release: dict) -> dict[tuple, int | None]:
    """(indicator, breakdown, category, field) -> value of one release's own period."""
    found = {}
    for indicator in release["report"]["indicators"]:
        for name, value in _fields(indicator).items():
            found[(indicator["key"], "all", "all", name)] = value
        for breakdown in indicator["breakdowns"]:
            for category in breakdown["categories"]:
                for name, value in _fields(category).items():
                    found[(indicator["key"], breakdown["key"], category["key"], name)] = value
    return found


def _small(value, threshold: int) -> bool:
    return value is not None and 0 < abs(value) < threshold


def _latest_before(releases: list[dict], period: str, moment: str) -> dict | None:
    earlier = [r for r in releases if r["period"] == period and r["published_at"] <= moment]
    return max(earlier, key=lambda r: r["version"]) if earlier else None


def year_against_quarters(releases: list[dict], threshold: int) -> list[Recovery]:
    """A year minus the quarters the attacker can read gives the one quarter left over."""
    found = []
    for year in (r for r in releases if r["period_kind"] == "year"):
        year_cells = cells(year)
        labels = [f"{year['period']}-Q{number}" for number in range(1, 5)]
        quarter_cells = {}
        for label in labels:
            release = _latest_before(releases, label, year["published_at"])
            known = cells(release) if release else {}
            for indicator in year["report"]["indicators"]:  # the year's own trend points
                for point in indicator["trend"]:
                    if point["period"]["label"] == label:
                        for name, value in _fields(point).items():
                            if value is not None and known.get((indicator["key"], "all", "all", name)) is None:
                                known[(indicator["key"], "all", "all", name)] = value
            quarter_cells[label] = known
        for key, total in year_cells.items():
            if total is None:
                continue
            missing = [label for label in labels if quarter_cells[label].get(key) is None]
            if len(missing) != 1:
                continue
            rest = total - sum(quarter_cells[label][key] for label in labels if label != missing[0])
            if _small(rest, threshold):
                found.append(Recovery("year", missing[0], key[0], "/".join(key[1:]), rest,
                                      f"{year['period']} v{year['version']} minus its other quarters"))
    return found


def _structural_zeros(indicator: dict) -> set[str]:
    """Excluded reasons the published definition shows can never be counted."""
    conditions = indicator["definition"]["conditions"]
    return {name for name in ("unknown", "not_applicable") if not conditions.get(name)}


def _never_counted(releases: list[dict]) -> dict[str, set[str]]:
    """Per indicator, the excluded reasons that are 0 wherever any release shows them: taken as always 0."""
    seen: dict[str, dict[str, set]] = {}
    for release in releases:
        for (indicator, _, _, name), value in cells(release).items():
            if name in ("unknown", "not_applicable", "not_recorded") and value is not None:
                seen.setdefault(indicator, {}).setdefault(name, set()).add(value)
    return {indicator: {name for name, values in names.items() if values == {0}} for indicator, names in seen.items()}


def totals_against_denominators(releases: list[dict], threshold: int) -> list[Recovery]:
    """A unit total minus a percentage's denominator and its known excluded counts gives the
    withheld excluded counts (exactly, when the others are known or always zero; their sum otherwise)."""
    found = []
    never = _never_counted(releases)
    for release in releases:
        own = cells(release)
        indicators = release["report"]["indicators"]
        totals = {}  # (unit, among) -> count indicator key
        for indicator in indicators:
            if indicator["kind"] == "count":
                totals.setdefault((indicator["unit"], indicator["definition"]["conditions"].get("among")), indicator["key"])
        for indicator in indicators:
            if indicator["kind"] != "percentage":
                continue
            total_key = totals.get((indicator["unit"], indicator["definition"]["conditions"].get("among")))
            if total_key is None:
                continue
            zeros = _structural_zeros(indicator) | never.get(indicator["key"], set())
            categories = {(b["key"], c["key"]) for b in indicator["breakdowns"] for c in b["categories"]} | {("all", "all")}
            for breakdown, category in categories:
                total = own.get((total_key, breakdown, category, "n"))
                if total is None:
                    continue
                parts = {name: own.get((indicator["key"], breakdown, category, name))
                         for name in ("denominator", "unknown", "not_applicable", "not_recorded")}
                for name in zeros:
                    parts[name] = 0 if parts[name] is None else parts[name]
                unknown = [name for name, value in parts.items() if value is None]
                if len(unknown) == 1 or (unknown and "denominator" not in unknown):
                    rest = total - sum(value for value in parts.values() if value is not None)
                    if _small(rest, threshold):
                        found.append(Recovery("totals", release["period"], indicator["key"],
                                              f"{breakdown}/{category}/{'+'.join(unknown)}", rest,
                                              f"v{release['version']}: {total_key} minus the other parts"))
    return found


def new_version_against_previous(releases: list[dict], threshold: int) -> list[Recovery]:
    """Two versions of a period both showing a cell: their difference counts the people added,
    removed or corrected, and their answers."""
    found = []
    by_period = {}
    for release in releases:
        by_period.setdefault(release["period"], []).append(release)
    for period, versions in by_period.items():
        versions.sort(key=lambda r: r["version"])
        for earlier, later in zip(versions, versions[1:]):
            before, after = cells(earlier), cells(later)
            for key, value in after.items():
                if value is not None and before.get(key) is not None and _small(value - before[key], threshold):
                    found.append(Recovery("version", period, key[0], "/".join(key[1:]), value - before[key],
                                          f"v{later['version']} minus v{earlier['version']}"))
    return found


def durations(releases: list[dict], threshold: int) -> list[Recovery]:
    """A minimum, maximum or mean of a duration, or a median over fewer than `threshold` people."""
    found = []
    for release in releases:
        for indicator in release["report"]["indicators"]:
            if indicator["kind"] != "duration":
                continue
            figures = [("all/all", indicator)] + [
                (f"{b['key']}/{c['key']}", c) for b in indicator["breakdowns"] for c in b["categories"]]
            figures += [(f"trend/{p['period']['label']}", p) for p in indicator["trend"]]
            figures += [(f"{name}/{indicator[name]['period']['label']}", indicator[name])
                        for name in ("previous", "year_earlier") if indicator.get(name)]
            for cell, figure in figures:
                for name in DURATION_VALUES:
                    if figure.get(name) is not None:
                        found.append(Recovery("duration", release["period"], indicator["key"], f"{cell}/{name}",
                                              figure[name], f"v{release['version']} publishes it"))
                if figure.get("median") is not None and _small(figure.get("n"), threshold):
                    found.append(Recovery("duration", release["period"], indicator["key"], f"{cell}/median",
                                          figure["median"], f"v{release['version']}: median of n={figure['n']}"))
    return found


ATTACKS = {
    "year": year_against_quarters,
    "totals": totals_against_denominators,
    "version": new_version_against_previous,
    "duration": durations,
}


def attack_all(releases: list[dict], threshold: int) -> dict[str, list[Recovery]]:
    return {name: attack(releases, threshold) for name, attack in ATTACKS.items()}


def public_releases(client) -> list[dict]:
    """Every version's answer, as anyone downloads it from the JSON API."""
    index = client.get("/api/v1/releases").get_json()["releases"]
    return [client.get(f"/api/v1/releases/{entry['period']}/v{entry['version']}").get_json() for entry in index]
