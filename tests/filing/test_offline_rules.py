"""Does the phone apply the checklist rules exactly as the server does (conditions, computed items,
the juvenile annex, dropped hidden answers, and the problems reported)? The app's rules module runs
in node, as it is, on the same checklists as Python's."""
import json
import random
import subprocess
from pathlib import Path
from copy import deepcopy
from datetime import date, timedelta

from monitor.services import demo
from monitor.checklists import answers
from monitor.checklists.serialise import definition_to_json
from monitor.extensions import db
from monitor.services.definitions import current_definition

RULES_JS = Path(__file__).resolve().parents[2] / "monitor" / "static" / "js" / "offline" / "rules.js"
RUNNER = """
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const rules = await import(pathToFileURL(process.argv[2]));
const [definition, documents, today] = JSON.parse(readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify(documents.map((document) => {
  const normalised = rules.normalise(definition, document);
  const copy = () => JSON.parse(JSON.stringify(normalised));
  return [normalised, rules.validate(definition, copy(), true, today), rules.validate(definition, copy(), false, today)];
})));
"""

#: Values of every kind, right and wrong, to put where they may or may not belong.
ODD_VALUES = ["yes", "no", "na", "unknown", "appeal", "custodial", ["drugs"], ["drugs", "drugs"], ["nonsense"],
              ["x" * 58 + "🧑🏽‍⚖️ and more"], 0, 15, 17, 18,
              -3, 999, "2010-02-28", "2031-01-01", "2024-02-30", "10:30", "25:00", "x" * 300, "", None, 3.5, True]


def perturbed(document: dict, definition, rng: random.Random) -> dict:
    document = deepcopy(document)
    blocks = [("hearing", document["hearing"])] + [("accused", a) for a in document["accused"]]
    blocks += [("juvenile", a["juvenile"]) for a in document["accused"] if "juvenile" in a]
    for _ in range(rng.randint(1, 6)):
        level, answers_here = rng.choice(blocks)
        item = rng.choice(list(definition.block(level).items))
        if rng.random() < 0.4:
            answers_here.pop(item.key, None)
        else:
            answers_here[item.key] = deepcopy(rng.choice(ODD_VALUES))
    return document


def test_phone_and_server_agree_on_every_rule(make_app, sqlite_template, tmp_path):
    app = make_app(f"sqlite:///{sqlite_template}")
    with app.app_context():
        definition = current_definition()
        definition_json = json.loads(json.dumps(definition_to_json(definition)))
        db.session.remove()
    today = date.today()
    rng = random.Random(11)
    documents = []
    for _, document in demo.demo_documents(definition, 40, seed=4, today=today):
        documents.append(document)
        documents.append(perturbed(document, definition, rng))
        documents.append(perturbed(document, definition, rng))
    minor = {"hearing": {"hearing_date": today.isoformat()}, "accused": [
        {"date_of_birth": (today - timedelta(days=16 * 365)).isoformat(),
         "offence_date": (today - timedelta(days=30)).isoformat()},
        {"age_at_offence": 15}, {"age_at_offence": 18}, {}]}
    documents.append(minor)
    born = (today - timedelta(days=16 * 365)).isoformat()
    odd = {"hearing": {"hearing_date": today.isoformat(), "offence_categories": ["drugs"] * 9}, "accused": [
        {"date_of_birth": born, "offence_date": (today - timedelta(days=30)).isoformat(), "juvenile": {"in_camera": "yes"}},
        {"age_at_offence": 19, "juvenile": {"in_camera": "no"}},
        {"date_of_birth": born, "offence_date": "2025-W01-1", "date_of_arrest": today.isoformat(), "age_at_offence": 40},
        {"detention_status": "not_detained", "date_of_arrest": today.isoformat(), "pretrial_detention_days": 3}]}
    documents.append(odd)
    documents.append({"hearing": {"hearing_date": today.isoformat(), "offence_categories": ODD_VALUES[9]}, "accused": []})

    expected = []
    for document in documents:
        normalised = answers.normalise(definition, deepcopy(document))
        expected.append([
            normalised,
            answers.validate(definition, deepcopy(normalised), submitting=True, today=today),
            answers.validate(definition, deepcopy(normalised), submitting=False, today=today),
        ])

    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps([definition_json, documents, today.isoformat()]))
    runner = tmp_path / "run.mjs"
    runner.write_text(RUNNER)
    completed = subprocess.run(["node", str(runner), str(RULES_JS), str(cases)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    actual = json.loads(completed.stdout)

    for document, mine, theirs in zip(documents, expected, actual):
        assert json.loads(json.dumps(mine)) == theirs, document
    assert any(mine[1] for mine in expected) and any(not mine[1] for mine in expected), \
        "both valid and invalid checklists compared"
    assert any("juvenile" in a for mine in expected for a in mine[0]["accused"])
