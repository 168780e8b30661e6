"""Can programme staff trust a definition file: the default loads, and every mistake is named?"""
from pathlib import Path

import pytest
import yaml

from monitor.checklists.loader import DefinitionRegistry, load_folder, read_definition_file
from monitor.checklists.schema import DefinitionInvalid

CHECKLIST_FOLDER = Path(__file__).parents[2] / "monitor" / "checklists"
DEFAULT_FILE = CHECKLIST_FOLDER / "fair_trial.v1.yaml"

MINIMAL = """\
key: mini
version: 1
title: {en: Mini}
hearing:
  sections:
    - key: basics
      title: {en: Basics}
      items:
        - key: hearing_date
          type: date
          label: {en: Hearing date}
        - key: hearing_open
          type: yesno
          label: {en: 'Open?'}
accused:
  sections:
    - key: identity
      title: {en: Identity}
      items:
        - key: age_at_offence
          type: integer
          label: {en: Age at offence}
  annex:
    key: juvenile
    title: {en: Juvenile annex}
    show_when: "age_at_offence < 18"
    sections:
      - key: privacy
        title: {en: Privacy}
        items:
          - key: in_camera
            type: yesno
            label: {en: 'In camera?'}
"""


def problems_of(tmp_path, text: str) -> list:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(DefinitionInvalid) as raised:
        read_definition_file(path)
    return raised.value.problems


def test_default_checklist_loads_with_every_part_of_the_design():
    """Does the shipped checklist cover the hearing, the accused and the juvenile annex of DESIGN.md §2?"""
    definition = read_definition_file(DEFAULT_FILE)
    items = definition.items
    assert (definition.key, definition.version) == ("fair_trial", 1)
    assert len(items) >= 70
    for key in ["hearing_date", "stage", "hearing_open", "case_reference", "verdict_public", "verdict_reasons_given",
                "gender", "date_of_birth", "age_at_offence", "detention_status", "pretrial_detention_days",
                "represented_by_lawyer", "informed_right_to_silence", "interpreter_provided", "coerced_confession_claim",
                "outcome", "sentence_months", "below_minimum_age", "detained_with_adults", "in_camera",
                "identity_protected", "parent_present", "social_worker_present", "juvenile_lawyer_present",
                "diversion_considered", "sentence_reduction_applied"]:
        assert key in items, key
    assert items["in_camera"].level == "juvenile"
    assert items["case_reference"].private and items["date_of_birth"].private
    assert definition.juvenile.show_when.source == "age_at_offence < 18"
    rights = [i for i in items.values() if i.type == "yesno"]
    assert all(i.legal_basis for i in rights), [i.key for i in rights if not i.legal_basis]


def test_registry_keeps_versions_apart(tmp_path):
    """Does a stored checklist keep finding the version it was filled with after a new one ships?"""
    (tmp_path / "mini.v1.yaml").write_text(MINIMAL)
    (tmp_path / "mini.v2.yaml").write_text(MINIMAL.replace("version: 1", "version: 2"))
    registry = DefinitionRegistry.from_folder(tmp_path)
    assert registry.current("mini").version == 2
    assert registry.get("mini", 1).version == 1
    assert [d.version for d in registry.versions("mini")] == [1, 2]


@pytest.mark.parametrize(
    "change, path, reason",
    [
        (("type: yesno\n          label: {en: 'Open?'}", "type: maybe\n          label: {en: 'Open?'}"),
         "hearing.sections[0].items[1].type", "Must be one of"),
        (("key: hearing_open", "key: hearing_date"), "hearing.sections[0].items[1].key", "duplicate item key 'hearing_date'"),
        (("label: {en: 'Open?'}", "label: {km: បើក}"), "hearing.sections[0].items[1].label", "needs an English text"),
        (('show_when: "age_at_offence < 18"', 'show_when: "age_at_offense < 18"'), "accused.annex.show_when",
         "unknown item or answer 'age_at_offense'"),
        (("label: {en: 'Open?'}", "label: {en: 'Open?'}\n          choices: [{key: a, label: {en: A}}]"),
         "hearing.sections[0].items[1].choices", "only allowed for items of type"),
        (("version: 1", "version: one"), "version", "Not a valid integer"),
        (("type: integer\n          label: {en: Age at offence}",
          "type: integer\n          label: {en: Age at offence}\n"
          "          compute: {function: years_between, args: [hearing_open, hearing_date]}"),
         "accused.sections[0].items[0].compute.args[0]", "'hearing_open' is not a date item"),
        (("type: integer\n          label: {en: Age at offence}", "type: choice\n          label: {en: Age at offence}"),
         "accused.sections[0].items[0].choices", "needs at least one choice"),
        (("title: {en: Mini}", "title: {en: Mini}\ncolour: blue"), "colour", "Unknown field"),
    ],
)
def test_each_kind_of_mistake_is_refused_with_path_and_reason(tmp_path, change, path, reason):
    """Is a broken definition refused, saying where and why?"""
    old, new = change
    assert old in MINIMAL
    problems = problems_of(tmp_path, MINIMAL.replace(old, new, 1))
    assert any(p.path == path and reason in p.reason for p in problems), [str(p) for p in problems]
    assert all(p.file.endswith("broken.yaml") for p in problems)


def test_problem_names_the_line(tmp_path):
    """Does the message point at the line to fix?"""
    text = MINIMAL.replace("type: yesno", "type: maybe")
    problems = problems_of(tmp_path, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "type: maybe" in row)
    assert problems[0].line == line
    assert str(problems[0]).startswith(f"{tmp_path / 'broken.yaml'}:{line}: hearing.sections[0].items[1].type:")


def test_yaml_syntax_errors_name_the_line(tmp_path):
    problems = problems_of(tmp_path, MINIMAL.replace("title: {en: Mini}", "title: {en: Mini"))
    assert problems[0].line is not None and "not valid YAML" in problems[0].reason


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    assert "mapping" in problems_of(tmp_path, "- just\n- a list\n")[0].reason


def test_same_version_twice_is_a_problem(tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL)
    (tmp_path / "b.yaml").write_text(MINIMAL)
    definitions, problems = load_folder(tmp_path)
    assert len(definitions) == 1
    assert "also defined in" in problems[0].reason


def test_cli_validate_reports_and_fails(runner, tmp_path):
    """`flask checklists validate` prints file, line, path and reason, and exits non-zero."""
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL)
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("key: hearing_open", "key: Hearing Open"))
    result = runner.invoke(args=["checklists", "validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert "ok: " in result.output and "mini version 1" in result.output
    assert f"{bad}:" in result.output and "hearing.sections[0].items[1].key" in result.output


def test_cli_validate_warns_on_not_equal_against_a_yes_no_item(runner, tmp_path):
    """Is `hearing_open != no` (false when unanswered) a warning with file and line, without failing?"""
    path = tmp_path / "doubtful.yaml"
    path.write_text(MINIMAL.replace(
        "            label: {en: 'In camera?'}",
        "            label: {en: 'In camera?'}\n            show_when: \"hearing_open != no\""))
    result = runner.invoke(args=["checklists", "validate", str(path)])
    assert result.exit_code == 0, result.output
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "hearing_open != no" in text)
    assert f"warning: {path}:{line}: accused.annex.sections[0].items[0].show_when:" in result.output
    assert "write 'not (hearing_open = no)'" in result.output


def test_cli_validate_default_folder_passes(runner):
    result = runner.invoke(args=["checklists", "validate"])
    assert result.exit_code == 0, result.output
    assert "fair_trial version 1" in result.output
    assert "warning" not in result.output


def test_definition_raw_round_trips_through_yaml():
    definition = read_definition_file(DEFAULT_FILE)
    assert definition.raw == yaml.safe_load(DEFAULT_FILE.read_text())
