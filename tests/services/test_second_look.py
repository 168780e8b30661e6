"""What deserves a manager's second look in the default checklist, rule by rule."""
from monitor.services.definitions import current_definition
from monitor.services.second_look import flags_for


def test_each_rule_flags_the_item_it_concerns(app):
    document = {
        "hearing": {"hearing_date": "2025-03-04", "start_time": "08:00", "end_time": "17:45"},
        "accused": [
            {"date_of_birth": "2010-01-01", "offence_date": "2025-01-01", "age_at_offence": 19},
            {"age_at_offence": 16},
            {"age_at_offence": 15, "detention_status": "not_detained", "juvenile": {"juvenile_pretrial_detention": "yes"}},
            {"age_at_offence": 15, "detention_status": "pretrial_detention", "juvenile": {"juvenile_pretrial_detention": "yes"}},
        ],
    }
    flags = {flag.path: flag.message for flag in flags_for(current_definition(), document)}
    assert flags == {
        "hearing.end_time": "The hearing lasted 9 hours, longer than a working day.",
        "accused[0].age_at_offence": "19 was typed, but the dates give 15.",
        "accused[1]": "Under 18 at the time of the offence, but the juvenile annex is empty.",
        "accused[2].juvenile.juvenile_pretrial_detention":
            "The juvenile annex and the accused block disagree about pretrial detention.",
    }
