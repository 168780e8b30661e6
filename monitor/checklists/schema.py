"""Validation of checklist definition files.

Two passes: a marshmallow schema checks the structure and types of each field; then
`build_definition` checks what needs the whole file (unique keys, conditions and computations
that name existing items) and builds the in-memory `Definition`. Both passes report problems as
(path inside the file, reason), e.g. ("accused.sections[2].items[0].show_when", "unknown item 'x'")."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from monitor.checklists.computed import FUNCTIONS
from monitor.checklists.conditions import ConditionError, ItemRef, parse_condition
from monitor.checklists.vocabulary import ITEM_TYPES, LEVELS, YESNO_ANSWERS
from monitor.checklists.definition import (
    Block,
    Check,
    Choice,
    Compute,
    Definition,
    Item,
    Section,
)

KEY = validate.Regexp(r"^[a-z][a-z0-9_]*$", error="must be lower-case letters, digits and _, starting with a letter")


class TextField(fields.Dict):
    """A text by language: {en: ..., km: ...}; English is required so no label is ever empty."""

    def __init__(self, **kwargs):
        super().__init__(
            keys=fields.String(validate=validate.Regexp(r"^[a-z]{2,3}$", error="must be a language code like en or km")),
            values=fields.String(validate=validate.Length(min=1)),
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        if "en" not in result:
            raise ValidationError("needs an English text (en)")
        return result


class StrictSchema(Schema):
    class Meta:
        ordered = True  # unknown fields raise by default (marshmallow RAISE)


class ChoiceSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    label = TextField(required=True)


class ComputeSchema(StrictSchema):
    function = fields.String(required=True, validate=validate.OneOf(sorted(FUNCTIONS)))
    args = fields.List(fields.String(validate=KEY), required=True, validate=validate.Length(equal=2))
    fallback = fields.String(load_default="entered", validate=validate.OneOf(["entered", "none"]))


class CheckSchema(StrictSchema):
    rule = fields.String(required=True)
    message = TextField(required=True)


class ItemSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    type = fields.String(required=True, validate=validate.OneOf(ITEM_TYPES))
    label = TextField(required=True)
    help = TextField(load_default=dict)
    required = fields.Boolean(load_default=False)
    allow_na = fields.Boolean(load_default=False)
    show_when = fields.String()
    legal_basis = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    choices = fields.List(fields.Nested(ChoiceSchema))
    min = fields.Integer(strict=True)
    max = fields.Integer(strict=True)
    unit = TextField()
    not_in_future = fields.Boolean()
    max_length = fields.Integer(strict=True, validate=validate.Range(min=1, max=5000))
    multiline = fields.Boolean()
    private = fields.Boolean(load_default=False)
    compute = fields.Nested(ComputeSchema)
    checks = fields.List(fields.Nested(CheckSchema), load_default=list)

    #: Which optional fields make sense for which item type.
    FIELDS_BY_TYPE = {
        "allow_na": {"yesno"},
        "choices": {"choice", "multichoice"},
        "min": {"integer"},
        "max": {"integer"},
        "unit": {"integer"},
        "not_in_future": {"date"},
        "max_length": {"text"},
        "multiline": {"text"},
        "compute": {"integer"},
    }

    @validates_schema
    def fits_its_type(self, data, **kwargs):
        item_type = data.get("type")
        errors = {}
        for name, types in self.FIELDS_BY_TYPE.items():
            if name in data and data[name] not in (None, False) and item_type not in types:
                errors[name] = [f"is only allowed for items of type {' or '.join(sorted(types))}"]
        if item_type in ("choice", "multichoice"):
            choices = data.get("choices") or []
            if not choices:
                errors["choices"] = ["a choice item needs at least one choice"]
            keys = [c["key"] for c in choices]
            duplicates = sorted({k for k in keys if keys.count(k) > 1})
            if duplicates:
                errors["choices"] = [f"duplicate choice key {', '.join(duplicates)}"]
        if data.get("min") is not None and data.get("max") is not None and data["min"] > data["max"]:
            errors["max"] = ["must not be smaller than min"]
        if errors:
            raise ValidationError(errors)


class SectionSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    title = TextField(required=True)
    show_when = fields.String()
    items = fields.List(fields.Nested(ItemSchema), required=True, validate=validate.Length(min=1))


class AnnexSchema(StrictSchema):
    key = fields.String(required=True, validate=validate.Equal("juvenile", error="the annex key must be juvenile"))
    title = TextField(required=True)
    show_when = fields.String(required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1))


class HearingSchema(StrictSchema):
    title = TextField(load_default=lambda: {"en": "Hearing"})
    sections = fields.List(fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1))


class AccusedSchema(StrictSchema):
    title = TextField(load_default=lambda: {"en": "Accused"})
    min = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=0))
    max = fields.Integer(strict=True, load_default=50, validate=validate.Range(min=1))
    sections = fields.List(fields.Nested(SectionSchema), required=True, validate=validate.Length(min=1))
    annex = fields.Nested(AnnexSchema, required=True)


class DefinitionSchema(StrictSchema):
    key = fields.String(required=True, validate=KEY)
    version = fields.Integer(strict=True, required=True, validate=validate.Range(min=1))
    title = TextField(required=True)
    hearing = fields.Nested(HearingSchema, required=True)
    accused = fields.Nested(AccusedSchema, required=True)


def flatten_errors(messages, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested error dict as (path, message) pairs: `accused.sections[1].items[0].key`."""
    flat = []
    if isinstance(messages, dict):
        for name, inner in messages.items():
            if isinstance(name, int):
                path = f"{prefix}[{name}]"
            elif name == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{name}" if prefix else str(name)
            flat.extend(flatten_errors(inner, path))
    elif isinstance(messages, list):
        for message in messages:
            if isinstance(message, (dict, list)):
                flat.extend(flatten_errors(message, prefix))
            else:
                flat.append((prefix, str(message)))
    else:
        flat.append((prefix, str(messages)))
    return flat


class DefinitionInvalid(Exception):
    """A definition file that cannot be used, with every problem found."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(
            str(p) if not isinstance(p, tuple) else f"{source}: {p[0] or '(top)'}: {p[1]}" for p in problems
        ))


class _Builder:
    """Second pass: whole-file rules and the in-memory objects."""

    def __init__(self, data: dict, source: str):
        self.data = data
        self.source = source
        self.problems: list[tuple[str, str]] = []
        self.refs: dict[str, dict[str, ItemRef]] = {}  # level -> names visible from that level

    def build(self) -> Definition:
        self._collect_keys()
        self._widen_to_visible()
        hearing = self._block("hearing", self.data["hearing"], "hearing")
        accused = self._block("accused", self.data["accused"], "accused")
        juvenile = self._block("juvenile", self.data["accused"]["annex"], "accused.annex")
        if self.problems:
            raise DefinitionInvalid(self.source, self.problems)
        return Definition(
            key=self.data["key"],
            version=self.data["version"],
            title=self.data["title"],
            hearing=hearing,
            accused=accused,
            juvenile=juvenile,
            source_file=self.source,
        )

    def _blocks(self):
        yield "hearing", self.data["hearing"], "hearing"
        yield "accused", self.data["accused"], "accused"
        yield "juvenile", self.data["accused"]["annex"], "accused.annex"

    def _collect_keys(self) -> None:
        seen: dict[str, str] = {}
        for level, block, path in self._blocks():
            self.refs[level] = {}
            section_keys = set()
            for s, section in enumerate(block["sections"]):
                if section["key"] in section_keys:
                    self.problems.append((f"{path}.sections[{s}].key", f"duplicate section key '{section['key']}'"))
                section_keys.add(section["key"])
                for i, item in enumerate(section["items"]):
                    item_path = f"{path}.sections[{s}].items[{i}].key"
                    if item["key"] in seen:
                        self.problems.append(
                            (item_path, f"duplicate item key '{item['key']}' (first used at {seen[item['key']]})")
                        )
                        continue
                    seen[item["key"]] = item_path
                    answers = YESNO_ANSWERS if item["type"] == "yesno" else [c["key"] for c in item.get("choices", [])]
                    self.refs[level][item["key"]] = ItemRef(type=item["type"], answer_keys=frozenset(answers))

    def _widen_to_visible(self) -> None:
        """A condition may name items of its own level and of the levels above it."""
        visible = {}
        for level in LEVELS:
            visible.update(self.refs[level])
            self.refs[level] = dict(visible)

    def _condition(self, text: str | None, level: str, path: str):
        if text is None:
            return None
        try:
            return parse_condition(text, self.refs[level])
        except ConditionError as error:
            self.problems.append((path, str(error)))
            return None

    def _block(self, level: str, raw: dict, path: str) -> Block:
        sections = tuple(
            self._section(level, section, f"{path}.sections[{s}]") for s, section in enumerate(raw["sections"])
        )
        show_when = self._condition(raw.get("show_when"), "accused", f"{path}.show_when") if level == "juvenile" else None
        return Block(
            level=level,
            title=raw.get("title") or {"en": level.title()},
            sections=sections,
            min=raw.get("min", 1 if level == "hearing" else 0),
            max=raw.get("max", 1),
            show_when=show_when,
        )

    def _section(self, level: str, raw: dict, path: str) -> Section:
        items = tuple(self._item(level, item, f"{path}.items[{i}]") for i, item in enumerate(raw["items"]))
        return Section(
            key=raw["key"],
            title=raw["title"],
            items=items,
            show_when=self._condition(raw.get("show_when"), level, f"{path}.show_when"),
        )

    def _item(self, level: str, raw: dict, path: str) -> Item:
        compute = None
        if "compute" in raw:
            spec = raw["compute"]
            for a, name in enumerate(spec["args"]):
                ref = self.refs[level].get(name)
                if ref is None:
                    self.problems.append((f"{path}.compute.args[{a}]", f"unknown item '{name}'"))
                elif ref.type != "date":
                    self.problems.append((f"{path}.compute.args[{a}]", f"'{name}' is not a date item"))
            compute = Compute(function=spec["function"], args=tuple(spec["args"]), fallback=spec["fallback"])
        checks = []
        for c, check in enumerate(raw.get("checks", [])):
            rule = self._condition(check["rule"], level, f"{path}.checks[{c}].rule")
            if rule is not None:
                checks.append(Check(rule=rule, message=check["message"]))
        return Item(
            key=raw["key"],
            type=raw["type"],
            label=raw["label"],
            level=level,
            help=raw.get("help") or {},
            required=raw.get("required", False),
            allow_na=raw.get("allow_na", False),
            show_when=self._condition(raw.get("show_when"), level, f"{path}.show_when"),
            legal_basis=tuple(raw.get("legal_basis", ())),
            choices=tuple(Choice(key=c["key"], label=c["label"]) for c in raw.get("choices", ())),
            min=raw.get("min"),
            max=raw.get("max"),
            unit=raw.get("unit") or {},
            not_in_future=raw.get("not_in_future", False),
            max_length=raw.get("max_length", 200),
            multiline=raw.get("multiline", False),
            private=raw.get("private", False) or raw["type"] == "text",
            compute=compute,
            checks=tuple(checks),
        )


def build_definition(data, source: str) -> Definition:
    """Validate a parsed definition file and build it; raises DefinitionInvalid listing every problem."""
    if not isinstance(data, dict):
        raise DefinitionInvalid(source, [("", "the file must contain a mapping (key: value pairs) at the top")])
    try:
        loaded = DefinitionSchema().load(data)
    except ValidationError as error:
        raise DefinitionInvalid(source, flatten_errors(error.messages)) from None
    definition = _Builder(loaded, source).build()
    object.__setattr__(definition, "raw", data)
    return definition


def visible_item_refs(definition: Definition) -> dict[str, dict[str, ItemRef]]:
    """Per level, the items a condition at that level may name (its own and the levels above),
    as the definition's own conditions see them; indicator files parse their conditions with it."""
    builder = _Builder(definition.raw, definition.source_file)
    builder._collect_keys()
    builder._widen_to_visible()
    return builder.refs
