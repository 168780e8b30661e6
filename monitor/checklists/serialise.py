"""A definition as JSON for API clients and the offline app: the file's content with every
condition also given as a syntax tree that `static/js/conditions.js` evaluates."""
from monitor.checklists.definition import Block, Definition, Item, Section, translate


def _condition(condition):
    return None if condition is None else {"source": condition.source, "tree": condition.to_json()}


def _item(item: Item) -> dict:
    data = {
        "key": item.key,
        "type": item.type,
        "label": item.label,
        "help": item.help,
        "required": item.required,
        "legal_basis": list(item.legal_basis),
        "private": item.private,
        "show_when": _condition(item.show_when),
    }
    if item.type in ("yesno", "choice", "multichoice"):
        data["answers"] = list(item.answer_keys)
    if item.choices:
        data["choices"] = [{"key": c.key, "label": c.label} for c in item.choices]
    if item.type == "integer":
        data.update(min=item.min, max=item.max, unit=item.unit)
    if item.type == "date":
        data["not_in_future"] = item.not_in_future
    if item.type == "text":
        data["max_length"] = item.max_length
        data["multiline"] = item.multiline
    if item.compute:
        data["compute"] = {"function": item.compute.function, "args": list(item.compute.args), "fallback": item.compute.fallback}
    if item.checks:
        data["checks"] = [{"rule": _condition(c.rule), "message": c.message} for c in item.checks]
    return data


def _section(section: Section) -> dict:
    return {"key": section.key, "title": section.title, "show_when": _condition(section.show_when),
            "items": [_item(i) for i in section.items]}


def _block(block: Block) -> dict:
    return {"title": block.title, "sections": [_section(s) for s in block.sections]}


def definition_to_json(definition: Definition) -> dict:
    accused = _block(definition.accused) | {"min": definition.accused.min, "max": definition.accused.max}
    accused["annex"] = _block(definition.juvenile) | {"key": "juvenile", "show_when": _condition(definition.juvenile.show_when)}
    return {
        "key": definition.key,
        "version": definition.version,
        "title": definition.title,
        "hearing": _block(definition.hearing),
        "accused": accused,
    }


def _is_text(value) -> bool:
    return isinstance(value, dict) and "en" in value and all(
        len(code) == 2 and isinstance(words, str) for code, words in value.items())


def in_one_language(data, language: str):
    """The JSON with every {en, km} text reduced to `{language: text}` (English where that
    language has no text yet), and `"language"` set at the top, so readers keep the same shape."""
    def reduce(value):
        if _is_text(value):
            return {language: translate(value, language)}
        if isinstance(value, dict):
            return {key: reduce(inner) for key, inner in value.items()}
        if isinstance(value, list):
            return [reduce(inner) for inner in value]
        return value

    return reduce(data) | {"language": language}
