"""Reading definition files from `monitor/checklists/` and keeping the loaded versions.

Problems are reported with the file, the line, the path inside the file and the reason, so
whoever edits a definition can find the spot without reading code."""
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from monitor.checklists.definition import Definition
from monitor.checklists.schema import DefinitionInvalid, build_definition

DEFINITION_GLOB = "*.yaml"
#: Indicator files live in the same folder; they are not checklists.
INDICATOR_SUFFIX = ".indicators.yaml"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '(top)'}: {self.reason}"


def line_of(node: yaml.Node | None, path: str) -> int | None:
    """The 1-based line of `path` (like `accused.sections[2].items[0].key`) in a composed YAML tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        if isinstance(node, yaml.MappingNode) and name:
            match = next((value for key, value in node.value if key.value == name), None)
            if match is None:
                match = next((key for key, value in node.value if key.value == name), None)
            node = match
        elif isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


#: libyaml's parser (about ten times faster, and every `flask` command reads the definitions at
#: start-up), or PyYAML's own where PyYAML was built without libyaml.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlText:
    """The text of a YAML file, composed into a node tree (for line numbers) only when a problem
    needs one: PyYAML's composer is as slow as parsing the file again."""
    text: str

    def tree(self) -> yaml.Node | None:
        return yaml.compose(self.text)


def read_yaml(path: Path) -> tuple[YamlText, object]:
    """The text (for line numbers) and the data of a YAML file; raises DefinitionInvalid."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        return YamlText(text), _load(text)
    except OSError as error:
        raise DefinitionInvalid(source, [Problem(source, None, "", f"cannot read the file: {error.strerror}")]) from None
    except UnicodeDecodeError:
        raise DefinitionInvalid(source, [Problem(source, None, "", "the file is not UTF-8 text")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = f"not valid YAML: {getattr(error, 'problem', None) or error}"
        raise DefinitionInvalid(source, [Problem(source, mark.line + 1 if mark else None, "", reason)]) from None


def _load(text: str) -> object:
    """The data of a YAML text. A text libyaml refuses is read again by PyYAML's own parser, which
    then gives its own verdict and wording, so errors read the same with or without libyaml."""
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        yaml.compose(text)
        return yaml.safe_load(text)


def with_lines(invalid: DefinitionInvalid, source: YamlText) -> DefinitionInvalid:
    """The same problems as `Problem`s that carry the file and the line of their path."""
    tree = source.tree()
    problems = [Problem(invalid.source, line_of(tree, path), path, reason) for path, reason in invalid.problems]
    return DefinitionInvalid(invalid.source, problems)


def located(source: str, found: list[tuple[str, str]]) -> list[Problem]:
    """(path, reason) pairs found in a file, with its line, printed as problems are."""
    if not found:
        return []
    tree = read_yaml(Path(source))[0].tree()
    return [Problem(source, line_of(tree, path), path, reason) for path, reason in found]


def read_definition_file(path: Path) -> Definition:
    """Parse and validate one file; raises DefinitionInvalid whose `problems` are `Problem`s."""
    tree, data = read_yaml(path)
    try:
        return build_definition(data, str(path))
    except DefinitionInvalid as invalid:
        raise with_lines(invalid, tree) from None


class DefinitionRegistry:
    """Every version of every checklist found in a folder; the highest version of a key is current."""

    def __init__(self, definitions: list[Definition]):
        self._by_version = {(d.key, d.version): d for d in definitions}

    @classmethod
    def from_folder(cls, folder: str | Path) -> "DefinitionRegistry":
        definitions, problems = load_folder(folder)
        if problems:
            raise DefinitionInvalid(str(folder), problems)
        return cls(definitions)

    def get(self, key: str, version: int) -> Definition | None:
        return self._by_version.get((key, version))

    def current(self, key: str) -> Definition | None:
        versions = [d for (k, _), d in self._by_version.items() if k == key]
        return max(versions, key=lambda d: d.version, default=None)

    def keys(self) -> list[str]:
        return sorted({k for k, _ in self._by_version})

    def current_all(self) -> list[Definition]:
        return [self.current(key) for key in self.keys()]

    def versions(self, key: str) -> list[Definition]:
        return sorted((d for (k, _), d in self._by_version.items() if k == key), key=lambda d: d.version)


def load_folder(folder: str | Path) -> tuple[list[Definition], list[Problem]]:
    """Every checklist definition in the folder, and every problem found; duplicates are problems."""
    definitions, problems, seen = [], [], {}
    for path in sorted(Path(folder).glob(DEFINITION_GLOB)):
        if path.name.endswith(INDICATOR_SUFFIX):
            continue
        try:
            definition = read_definition_file(path)
        except DefinitionInvalid as invalid:
            problems.extend(invalid.problems)
            continue
        identity = (definition.key, definition.version)
        if identity in seen:
            problems.append(Problem(str(path), None, "version",
                                    f"{definition.key} version {definition.version} is also defined in {seen[identity]}"))
            continue
        seen[identity] = str(path)
        definitions.append(definition)
    return definitions, problems
