"""Conditions that parse but probably do not say what their author meant.

`x != no` is false when `x` is unanswered (every comparison with an unanswered item is), so a
yes/no item compared with `!=` silently leaves out everyone the monitor skipped or could not see.
`not (x = no)` or `x in [yes, unknown]` say it plainly. `flask checklists validate` and `flask
indicators validate` print these as warnings: the file still loads."""
from monitor.checklists.conditions import Condition
from monitor.checklists.definition import Definition

WARNING = ("compares the yes/no item '{key}' with '!=', which is false when it is unanswered: "
           "write 'not ({key} = {value})' or list the answers meant with 'in [...]'")


def yesno_inequalities(condition: Condition | None) -> list[str]:
    """A warning for each `!=` between a yes/no item and a value in `condition`."""
    if condition is None:
        return []
    return [WARNING.format(key=key, value=value) for key, value in _walk(condition.ast, condition.item_types)]


def _walk(node: tuple, item_types) -> list[tuple[str, object]]:
    op = node[0]
    if op in ("and", "or", "not"):
        return [found for part in node[1:] for found in _walk(part, item_types)]
    if op != "!=":
        return []
    sides = node[1:]
    items = [side[1] for side in sides if side[0] == "item" and item_types.get(side[1]) == "yesno"]
    values = [side[1] for side in sides if side[0] == "value"]
    return [(items[0], values[0])] if items and values else []


def definition_warnings(definition: Definition) -> list[tuple[str, str]]:
    """(path inside the file, reason) for each doubtful condition of a checklist definition."""
    found = []
    paths = {"hearing": "hearing", "accused": "accused", "juvenile": "accused.annex"}
    for block in definition.blocks:
        path = paths[block.level]
        found += [(f"{path}.show_when", reason) for reason in yesno_inequalities(block.show_when)]
        for s, section in enumerate(block.sections):
            section_path = f"{path}.sections[{s}]"
            found += [(f"{section_path}.show_when", reason) for reason in yesno_inequalities(section.show_when)]
            for i, item in enumerate(section.items):
                item_path = f"{section_path}.items[{i}]"
                found += [(f"{item_path}.show_when", reason) for reason in yesno_inequalities(item.show_when)]
                for c, check in enumerate(item.checks):
                    found += [(f"{item_path}.checks[{c}].rule", reason) for reason in yesno_inequalities(check.rule)]
    return found
