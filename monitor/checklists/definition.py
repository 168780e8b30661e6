"""A checklist definition in memory: what the YAML file says, with conditions parsed.

Built only by `monitor.checklists.schema.build_definition`, which validates the file first."""
from dataclasses import dataclass, field
from functools import cached_property

from monitor.checklists.conditions import Condition
from monitor.checklists.vocabulary import ITEM_TYPES, LEVELS, YESNO_ANSWERS  # noqa: F401 (named here too)

Text = dict[str, str]


def translate(text: Text | None, language: str = "en") -> str:
    """The text in `language`, falling back to English so a label is never empty."""
    if not text:
        return ""
    return text.get(language) or text.get("en", "")


@dataclass(frozen=True)
class Choice:
    key: str
    label: Text


@dataclass(frozen=True)
class Compute:
    function: str
    args: tuple[str, ...]
    #: "entered": the monitor types the value when an argument is missing; "none": left empty.
    fallback: str = "entered"


@dataclass(frozen=True)
class Check:
    rule: Condition
    message: Text


@dataclass(frozen=True)
class Item:
    key: str
    type: str
    label: Text
    level: str
    help: Text = field(default_factory=dict)
    required: bool = False
    allow_na: bool = False
    show_when: Condition | None = None
    legal_basis: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: Text = field(default_factory=dict)
    not_in_future: bool = False
    max_length: int = 200
    #: Text only: several lines in the monitor's own words (observations), not a short reference.
    multiline: bool = False
    #: Never leaves the organisation: case references, dates of birth, free text.
    private: bool = False
    compute: Compute | None = None
    checks: tuple[Check, ...] = ()

    @cached_property
    def answer_keys(self) -> tuple[str, ...]:
        if self.type == "yesno":
            return tuple(a for a in YESNO_ANSWERS if a != "na" or self.allow_na)
        return tuple(choice.key for choice in self.choices)

    def choice_text(self, key: str) -> Text:
        """A choice's label in every language it has."""
        return next((dict(choice.label) for choice in self.choices if choice.key == key), {"en": key})

    def choice_label(self, key: str, language: str = "en") -> str:
        for choice in self.choices:
            if choice.key == key:
                return translate(choice.label, language)
        return key


@dataclass(frozen=True)
class Section:
    key: str
    title: Text
    items: tuple[Item, ...]
    show_when: Condition | None = None


@dataclass(frozen=True)
class Block:
    level: str
    title: Text
    sections: tuple[Section, ...]
    min: int = 0
    max: int = 1
    #: Annex only: when the annex is attached to an accused.
    show_when: Condition | None = None

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @cached_property
    def items_by_key(self) -> dict[str, Item]:
        return {item.key: item for item in self.items}

    @cached_property
    def computed_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.compute is not None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @cached_property
    def _section_of_item(self) -> dict[int, Section]:
        return {id(item): section for section in self.sections for item in section.items}

    def section_of(self, item: Item) -> Section:
        """The section holding `item` (by identity: comparing frozen dataclasses field by field is slow)."""
        return self._section_of_item[id(item)]


@dataclass(frozen=True)
class Definition:
    key: str
    version: int
    title: Text
    hearing: Block
    accused: Block
    juvenile: Block
    source_file: str = ""
    #: The parsed file, for the API's definition endpoint and the browser.
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def blocks(self) -> tuple[Block, Block, Block]:
        return (self.hearing, self.accused, self.juvenile)

    def block(self, level: str) -> Block:
        return {"hearing": self.hearing, "accused": self.accused, "juvenile": self.juvenile}[level]

    @property
    def items(self) -> dict[str, Item]:
        return dict(self.items_by_key)

    @cached_property
    def items_by_key(self) -> dict[str, Item]:
        """Every item of every block by key (keys are unique across blocks); do not change it."""
        return {item.key: item for block in self.blocks for item in block.items}

    def item(self, key: str) -> Item:
        return self.items_by_key[key]
