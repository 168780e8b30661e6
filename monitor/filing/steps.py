"""The order in which a monitor fills a checklist: one step per section shown, hearing first,
then each accused with their juvenile annex when it applies."""
from collections import ChainMap
from dataclasses import dataclass

from monitor.checklists import answers
from monitor.checklists.definition import Block, Definition, Section, translate


@dataclass(frozen=True)
class Step:
    level: str  # hearing | accused | juvenile
    section: Section
    accused_index: int | None = None  # from 0

    @property
    def path_prefix(self) -> str:
        if self.level == "hearing":
            return "hearing"
        prefix = f"accused[{self.accused_index}]"
        return prefix if self.level == "accused" else f"{prefix}.{answers.ANNEX}"

    def title(self, definition: Definition, language: str = "en") -> str:
        section_title = translate(self.section.title, language)
        if self.level == "hearing":
            return section_title
        block_title = translate(definition.block(self.level).title, language)
        return f"{block_title} {self.accused_index + 1}: {section_title}"

    def owns(self, path: str) -> bool:
        """Whether a problem path (e.g. `accused[0].gender`) belongs to this step."""
        prefix, _, key = path.rpartition(".")
        return prefix == self.path_prefix and any(item.key == key for item in self.section.items)


def block_answers(document: dict, level: str, accused_index: int | None) -> dict:
    if level == "hearing":
        return document["hearing"]
    accused = document["accused"][accused_index]
    return accused if level == "accused" else accused.setdefault(answers.ANNEX, {})


def scope_of(document: dict, level: str, accused_index: int | None) -> ChainMap:
    """The answers visible from a block: its own, then the accused's, then the hearing's."""
    hearing = document["hearing"]
    if level == "hearing":
        return ChainMap(hearing)
    accused = document["accused"][accused_index]
    if level == "accused":
        return ChainMap(accused, hearing)
    return ChainMap(accused.get(answers.ANNEX, {}), accused, hearing)


def _shown_sections(block: Block, scope) -> list[Section]:
    value_of = lambda key: scope.get(key) if answers.is_answered(scope.get(key)) else None  # noqa: E731
    return [s for s in block.sections if s.show_when is None or s.show_when.evaluate(value_of)]


def steps_of(definition: Definition, document: dict) -> list[Step]:
    steps = [Step("hearing", s) for s in _shown_sections(definition.hearing, scope_of(document, "hearing", None))]
    for index, accused in enumerate(document["accused"]):
        scope = scope_of(document, "accused", index)
        steps += [Step("accused", s, index) for s in _shown_sections(definition.accused, scope)]
        if answers.annex_is_shown(definition, accused, document["hearing"]):
            annex_scope = scope_of(document, "juvenile", index)
            steps += [Step("juvenile", s, index) for s in _shown_sections(definition.juvenile, annex_scope)]
    return steps


def find_step(steps: list[Step], level: str, section_key: str, accused_index: int | None) -> int | None:
    for position, step in enumerate(steps):
        if (step.level, step.section.key, step.accused_index) == (level, section_key, accused_index):
            return position
    return None


def planned_step_count(definition: Definition, document: dict) -> int:
    """How many sections the whole checklist has so far, counting those of the accused still to
    be added up to the minimum: "Step 4 of 4" at the end of the hearing would promise an end that
    is not there."""
    missing = max(0, definition.accused.min - len(document["accused"]))
    if not missing:
        return len(steps_of(definition, document))
    planned = {"hearing": document["hearing"], "accused": list(document["accused"]) + [{} for _ in range(missing)]}
    return len(steps_of(definition, planned))
