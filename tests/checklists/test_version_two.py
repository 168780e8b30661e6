"""Does version 2 of the default checklist ask what this round added, while version 1 stays as it was?

Version 2 gathers the round's changes: observations in the monitor's words (private), "claimed or
apparently under 18" opening the juvenile annex, the offence class, "diversion ordered", and
sentence checks against the accused block."""
from datetime import date
from pathlib import Path

import pytest

from monitor.checklists import answers
from monitor.checklists.indicators import build_indicator_set
from monitor.checklists.loader import DefinitionRegistry
from monitor.checklists.schema import DefinitionInvalid

SHIPPED = Path(answers.__file__).parent
TODAY = date(2026, 1, 10)


@pytest.fixture(scope="module")
def versions():
    registry = DefinitionRegistry.from_folder(SHIPPED)
    return registry.get("fair_trial", 1), registry.get("fair_trial", 2)


def test_version_two_is_current_and_version_one_is_unchanged(versions):
    v1, v2 = versions
    new = {"hearing_observations", "accused_observations", "claimed_minor", "offence_class", "diversion_ordered"}
    assert new <= set(v2.items) and not new & set(v1.items)
    assert set(v1.items) <= set(v2.items), "no key of version 1 is dropped or renamed"
    assert v1.juvenile.show_when.source == "age_at_offence < 18"


def test_observations_are_private_multi_line_text(versions):
    _, v2 = versions
    for key, level in (("hearing_observations", "hearing"), ("accused_observations", "accused")):
        item = v2.item(key)
        assert (item.type, item.level, item.private, item.multiline) == ("text", level, True, True)
        assert item.max_length >= 2000


def test_observations_cannot_be_counted(versions):
    """An indicator naming an observation is refused, so no statistic can carry free text."""
    _, v2 = versions
    data = {"key": "x", "version": 1, "title": {"en": "X"}, "checklist": "fair_trial",
            "groups": [{"key": "g", "title": {"en": "G"}}],
            "indicators": [{"key": "notes", "group": "g", "title": {"en": "Notes"}, "unit": "hearing",
                            "kind": "count", "among": "hearing_observations is answered"}]}
    with pytest.raises(DefinitionInvalid) as invalid:
        build_indicator_set(data, v2, "x.yaml")
    assert invalid.value.problems == [("indicators[0].among", "names private item hearing_observations")]


def _document(accused: dict) -> dict:
    return {"hearing": {"hearing_date": "2026-01-05"}, "accused": [accused]}


@pytest.mark.parametrize("accused, annex", [
    ({"claimed_minor": "yes"}, True),          # no age known, says 16: benefit of the doubt
    ({"age_at_offence": 19, "claimed_minor": "yes"}, True),  # a disputed age
    ({"claimed_minor": "no"}, False),
    ({"claimed_minor": "unknown"}, False),
    ({"age_at_offence": 16}, True),
    ({"age_at_offence": 30, "claimed_minor": "no"}, False),
])
def test_a_claim_or_appearance_of_being_under_18_opens_the_annex(versions, accused, annex):
    _, v2 = versions
    document = answers.normalise(v2, _document(dict(accused)))
    assert (answers.ANNEX in document["accused"][0]) is annex


def test_the_claim_is_not_asked_once_an_age_under_18_is_recorded(versions):
    _, v2 = versions
    document = answers.normalise(v2, _document({"age_at_offence": 16, "claimed_minor": "no"}))
    assert "claimed_minor" not in document["accused"][0]
    assert answers.ANNEX in document["accused"][0]


def test_the_age_at_the_offence_cannot_pass_the_age_at_the_hearing(versions):
    _, v2 = versions
    document = answers.normalise(v2, _document({"age_at_hearing": 16, "age_at_offence": 17}))
    problems = answers.validate(v2, document, submitting=False, today=TODAY)
    assert "above the age at the hearing" in problems["accused[0].age_at_offence"]


@pytest.mark.parametrize("accused, annex, problem", [
    ({"outcome": "convicted", "sentence_type": "custodial"}, {"juvenile_sentence_custodial": "no"}, "the sentence was prison"),
    ({"outcome": "convicted", "sentence_type": "fine"}, {"juvenile_sentence_custodial": "yes"}, "fully suspended or a fine"),
    ({"outcome": "convicted", "sentence_type": "non_custodial"}, {"juvenile_sentence_custodial": "na"}, "answer Yes or No"),
    ({"outcome": "pending"}, {"juvenile_sentence_custodial": "yes"}, "answer N/A"),
])
def test_the_childs_sentence_agrees_with_the_accused_block(versions, accused, annex, problem):
    _, v2 = versions
    document = answers.normalise(v2, _document({"age_at_offence": 15, **accused, "juvenile": annex}))
    problems = answers.validate(v2, document, submitting=False, today=TODAY)
    assert problem in problems["accused[0].juvenile.juvenile_sentence_custodial"]


def test_a_closed_centre_counts_as_custodial_in_the_help(versions):
    """The Manual counts any deprivation of liberty as detention: the question says so."""
    _, v2 = versions
    item = v2.item("juvenile_sentence_custodial")
    assert "closed centre" in item.label["en"] and item.label["km"]


def test_offence_class_and_diversion_ordered(versions):
    _, v2 = versions
    assert v2.item("offence_class").answer_keys == ("felony", "misdemeanour", "petty", "unknown")
    assert v2.item("offence_class").level == "accused"
    assert (v2.item("diversion_ordered").level, v2.item("diversion_ordered").type) == ("juvenile", "yesno")
