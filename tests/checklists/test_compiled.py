"""Are compiled definitions kept between starts only while they are still what the files say?"""
import shutil
from pathlib import Path

import pytest

from monitor.checklists import compiled
from monitor.checklists.compiled import load_checklists
from monitor.checklists.loader import DefinitionRegistry
from monitor.checklists.schema import DefinitionInvalid

SHIPPED = Path(compiled.__file__).parent
LABEL = "Was the hearing open to the public?"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the shipped definitions and indicator file that a test may edit."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    for path in SHIPPED.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def load(folder, tmp_path):
    kept = tmp_path / "instance" / "compiled-checklists.pickle"
    return lambda: load_checklists(folder, folder / "fair_trial.indicators.yaml", kept)


@pytest.fixture
def compilations(monkeypatch) -> list:
    """One entry per time the definition files are compiled."""
    seen = []
    compile_folder = DefinitionRegistry.from_folder.__func__

    def counting(cls, folder):
        seen.append(folder)
        return compile_folder(cls, folder)

    monkeypatch.setattr(DefinitionRegistry, "from_folder", classmethod(counting))
    return seen


def _label(registry: DefinitionRegistry) -> str:
    return registry.current("fair_trial").item("hearing_open").label["en"]


def test_the_next_start_reads_what_the_first_compiled(load, compilations):
    registry, indicators = load()
    kept_registry, kept_indicators = load()

    assert len(compilations) == 1
    assert kept_registry.current("fair_trial") == registry.current("fair_trial")
    assert kept_registry.current("fair_trial").raw == registry.current("fair_trial").raw
    assert kept_indicators == indicators


def test_an_edited_definition_is_compiled_again(load, folder, compilations):
    load()
    definition = folder / "fair_trial.v2.yaml"  # the current version
    definition.write_text(definition.read_text(encoding="utf-8").replace(LABEL, "Open to the public?"), encoding="utf-8")

    registry, _ = load()

    assert len(compilations) == 2
    assert _label(registry) == "Open to the public?"


def test_a_definition_broken_after_a_good_start_is_refused_with_its_line(load, folder):
    """A kept compilation of the good file must never hide the mistake made since."""
    load()
    definition = folder / "fair_trial.v2.yaml"  # the current version
    text = definition.read_text(encoding="utf-8").replace("type: yesno", "type: maybe", 1)
    definition.write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "type: maybe" in row)

    for _ in range(2):  # and again at the next start: a broken file is never kept
        with pytest.raises(DefinitionInvalid) as refused:
            load()
        assert [(problem.file, problem.line) for problem in refused.value.problems] == [(str(definition), line)]


def test_an_edited_indicator_file_is_compiled_again(load, folder, compilations):
    load()
    indicator_file = folder / "fair_trial.indicators.yaml"
    indicator_file.write_text(indicator_file.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")

    load()

    assert len(compilations) == 2


def test_changed_compiling_code_compiles_again(load, tmp_path, monkeypatch, compilations):
    """A new release of the code that compiles definitions must not read what the old one kept."""
    code = tmp_path / "code"
    code.mkdir()
    (code / "schema.py").write_text("RULES = 1\n")
    monkeypatch.setattr(compiled, "COMPILING_CODE", code)
    load()
    (code / "schema.py").write_text("RULES = 2\n")

    load()

    assert len(compilations) == 2


@pytest.mark.parametrize("damage", [b"", b"not a kept file", None], ids=["empty", "garbage", "truncated"])
def test_a_damaged_kept_file_is_compiled_again(load, tmp_path, compilations, damage):
    load()
    kept = tmp_path / "instance" / "compiled-checklists.pickle"
    content = kept.read_bytes()
    kept.write_bytes(content[: len(content) // 2] if damage is None else damage)

    registry, _ = load()

    assert len(compilations) == 2 and _label(registry) == LABEL


def test_an_unwritable_place_only_means_compiling_at_every_start(folder, tmp_path, compilations):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    for _ in range(2):
        registry, _ = load_checklists(folder, folder / "fair_trial.indicators.yaml", blocked / "kept.pickle")
        assert _label(registry) == LABEL
    assert len(compilations) == 2


def test_a_missing_indicator_file_is_reported_as_before(folder, tmp_path):
    with pytest.raises(DefinitionInvalid) as refused:
        load_checklists(folder, folder / "missing.indicators.yaml", tmp_path / "kept.pickle")
    assert "cannot read the file" in str(refused.value.problems[0])
