"""Are indicator files checked on load, and does editing one change the statistics without code?"""
from datetime import date
from pathlib import Path

import pytest

from monitor.checklists.indicators import read_indicator_file
from monitor.checklists.schema import DefinitionInvalid
from monitor.services.definitions import registry

#: Indicator files on disk; the database engine does not change how they are read.
pytestmark = pytest.mark.one_database

DEFAULT = Path(__file__).resolve().parents[2] / "monitor" / "checklists" / "fair_trial.indicators.yaml"


def test_default_file_covers_design_section_3(app):
    """Does the default file hold the groups, breakdowns and UNODC/UNICEF manual numbers DESIGN.md §3 asks for?"""
    indicators = read_indicator_file(DEFAULT, registry())
    assert [g.key for g in indicators.groups] == ["volume", "fair_trial", "juvenile", "unodc"]
    assert set(indicators.breakdowns) == {"court", "stage", "gender", "age_band", "offence", "offence_class"}
    assert sorted(i.manual_indicator for i in indicators.indicators if i.manual_indicator) == [3, 4, 7, 9, 10]
    assert {i.unit for i in indicators.in_group("volume")} == {"hearing", "accused", "juvenile"}


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "broken.indicators.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_problems_name_file_line_path_and_reason(app, tmp_path):
    """Does a typo in a condition fail with the file, the line, the path and the reason?"""
    text = DEFAULT.read_text(encoding="utf-8").replace(
        "yes_share: hearing_open", 'numerator: "hearing_opn = yes"\n    denominator: "hearing_open in [yes, no]"')
    path = _write(tmp_path, text)
    with pytest.raises(DefinitionInvalid) as invalid:
        read_indicator_file(path, registry())
    problem = invalid.value.problems[0]
    line = next(n for n, line in enumerate(text.splitlines(), 1) if "hearing_opn" in line)
    assert (problem.file, problem.line, problem.path) == (str(path), line, "indicators[4].numerator")
    assert "unknown item or answer 'hearing_opn'" in problem.reason


@pytest.mark.parametrize("change, path, reason", [
    (("yes_share: hearing_open\n    breakdowns: [court, stage]", "yes_share: hearing_open\n    breakdowns: [court, gender]"),
     "indicators[4].breakdowns[1]", "recorded per accused, so it cannot split hearing figures"),
    (("kind: duration\n    among: \"stage = first_instance and detention_status = pretrial_detention\"",
      "kind: duration\n    among: \"stage = first_instance and detention_status = pretrial_detention\"\n"
      "    numerator: \"x = 1\""),
     "indicators[12].numerator", "is not used by a duration indicator"),
    (("group: volume\n    title:\n      en: Hearings monitored", "group: volumes\n    title:\n      en: Hearings monitored"),
     "indicators[0].group", "unknown group 'volumes'"),
    (("yes_share: hearing_open", "yes_share: hearing_open\n    numerator: \"hearing_open = no\""),
     "indicators[4].numerator", "'yes_share' already sets the numerator"),
    (("yes_share: hearing_open", "yes_share: stage"), "indicators[4].yes_share",
     "'stage' is choice; 'yes_share' needs a yes/no item"),
    (("yes_share: hearing_open", "yes_share: represented_by_lawyer"), "indicators[4].yes_share",
     "unknown item 'represented_by_lawyer' for unit hearing"),
    (("yes_share: hearing_open", "among: \"hearing_open = yes\""), "indicators[4].numerator",
     "a percentage indicator needs 'numerator' (or 'yes_share: ITEM')"),
    (("checklist: fair_trial", "checklist: missing_checklist"), "checklist", "no installed checklist 'missing_checklist'"),
])
def test_structural_problems(app, tmp_path, change, path, reason):
    text = DEFAULT.read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(DefinitionInvalid) as invalid:
        read_indicator_file(_write(tmp_path, text.replace(change[0], change[1], 1)), registry())
    assert any(p.path == path and reason in p.reason for p in invalid.value.problems), invalid.value.problems


def test_validate_command_exits_non_zero_on_problems(app, runner, tmp_path):
    ok = runner.invoke(args=["indicators", "validate"])
    assert ok.exit_code == 0 and "43 indicators" in ok.output
    broken = _write(tmp_path, DEFAULT.read_text(encoding="utf-8").replace("kind: count", "kind: total", 1))
    failed = runner.invoke(args=["indicators", "validate", str(broken)])
    assert failed.exit_code == 1
    assert f"{broken}:" in failed.output and "indicators[0].kind" in failed.output


NEW_INDICATOR = """
  - key: women_accused_with_lawyer
    group: fair_trial
    title: {en: "Women accused represented by a lawyer"}
    unit: accused
    kind: percentage
    among: "gender = female"
    yes_share: represented_by_lawyer
    breakdowns: [court]
    legal_basis: [ICCPR art. 14(3)(d), CEDAW art. 15]
"""


def test_a_new_indicator_in_the_file_appears_in_the_statistics(make_app, database_url, tmp_path, add_hearing, create_court,
                                                               create_user):
    """Does adding an indicator to the file add it to the API output, computed, with no code change?"""
    path = tmp_path / "custom.indicators.yaml"
    path.write_text(DEFAULT.read_text(encoding="utf-8") + NEW_INDICATOR, encoding="utf-8")
    custom = make_app(database_url, INDICATOR_FILE=str(path))
    court = create_court()
    add_hearing(court, date(2025, 3, 3), "approved", {"stage": "appeal"}, [
        {"gender": "female", "represented_by_lawyer": "yes"},
        {"gender": "female", "represented_by_lawyer": "no"},
        {"gender": "female", "represented_by_lawyer": "unknown"},
        {"gender": "male", "represented_by_lawyer": "no"},
    ])
    manager = create_user("manager")
    client = custom.test_client()
    client.post("/login", data={"username": manager.username, "password": "correct horse battery"})
    body = client.get("/api/v1/statistics?period=2025-Q1").get_json()
    added = next(item for item in body["indicators"] if item["key"] == "women_accused_with_lawyer")
    # women: yes, no, unknown -> 1 of 2, 1 unknown; the man is outside.
    assert (added["numerator"], added["denominator"], added["value"], added["excluded"]["unknown"]) == (1, 2, 50.0, 1)
    assert added["definition"]["legal_basis"] == ["ICCPR art. 14(3)(d)", "CEDAW art. 15"]


def test_the_shorthand_stands_for_the_conditions_written_out(app, tmp_path):
    """Does `yes_share` mean exactly the three conditions (and N/A where the item offers it) it replaces?"""
    explicit = DEFAULT.read_text(encoding="utf-8").replace("yes_share: juvenile_verdict_public", "\n    ".join((
        'numerator: "juvenile_verdict_public = yes"', 'denominator: "juvenile_verdict_public in [yes, no]"',
        'unknown: "juvenile_verdict_public = unknown"', 'not_applicable: "juvenile_verdict_public = na"')))
    written_out = read_indicator_file(_write(tmp_path, explicit), registry()).indicator("juvenile_verdict_public")
    short = read_indicator_file(DEFAULT, registry())
    assert short.indicator("juvenile_verdict_public").describe() == written_out.describe()
    assert short.indicator("tried_in_absentia").describe()["conditions"]["numerator"] == "present_at_hearing = no"
    assert "not_applicable" not in short.indicator("hearings_open_to_public").describe()["conditions"]


def test_default_file_is_written_in_block_style(app):
    """Are the texts of the default file short lines a translator can diff (no line over 100 characters)?"""
    long_lines = [n for n, line in enumerate(DEFAULT.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 100]
    assert long_lines == []


def test_validate_warns_on_not_equal_against_a_yes_no_item(app, runner, tmp_path):
    """Does `flask indicators validate` warn (without failing) that `x != no` leaves out the unanswered?"""
    text = DEFAULT.read_text(encoding="utf-8").replace(
        'among: "hearing_type = trial and not (present_at_hearing = no)"',
        'among: "hearing_type = trial and present_at_hearing != no"', 1)
    path = _write(tmp_path, text)
    line = next(n for n, line in enumerate(text.splitlines(), 1) if "present_at_hearing != no" in line)
    result = runner.invoke(args=["indicators", "validate", str(path)])
    assert result.exit_code == 0
    assert f"warning: {path}:{line}: indicators[" in result.output
    assert "false when it is unanswered: write 'not (present_at_hearing = no)'" in result.output
    clean = runner.invoke(args=["indicators", "validate"])
    assert "warning" not in clean.output
