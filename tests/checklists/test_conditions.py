"""The condition language: what a programme officer writes in `show_when` and check rules."""

import datetime
import json
import math
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from monitor.checklists.condition_frames import evaluate_on_frame
from monitor.checklists.conditions import Condition, ConditionError, ItemRef, parse_condition

CONDITIONS_JS = Path(__file__).resolve().parents[2] / "monitor" / "static" / "js" / "conditions.js"

ITEMS = {
    "hearing_open": ItemRef("yesno", frozenset({"yes", "no", "na", "unknown"})),
    "closed_reason_given": ItemRef("yesno", frozenset({"yes", "no", "na", "unknown"})),
    "interpreter_needed": ItemRef("yesno", frozenset({"yes", "no", "unknown"})),
    "stage": ItemRef("choice", frozenset({"trial", "appeal", "supreme_court"})),
    "detention_status": ItemRef("choice", frozenset({"detained", "not_detained", "bail"})),
    "offence_categories": ItemRef("multichoice", frozenset({"drugs", "theft_robbery", "violence"})),
    "age_at_offence": ItemRef("integer"),
    "months_detained": ItemRef("integer"),
    "date_of_arrest": ItemRef("date"),
    "hearing_date": ItemRef("date"),
    "start_time": ItemRef("time"),
    "notes": ItemRef("text"),
    # An item whose key is also an answer of detention_status: the item wins.
    "bail": ItemRef("yesno", frozenset({"yes", "no", "unknown"})),
}


def answers(**values):
    """A value_of function for the given answers; items not given are unanswered."""
    return lambda key: values.get(key)


def holds(text, **values):
    return parse_condition(text, ITEMS).evaluate(answers(**values))


@pytest.mark.parametrize(
    "text, values, expected",
    [
        ("hearing_open = no", {"hearing_open": "no"}, True),
        ("hearing_open = no", {"hearing_open": "yes"}, False),
        ("hearing_open != no", {"hearing_open": "yes"}, True),
        ("hearing_open != no", {"hearing_open": "no"}, False),
        ("age_at_offence < 18", {"age_at_offence": 17}, True),
        ("age_at_offence < 18", {"age_at_offence": 18}, False),
        ("age_at_offence <= 18", {"age_at_offence": 18}, True),
        ("age_at_offence <= 18", {"age_at_offence": 19}, False),
        ("age_at_offence > 18", {"age_at_offence": 19}, True),
        ("age_at_offence > 18", {"age_at_offence": 18}, False),
        ("age_at_offence >= 18", {"age_at_offence": 18}, True),
        ("age_at_offence >= 18", {"age_at_offence": 17}, False),
        ("age_at_offence >= 17.5", {"age_at_offence": 18}, True),
        ("18 > age_at_offence", {"age_at_offence": 17}, True),
        ("stage in [appeal, supreme_court]", {"stage": "appeal"}, True),
        ("stage in [appeal, supreme_court]", {"stage": "trial"}, False),
        ("age_at_offence in [12, 13]", {"age_at_offence": 13}, True),
        ("offence_categories has drugs", {"offence_categories": ["theft_robbery", "drugs"]}, True),
        ("offence_categories has drugs", {"offence_categories": ["theft_robbery"]}, False),
        ("offence_categories has drugs", {"offence_categories": "theft_robbery|drugs"}, True),
        ("offence_categories has 'drugs'", {"offence_categories": ["drugs"]}, True),
        ("notes = 'adjourned'", {"notes": "adjourned"}, True),
        ("notes = \"adjourned\"", {"notes": "adjourned early"}, False),
        ("start_time < '10:00'", {"start_time": "09:30"}, True),
        ("start_time < '10:00'", {"start_time": datetime.time(10, 15)}, False),
        ("hearing_date >= '2025-01-01'", {"hearing_date": "2025-03-31"}, True),
        ("hearing_date >= '2025-01-01'", {"hearing_date": datetime.date(2024, 12, 31)}, False),
        ("notes is answered", {"notes": "x"}, True),
        ("notes is answered", {"notes": ""}, False),
        ("offence_categories is answered", {"offence_categories": []}, False),
        ("offence_categories is not answered", {"offence_categories": []}, True),
        ("offence_categories is not answered", {"offence_categories": ["drugs"]}, False),
        ("not hearing_open = no", {"hearing_open": "no"}, False),
        ("not hearing_open = no", {"hearing_open": "yes"}, True),
    ],
)
def test_each_operator_compares_as_written(text, values, expected):
    """Does every operator give the answer a reader of the condition would expect?"""
    assert holds(text, **values) is expected


@pytest.mark.parametrize("x", [True, False])
@pytest.mark.parametrize("y", [True, False])
@pytest.mark.parametrize("z", [True, False])
def test_not_binds_tighter_than_and_which_binds_tighter_than_or(x, y, z):
    """Is `x or y and not z` read as `x or (y and (not z))`, and do parentheses override it?"""
    values = {key: "yes" if truth else "no" for key, truth in zip(("hearing_open", "bail", "interpreter_needed"), (x, y, z))}
    unbracketed = "hearing_open = yes or bail = yes and not interpreter_needed = yes"
    bracketed = "(hearing_open = yes or bail = yes) and not (interpreter_needed = yes)"
    assert holds(unbracketed, **values) is (x or (y and not z))
    assert holds(bracketed, **values) is ((x or y) and not z)
    assert holds("not not hearing_open = yes", **values) is x


@pytest.mark.parametrize(
    "text",
    [
        "hearing_open = no",
        "hearing_open != no",
        "age_at_offence < 18",
        "age_at_offence >= 18",
        "stage in [trial, appeal]",
        "offence_categories has drugs",
        "date_of_arrest <= hearing_date",
    ],
)
def test_a_comparison_with_an_unanswered_item_is_false(text):
    """Does `x != no` stay false when x is unanswered, and its negation become true?"""
    assert holds(text) is False
    assert holds(f"not ({text})") is True


def test_unanswered_on_one_side_of_an_item_comparison_is_false():
    """Is `date_of_arrest <= hearing_date` false when only one of the two dates is known?"""
    assert holds("date_of_arrest <= hearing_date", date_of_arrest="2024-01-01") is False
    assert holds("date_of_arrest <= hearing_date", hearing_date="2024-01-01") is False


def test_nan_integer_counts_as_unanswered():
    """Does an integer that arrives as NaN (from a table) behave as unanswered?"""
    assert holds("age_at_offence < 18", age_at_offence=math.nan) is False
    assert holds("age_at_offence is answered", age_at_offence=math.nan) is False
    assert holds("age_at_offence is answered", age_at_offence=0) is True


def test_dates_compare_between_items_whatever_form_they_arrive_in():
    """Can a check rule compare two date items given as ISO strings or date objects?"""
    rule = "date_of_arrest <= hearing_date"
    assert holds(rule, date_of_arrest="2024-01-05", hearing_date="2024-03-01") is True
    assert holds(rule, date_of_arrest=datetime.date(2024, 3, 1), hearing_date="2024-03-01") is True
    assert holds(rule, date_of_arrest="2024-05-01", hearing_date=datetime.date(2024, 3, 1)) is False
    assert holds(rule, date_of_arrest=datetime.datetime(2024, 3, 2, 9), hearing_date="2024-03-01") is False


def test_dates_compare_as_dates_not_as_text():
    """'2024-06-01' sorts before '2024-W01-1' as text; as a date, a week date is no date at all and
    satisfies no comparison, like an unanswered item."""
    rule = "date_of_arrest <= hearing_date"
    assert holds(rule, date_of_arrest="2024-06-01", hearing_date="2024-W01-1") is False
    assert holds(rule, date_of_arrest="2024-06-01", hearing_date="2024-02-30") is False
    assert holds("not (date_of_arrest > hearing_date)", date_of_arrest="2024-06-01", hearing_date="2024-W01-1") is True
    assert holds("date_of_arrest < '2024-06-02'", date_of_arrest="2024-06-01") is True
    assert holds("date_of_arrest < '2024-06-02'", date_of_arrest="20240601") is False


def test_a_bare_word_is_an_item_when_one_has_that_key_otherwise_an_answer():
    """Are bare words resolved against the item keys first, then the other side's answers?"""
    assert parse_condition("hearing_open = closed_reason_given", ITEMS).to_json() == [
        "=", ["item", "hearing_open"], ["item", "closed_reason_given"]
    ]
    assert parse_condition("hearing_open = no", ITEMS).to_json() == ["=", ["item", "hearing_open"], ["value", "no"]]
    assert parse_condition("no = hearing_open", ITEMS).to_json() == ["=", ["value", "no"], ["item", "hearing_open"]]
    # 'bail' is both an item and an answer of detention_status: as a bare word it is the item,
    # and comparing a choice with a yes/no item is refused; quoting makes it the answer.
    with pytest.raises(ConditionError, match="cannot compare choice item 'detention_status' with yesno item 'bail'"):
        parse_condition("detention_status = bail", ITEMS)
    assert holds("detention_status = 'bail'", detention_status="bail") is True


def test_item_against_item_compares_their_answers():
    """Does `hearing_open = closed_reason_given` compare the two answers?"""
    assert holds("hearing_open = closed_reason_given", hearing_open="no", closed_reason_given="no") is True
    assert holds("hearing_open = closed_reason_given", hearing_open="no", closed_reason_given="yes") is False
    assert holds("age_at_offence < months_detained", age_at_offence=3, months_detained=4) is True


def test_condition_records_its_source_and_the_items_it_names():
    """Can the loader tell which items a condition depends on?"""
    condition = parse_condition("hearing_open = no and (stage in [appeal] or age_at_offence < 18)", ITEMS)
    assert isinstance(condition, Condition)
    assert condition.source == "hearing_open = no and (stage in [appeal] or age_at_offence < 18)"
    assert condition.names == frozenset({"hearing_open", "stage", "age_at_offence"})


def test_yesno_items_know_their_answers_without_being_told():
    """Does a yes/no item given without answer keys still accept `no` and `unknown`?"""
    condition = parse_condition("flag = unknown", {"flag": ItemRef("yesno")})
    assert condition.evaluate(answers(flag="unknown")) is True


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty condition"),
        ("   ", "empty condition"),
        ("hearing_open = foo", "unknown item or answer 'foo' at column 16"),
        ("foo = no", "unknown item or answer 'foo' at column 1"),
        ("foo is answered", "unknown item 'foo' at column 1"),
        ("stage in [appeal, retrial]", "unknown item or answer 'retrial' at column 19"),
        ("hearing_open =", "expected an item or value at column 15, found the end of the condition"),
        ("hearing_open no", "expected a comparison (=, !=, <, <=, >, >=), 'in', 'has' or 'is' at column 14, found 'no'"),
        ("(hearing_open = no", "expected ')' at column 19, found the end of the condition"),
        ("hearing_open = no)", "expected the end of the condition at column 18, found ')'"),
        ("hearing_open = no no", "expected 'and', 'or' or the end of the condition at column 19, found 'no'"),
        ("hearing_open == no", "expected an item or value at column 15, found '='"),
        ("hearing_open = no and and", "expected an item or value, 'not' or '(' at column 23, found 'and'"),
        ("stage in [appeal supreme_court]", "expected ']' or ',' at column 18, found 'supreme_court'"),
        ("hearing_open = no AND stage = trial", "expected 'and', 'or' or the end of the condition at column 19, found 'AND'"),
        ("age_at_offence < 18 # minor", "unexpected character '#' at column 21"),
        ("stage has appeal", "'has' needs a multichoice item, but 'stage' at column 1 is choice"),
        ("offence_categories = drugs", "use 'has' to test multichoice item 'offence_categories' at column 20"),
        ("hearing_open < yes", "'<' at column 14 needs a number, date or time item, but 'hearing_open' is yesno"),
        ("stage >= trial", "'>=' at column 7 needs a number, date or time item, but 'stage' is choice"),
        ("notes > 'a'", "'>' at column 7 needs a number, date or time item, but 'notes' is text"),
        ("age_at_offence < 'eighteen'", "integer item 'age_at_offence' must be compared with a number, not 'eighteen' at column 18"),  # noqa: E501
        ("age_at_offence in [12, 'x']", "integer item 'age_at_offence' must be compared with a number, not 'x' at column 24"),
        ("hearing_open = 1", "yesno item 'hearing_open' cannot be compared with the number 1 at column 16"),
        ("hearing_open = 'maybe'", "'maybe' is not an answer of 'hearing_open' at column 16"),
        ("interpreter_needed = na", "unknown item or answer 'na' at column 22"),
        ("hearing_date < '31/03/2025'", "date item 'hearing_date' must be compared with a date like '2025-03-31', not '31/03/2025' at column 16"),  # noqa: E501
        ("start_time < '9am'", "time item 'start_time' must be compared with a time like '14:30', not '9am' at column 14"),
        ("offence_categories in [drugs]", "use 'has' to test multichoice item 'offence_categories' at column 1"),
        ("hearing_date < age_at_offence", "cannot compare date item 'hearing_date' with integer item 'age_at_offence' at column 14"),  # noqa: E501
        ("stage in [appeal, hearing_open]", "expected an answer of 'stage' at column 19, found item 'hearing_open'"),
        ("offence_categories has stage", "expected an answer of 'offence_categories' at column 24, found item 'stage'"),
        ("1 = 2", "'=' at column 3 compares two values: name an item"),
        ("notes = ''", "empty text at column 9: use 'is not answered'"),
    ],
)
def test_a_wrong_condition_is_refused_with_what_and_where(text, message):
    """Does a definition author learn what is wrong and at which column?"""
    with pytest.raises(ConditionError) as raised:
        parse_condition(text, ITEMS)
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)


def test_to_json_gives_nested_lists_for_the_browser():
    """Is the AST the documented list shape, and plain JSON?"""
    condition = parse_condition(
        "hearing_open = no and x_known is answered or not (stage in [appeal, supreme_court])"
        " or offence_categories has drugs and notes is not answered",
        {**ITEMS, "x_known": ItemRef("text")},
    )
    expected = [
        "or",
        ["and", ["=", ["item", "hearing_open"], ["value", "no"]], ["answered", ["item", "x_known"]]],
        ["not", ["in", ["item", "stage"], ["value", ["appeal", "supreme_court"]]]],
        [
            "and",
            ["has", ["item", "offence_categories"], ["value", "drugs"]],
            ["not", ["answered", ["item", "notes"]]],
        ],
    ]
    assert condition.to_json() == expected
    assert json.loads(json.dumps(condition.to_json())) == expected
    assert parse_condition("age_at_offence < 17.5", ITEMS).to_json() == ["<", ["item", "age_at_offence"], ["value", 17.5]]


# --- the same meaning for a whole table and in the browser ------------------------------------

AGREEMENT_CONDITIONS = [
    "hearing_open = no",
    "hearing_open != no",
    "hearing_open = no and closed_reason_given != unknown",
    "hearing_open = yes or stage = trial and not age_at_offence < 18",
    "(hearing_open = yes or stage = trial) and not (age_at_offence < 18)",
    "stage in [appeal, supreme_court]",
    "not (stage in [appeal, supreme_court])",
    "age_at_offence in [16, 45]",
    "offence_categories has drugs",
    "not offence_categories has drugs",
    "offence_categories is answered",
    "offence_categories is not answered",
    "age_at_offence < 18",
    "age_at_offence >= 18",
    "age_at_offence != 16",
    "18 <= age_at_offence",
    "age_at_offence is answered",
    "age_at_offence < months_detained",
    "date_of_arrest <= hearing_date",
    "date_of_arrest > '2024-02-01'",
    "hearing_date is not answered",
    "start_time >= '10:00'",
    "notes is answered",
    "notes = 'quiet'",
    "detention_status = not_detained or detention_status is not answered",
]

ROWS = [
    {
        "hearing_open": "no", "closed_reason_given": "unknown", "stage": "appeal",
        "offence_categories": ["drugs", "theft_robbery"], "age_at_offence": 16, "months_detained": 20,
        "date_of_arrest": datetime.date(2024, 1, 5), "hearing_date": "2024-03-01", "start_time": "09:30",
        "notes": "quiet", "detention_status": "detained",
    },
    {},
    {
        "hearing_open": "yes", "stage": "trial", "offence_categories": ["violence"], "age_at_offence": 18,
        "months_detained": 2, "date_of_arrest": "2024-05-01", "hearing_date": datetime.date(2024, 3, 1),
        "start_time": "14:00", "notes": "", "detention_status": "not_detained",
    },
    {
        "hearing_open": "na", "closed_reason_given": "yes", "stage": "supreme_court", "offence_categories": [],
        "age_at_offence": 45, "date_of_arrest": "2023-11-30", "start_time": "10:00", "notes": "long",
    },
    {
        "hearing_open": "unknown", "closed_reason_given": "no", "offence_categories": ["drugs"],
        "months_detained": 7, "hearing_date": "2024-02-10", "detention_status": "bail",
    },
    {
        "hearing_open": "no", "closed_reason_given": "no", "stage": "trial", "offence_categories": ["theft_robbery"],
        "age_at_offence": 12, "months_detained": 12, "date_of_arrest": "2024-02-10", "hearing_date": "2024-02-10",
    },
]


def _frame_of(rows):
    """The rows as statistics see them: multichoice alternately as lists and pipe strings."""
    records = []
    for number, row in enumerate(rows):
        record = {key: row.get(key) for key in ITEMS if key != "bail"}
        if number % 2 and record["offence_categories"] is not None:
            record["offence_categories"] = "|".join(record["offence_categories"])
        records.append(record)
    return pd.DataFrame.from_records(records, index=[f"checklist-{n}" for n in range(len(rows))])


@pytest.mark.parametrize("text", AGREEMENT_CONDITIONS)
def test_a_whole_table_gets_the_same_answers_as_each_row(text):
    """Do statistics over a DataFrame count the same checklists as the form would show?"""
    condition = parse_condition(text, ITEMS)
    frame = _frame_of(ROWS)
    assert frame["age_at_offence"].dtype == "float64"  # integers with gaps arrive as floats with NaN

    result = evaluate_on_frame(condition, frame)

    assert result.dtype == bool
    assert list(result.index) == list(frame.index)
    assert list(result) == [condition.evaluate(answers(**row)) for row in ROWS]


def test_the_table_agrees_with_rows_on_a_known_example():
    """Is the agreement not a coincidence of two wrong evaluators?"""
    condition = parse_condition("stage = trial and not age_at_offence < 18", ITEMS)
    assert list(evaluate_on_frame(condition, _frame_of(ROWS))) == [False, False, True, False, False, False]
    condition = parse_condition("offence_categories has drugs", ITEMS)
    assert list(evaluate_on_frame(condition, _frame_of(ROWS))) == [True, False, False, False, True, False]


def test_a_missing_column_means_unanswered_everywhere():
    """Can statistics run a condition on a table that lacks one of its items?"""
    frame = pd.DataFrame({"hearing_open": ["no", "yes"]}, index=[7, 7])
    assert list(evaluate_on_frame(parse_condition("stage = trial", ITEMS), frame)) == [False, False]
    assert list(evaluate_on_frame(parse_condition("stage is not answered", ITEMS), frame)) == [True, True]
    result = evaluate_on_frame(parse_condition("hearing_open = no and not stage = trial", ITEMS), frame)
    assert list(result) == [True, False]
    assert list(result.index) == [7, 7]


def test_dates_stored_as_timestamps_compare_as_iso_dates():
    """Does a date column read from the database as datetime64 still compare with ISO strings?"""
    frame = pd.DataFrame(
        {
            "date_of_arrest": pd.to_datetime(["2024-01-05", None, "2024-04-01"]),
            "hearing_date": ["2024-03-01", "2024-03-01", "2024-03-01"],
        }
    )
    condition = parse_condition("date_of_arrest <= hearing_date or date_of_arrest = '2024-04-01'", ITEMS)
    assert list(evaluate_on_frame(condition, frame)) == [True, False, True]


def _js_value(value):
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()[:5] if isinstance(value, datetime.time) else value.isoformat()
    return value


def test_the_browser_evaluator_gives_the_same_answers(tmp_path):
    """Does the form in the browser show and hide exactly what the server expects?"""
    conditions = AGREEMENT_CONDITIONS + ["not not hearing_open = yes", "hearing_open = closed_reason_given"]
    rows = ROWS + [{"offence_categories": "violence|drugs", "age_at_offence": 17}]
    cases = []
    for text in conditions:
        condition = parse_condition(text, ITEMS)
        for row in rows:
            cases.append(
                {
                    "text": text,
                    "ast": condition.to_json(),
                    "values": {key: _js_value(value) for key, value in row.items()},
                    "expected": condition.evaluate(answers(**row)),
                }
            )
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(cases))
    runner = tmp_path / "run.mjs"
    runner.write_text(
        """
        import { readFileSync } from "node:fs";
        import { pathToFileURL } from "node:url";
        const { evaluate } = await import(pathToFileURL(process.argv[2]));
        const cases = JSON.parse(readFileSync(process.argv[3], "utf8"));
        const results = cases.map((c) => evaluate(c.ast, (key) => (key in c.values ? c.values[key] : null)));
        process.stdout.write(JSON.stringify(results));
        """
    )

    completed = subprocess.run(
        ["node", str(runner), str(CONDITIONS_JS), str(cases_file)], capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout)
    disagreements = [
        (case["text"], case["values"], case["expected"], result)
        for case, result in zip(cases, results, strict=True)
        if result is not case["expected"]
    ]
    assert disagreements == []
    assert {case["expected"] for case in cases} == {True, False}
