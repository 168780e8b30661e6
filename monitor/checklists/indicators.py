"""Indicator files (`*.indicators.yaml`): the quarterly statistics defined as data (DESIGN.md §3).

An indicator counts one unit (hearing, accused or juvenile accused) and is a count, a percentage
(numerator among denominator, with unknown and N/A reported apart) or a duration (n, median,
mean, min, max). Its conditions use the checklist condition language and are checked against the
checklist's items when the file loads, so a typo fails on start-up with file, line, path and reason.
Format: docs/indicator-format.md."""
from dataclasses import dataclass, field
from pathlib import Path

from marshmallow import ValidationError, fields, validate, validates_schema

from monitor.checklists.conditions import Condition, ConditionError, parse_condition
from monitor.checklists.definition import Definition, Text
from monitor.checklists.loader import DefinitionRegistry, read_yaml, with_lines
from monitor.checklists.schema import (
    KEY,
    DefinitionInvalid,
    StrictSchema,
    TextField,
    flatten_errors,
    visible_item_refs,
)
from monitor.checklists.vocabulary import LEVELS

UNITS = LEVELS
KINDS = ("count", "percentage", "duration")
#: Where in the file each unit's items come from: a unit may use items of its level and above.
UNIT_DEPTH = {"hearing": 0, "accused": 1, "juvenile": 2}
#: Breakdown category for rows whose answer is missing.
NOT_RECORDED = "not_recorded"
NOT_RECORDED_LABEL = {"en": "Not recorded", "km": "មិនបានកត់ត្រា"}
#: The condition fields of an indicator, in the order they are applied.
CONDITION_FIELDS = ("among", "numerator", "denominator", "unknown", "not_applicable")
#: Shorthand for the share of a yes/no item answered "yes" (or "no") among those answered yes or
#: no, with "unknown" (and "N/A" where the item offers it) reported apart: most percentages.
SHORTHANDS = {"yes_share": "yes", "no_share": "no"}
#: The conditions a shorthand stands for; written out explicitly, they mean the same.
SHORTHAND_FIELDS = ("numerator", "denominator", "unknown", "not_applicable")
#: Published labels of yes/no answers, in both languages (figures are rendered outside requests too).
YESNO_LABELS = {
    "yes": {"en": "Yes", "km": "បាទ/ចាស"}, "no": {"en": "No", "km": "ទេ"},
    "na": {"en": "N/A", "km": "មិនពាក់ព័ន្ធ"}, "unknown": {"en": "Unknown", "km": "មិនដឹង"},
}


@dataclass(frozen=True)
class Category:
    key: str
    label: Text


@dataclass(frozen=True)
class Breakdown:
    """A way to split a figure: by the checklist's court, by an item's answer, or by bands of a number."""

    key: str
    title: Text
    #: None for the court breakdown.
    item: str | None
    #: "court", "choice", "multichoice" (a row may fall in several categories) or "bands".
    kind: str
    #: Fixed categories (choices or bands); the court breakdown takes its categories from the data.
    categories: tuple[Category, ...] = ()
    #: For bands: upper bounds (exclusive), one fewer than categories; the last band is open.
    bounds: tuple[int, ...] = ()
    #: The deepest level the breakdown item lives at (court: hearing).
    level: str = "hearing"


@dataclass(frozen=True)
class Group:
    key: str
    title: Text
    note: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    title: Text
    unit: str
    kind: str
    description: Text = field(default_factory=dict)
    among: Condition | None = None
    numerator: Condition | None = None
    denominator: Condition | None = None
    unknown: Condition | None = None
    not_applicable: Condition | None = None
    #: Duration only: the integer item whose values are summarised.
    value: str | None = None
    breakdowns: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    #: Number of the indicator in the UNODC/UNICEF Manual for the Measurement of Juvenile Justice Indicators.
    manual_indicator: int | None = None
    #: Shown as a trend over the last eight quarters.
    trend: bool = False

    def conditions(self) -> dict[str, Condition]:
        return {name: getattr(self, name) for name in CONDITION_FIELDS if getattr(self, name) is not None}

    def describe(self) -> dict:
        """The definition as plain data, for the page, the downloads and a frozen release."""
        return {
            "key": self.key,
            "group": self.group,
            "title": dict(self.title),
            "description": dict(self.description),
            "unit": self.unit,
            "kind": self.kind,
            "conditions": {name: condition.source for name, condition in self.conditions().items()},
            "value": self.value,
            "breakdowns": list(self.breakdowns),
            "legal_basis": list(self.legal_basis),
            "manual_indicator": self.manual_indicator,
            #: Court observation measures a proxy, never the Manual's own indicator (issue 21.11); a
            #: definition frozen before this key existed is shown with the wording it was published with.
            "manual_comparable": False if self.manual_indicator else None,
            "trend": self.trend,
        }


@dataclass(frozen=True)
class IndicatorSet:
    key: str
    version: int
    title: Text
    checklist: str
    groups: tuple[Group, ...]
    breakdowns: dict[str, Breakdown]
    indicators: tuple[Indicator, ...]
    #: Per unit, the items its indicators read: item key -> (level the item is stored at, item type).
    columns: dict[str, dict[str, tuple[str, str]]]
    source_file: str = ""

    def indicator(self, key: str) -> Indicator:
        return next(indicator for indicator in self.indicators if indicator.key == key)

    def in_group(self, group: str) -> list[Indicator]:
        return [indicator for indicator in self.indicators if indicator.group == group]


# --- structure ----------------------------------------------------------------------------------


class GroupSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    title = TextField(required=True)
    note = TextField(load_default=dict)


class BandSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    label = TextField(required=True)
    below = fields.Integer(strict=True)


class BreakdownSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    title = TextField(required=True)
    court = fields.Boolean(load_default=False)
    item = fields.String(validate=KEY)
    bands = fields.List(fields.Nested(BandSchema))

    @validates_schema
    def one_source(self, data, **kwargs):
        if bool(data.get("court")) == bool(data.get("item")):
            raise ValidationError("give either 'court: true' or an 'item', not both or neither")
        if data.get("bands") is not None:
            bands = data["bands"]
            if not data.get("item"):
                raise ValidationError({"bands": ["bands need an integer 'item'"]})
            if len(bands) < 2:
                raise ValidationError({"bands": ["give at least two bands"]})
            if any("below" not in band for band in bands[:-1]) or "below" in bands[-1]:
                raise ValidationError({"bands": ["every band but the last needs 'below'; the last is open-ended"]})
            bounds = [band["below"] for band in bands[:-1]]
            if bounds != sorted(set(bounds)):
                raise ValidationError({"bands": ["'below' must increase from band to band"]})


class IndicatorSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    group = fields.String(required=True, validate=KEY)
    title = TextField(required=True)
    description = TextField(load_default=dict)
    unit = fields.String(required=True, validate=validate.OneOf(UNITS))
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    among = fields.String()
    numerator = fields.String()
    denominator = fields.String()
    unknown = fields.String()
    not_applicable = fields.String()
    yes_share = fields.String(validate=KEY)
    no_share = fields.String(validate=KEY)
    value = fields.String(validate=KEY)
    breakdowns = fields.List(fields.String(validate=KEY), load_default=list)
    legal_basis = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    manual_indicator = fields.Integer(strict=True, validate=validate.Range(min=1, max=99))
    trend = fields.Boolean(load_default=False)

    #: Which fields each kind needs, and which it must not have.
    NEEDS = {"count": (), "percentage": ("numerator", "denominator"), "duration": ("value",)}
    REFUSES = {
        "count": ("numerator", "denominator", "unknown", "not_applicable", "value", *SHORTHANDS),
        "percentage": ("value",),
        "duration": ("numerator", "denominator", "unknown", "not_applicable", *SHORTHANDS),
    }

    @validates_schema
    def fits_its_kind(self, data, **kwargs):
        kind = data.get("kind")
        errors = {}
        shorthands = [name for name in SHORTHANDS if name in data]
        if kind == "percentage" and shorthands:
            if len(shorthands) > 1:
                errors[shorthands[1]] = [f"give one of {', '.join(SHORTHANDS)}, not both"]
            for name in SHORTHAND_FIELDS:
                if name in data:
                    errors[name] = [f"'{shorthands[0]}' already sets the {name.replace('_', ' ')}: "
                                    f"drop one, or write every condition out"]
        for name in () if shorthands else self.NEEDS.get(kind, ()):
            if not data.get(name):
                errors[name] = [f"a {kind} indicator needs '{name}' (or '{next(iter(SHORTHANDS))}: ITEM')"
                                if kind == "percentage" else f"a {kind} indicator needs '{name}'"]
        for name in self.REFUSES.get(kind, ()):
            if name in data:
                errors[name] = [f"is not used by a {kind} indicator"]
        raise_if(errors)


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


class IndicatorFileSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    version = fields.Integer(strict=True, required=True, validate=validate.Range(min=1))
    title = TextField(required=True)
    checklist = fields.String(required=True, validate=KEY)
    groups = fields.List(fields.Nested(GroupSchema), required=True, validate=validate.Length(min=1))
    breakdowns = fields.List(fields.Nested(BreakdownSchema), load_default=list)
    indicators = fields.List(fields.Nested(IndicatorSchema), required=True, validate=validate.Length(min=1))


# --- whole-file rules ---------------------------------------------------------------------------


class _IndicatorBuilder:
    def __init__(self, data: dict, definition: Definition, source: str):
        self.data = data
        self.definition = definition
        self.source = source
        self.items = definition.items
        self.refs = visible_item_refs(definition)
        self.problems: list[tuple[str, str]] = []

    def build(self) -> IndicatorSet:
        groups = tuple(Group(key=g["key"], title=g["title"], note=g["note"]) for g in self.data["groups"])
        self._unique([g.key for g in groups], "groups", "group")
        breakdowns = {}
        for b, raw in enumerate(self.data["breakdowns"]):
            breakdown = self._breakdown(raw, f"breakdowns[{b}]")
            if breakdown is not None:
                breakdowns[breakdown.key] = breakdown
        self._unique([raw["key"] for raw in self.data["breakdowns"]], "breakdowns", "breakdown")
        group_keys = {g.key for g in groups}
        indicators = []
        for i, raw in enumerate(self.data["indicators"]):
            indicators.append(self._indicator(raw, f"indicators[{i}]", group_keys, breakdowns))
        self._unique([raw["key"] for raw in self.data["indicators"]], "indicators", "indicator")
        if self.problems:
            raise DefinitionInvalid(self.source, self.problems)
        return IndicatorSet(
            key=self.data["key"],
            version=self.data["version"],
            title=self.data["title"],
            checklist=self.data["checklist"],
            groups=groups,
            breakdowns=breakdowns,
            indicators=tuple(indicators),
            columns=self._columns(indicators, breakdowns),
            source_file=self.source,
        )

    def _unique(self, keys: list[str], path: str, what: str) -> None:
        for index, key in enumerate(keys):
            if key in keys[:index]:
                self.problems.append((f"{path}[{index}].key", f"duplicate {what} key '{key}'"))

    def _breakdown(self, raw: dict, path: str) -> Breakdown | None:
        if raw.get("court"):
            return Breakdown(key=raw["key"], title=raw["title"], item=None, kind="court")
        item = self.items.get(raw["item"])
        if item is None:
            self.problems.append((f"{path}.item", f"unknown item '{raw['item']}' in checklist '{self.definition.key}'"))
            return None
        if item.private:
            self.problems.append((f"{path}.item", f"'{item.key}' is private and cannot split published figures"))
            return None
        if raw.get("bands"):
            if item.type != "integer":
                self.problems.append((f"{path}.bands", f"bands need an integer item, but '{item.key}' is {item.type}"))
                return None
            categories = tuple(Category(band["key"], band["label"]) for band in raw["bands"])
            bounds = tuple(band["below"] for band in raw["bands"][:-1])
            return Breakdown(raw["key"], raw["title"], item.key, "bands", categories, bounds, item.level)
        if item.type not in ("choice", "multichoice", "yesno"):
            self.problems.append((f"{path}.item", f"'{item.key}' is {item.type}: split by a choice item, or give bands"))
            return None
        categories = tuple(
            Category(key, item.choice_text(key) if item.choices else YESNO_LABELS[key]) for key in item.answer_keys
        )
        kind = "multichoice" if item.type == "multichoice" else "choice"
        return Breakdown(raw["key"], raw["title"], item.key, kind, categories, (), item.level)

    def _condition(self, text: str, unit: str, path: str) -> Condition | None:
        try:
            return parse_condition(text, self.refs[unit])
        except ConditionError as error:
            self.problems.append((path, str(error)))
            return None

    def _expand_shorthand(self, raw: dict, path: str) -> dict:
        """`yes_share: ITEM` as the conditions it stands for (the same text as written out)."""
        name = next((name for name in SHORTHANDS if name in raw), None)
        if name is None:
            return raw
        key, unit = raw[name], raw["unit"]
        item = self.items.get(key)
        if item is None or key not in self.refs[unit]:
            self.problems.append((f"{path}.{name}", f"unknown item '{key}' for unit {unit}"))
            return {**raw, "numerator": None, "denominator": None}
        if item.type != "yesno":
            self.problems.append((f"{path}.{name}", f"'{key}' is {item.type}; '{name}' needs a yes/no item"))
            return {**raw, "numerator": None, "denominator": None}
        expanded = {
            "numerator": f"{key} = {SHORTHANDS[name]}",
            "denominator": f"{key} in [yes, no]",
            "unknown": f"{key} = unknown",
        }
        if item.allow_na:
            expanded["not_applicable"] = f"{key} = na"
        return {**raw, **expanded}

    def _indicator(self, raw: dict, path: str, group_keys: set, breakdowns: dict) -> Indicator:
        raw = self._expand_shorthand(raw, path)
        unit = raw["unit"]
        if raw["group"] not in group_keys:
            self.problems.append((f"{path}.group", f"unknown group '{raw['group']}'"))
        conditions = {
            name: self._condition(raw[name], unit, f"{path}.{name}") if raw[name] is not None else None
            for name in CONDITION_FIELDS if name in raw
        }
        for name, condition in conditions.items():
            private = sorted(key for key in (condition.names if condition else ()) if self.items[key].private)
            if private:
                self.problems.append((f"{path}.{name}", f"names private item {', '.join(private)}"))
        if "value" in raw:
            item = self.items.get(raw["value"])
            if item is None or raw["value"] not in self.refs[unit]:
                self.problems.append((f"{path}.value", f"unknown item '{raw['value']}' for unit {unit}"))
            elif item.type != "integer":
                self.problems.append((f"{path}.value", f"'{item.key}' is {item.type}; a duration needs an integer item"))
        for b, key in enumerate(raw["breakdowns"]):
            breakdown = breakdowns.get(key)
            if key not in {r["key"] for r in self.data["breakdowns"]}:
                self.problems.append((f"{path}.breakdowns[{b}]", f"unknown breakdown '{key}'"))
            elif breakdown is not None and UNIT_DEPTH[breakdown.level] > UNIT_DEPTH[unit]:
                self.problems.append(
                    (f"{path}.breakdowns[{b}]", f"'{key}' is recorded per {breakdown.level}, so it cannot split {unit} figures")
                )
        return Indicator(
            key=raw["key"],
            group=raw["group"],
            title=raw["title"],
            unit=unit,
            kind=raw["kind"],
            description=raw["description"],
            value=raw.get("value"),
            breakdowns=tuple(raw["breakdowns"]),
            legal_basis=tuple(raw["legal_basis"]),
            manual_indicator=raw.get("manual_indicator"),
            trend=raw["trend"],
            **conditions,
        )

    def _columns(self, indicators: list[Indicator], breakdowns: dict[str, Breakdown]) -> dict:
        """The items each unit's query must read: nothing more, so large periods stay cheap."""
        columns: dict[str, dict[str, tuple[str, str]]] = {unit: {} for unit in UNITS}
        for indicator in indicators:
            names = set()
            for condition in indicator.conditions().values():
                names |= condition.names
            if indicator.value:
                names.add(indicator.value)
            for key in indicator.breakdowns:
                if key in breakdowns and breakdowns[key].item:
                    names.add(breakdowns[key].item)
            for name in sorted(names):
                item = self.items[name]
                columns[indicator.unit][name] = (item.level, item.type)
        return columns


def build_indicator_set(data, definition: Definition, source: str) -> IndicatorSet:
    """Validate a parsed indicator file against its checklist; raises DefinitionInvalid with every problem."""
    if not isinstance(data, dict):
        raise DefinitionInvalid(source, [("", "the file must contain a mapping (key: value pairs) at the top")])
    try:
        loaded = IndicatorFileSchema().load(data)
    except ValidationError as error:
        raise DefinitionInvalid(source, flatten_errors(error.messages)) from None
    return _IndicatorBuilder(loaded, definition, source).build()


def read_indicator_file(path: str | Path, registry: DefinitionRegistry) -> IndicatorSet:
    """Parse and validate one indicator file; problems carry file, line, path and reason."""
    source = str(path)
    tree, data = read_yaml(Path(path))
    checklist_key = data.get("checklist") if isinstance(data, dict) else None
    definition = registry.current(checklist_key) if isinstance(checklist_key, str) else None
    try:
        if definition is None:
            raise DefinitionInvalid(source, [("checklist", f"no installed checklist '{checklist_key}'")])
        return build_indicator_set(data, definition, source)
    except DefinitionInvalid as invalid:
        raise with_lines(invalid, tree) from None
