"""A tiny checklist definition (key `mini`) for tests that check content exactly: exports cell by
cell, diffs item by item, version activation. Written into a temporary CHECKLIST_FOLDER."""
import shutil
from pathlib import Path

import monitor

SHIPPED = Path(monitor.__file__).parent / "checklists"

MINI_V1 = """
key: mini
version: 1
title: {en: "Mini checklist"}
hearing:
  title: {en: "Hearing"}
  sections:
    - key: basics
      title: {en: "Basics"}
      items:
        - key: hearing_date
          type: date
          label: {en: "Date of the hearing"}
          required: true
          not_in_future: true
        - key: case_reference
          type: text
          label: {en: "Case reference"}
          private: true
        - key: hearing_open
          type: yesno
          label: {en: "Was the hearing open to the public?"}
          required: true
        - key: offence_categories
          type: multichoice
          label: {en: "Offences charged"}
          choices:
            - {key: drugs, label: {en: "Drugs"}}
            - {key: theft, label: {en: "Theft"}}
accused:
  title: {en: "Accused"}
  min: 1
  max: 5
  sections:
    - key: person
      title: {en: "Person"}
      items:
        - key: gender
          type: choice
          label: {en: "Gender"}
          required: true
          choices:
            - {key: male, label: {en: "Male"}}
            - {key: female, label: {en: "Female"}}
        - key: age_at_offence
          type: integer
          label: {en: "Age at the time of the offence"}
          required: true
          min: 0
          max: 120
        - key: has_lawyer
          type: yesno
          label: {en: "Represented by a lawyer?"}
  annex:
    key: juvenile
    title: {en: "Juvenile annex"}
    show_when: "age_at_offence < 18"
    sections:
      - key: protection
        title: {en: "Protection"}
        items:
          - key: in_camera
            type: yesno
            label: {en: "Was the hearing held in camera?"}
            required: true
          - key: parent_present
            type: yesno
            label: {en: "Was a parent or guardian present?"}
"""

#: Version 2 adds an item to the hearing; everything else keeps its key.
MINI_V2 = MINI_V1.replace("version: 1", "version: 2").replace(
    """        - key: offence_categories""", """        - key: monitor_admitted
          type: yesno
          label: {en: "Were you admitted to the courtroom?"}
        - key: offence_categories""")


def write_mini_definitions(folder: Path, versions=(1,)) -> Path:
    """The mini checklist's files, next to copies of the shipped definitions (the statistics'
    indicator file is checked against those at start-up)."""
    folder.mkdir(parents=True, exist_ok=True)
    for shipped in SHIPPED.glob("*.v*.yaml"):
        shutil.copy(shipped, folder / shipped.name)
    texts = {1: MINI_V1, 2: MINI_V2}
    for version in versions:
        (folder / f"mini.v{version}.yaml").write_text(texts[version], encoding="utf-8")
    return folder


def complete_document(hearing_date: str = "2025-03-04", *, open_hearing: str = "yes", ages=(35,)) -> dict:
    """A document the mini checklist accepts on submission; an age under 18 gets its annex."""
    accused = []
    for age in ages:
        person = {"gender": "female", "age_at_offence": age, "has_lawyer": "no"}
        if age < 18:
            person["juvenile"] = {"in_camera": "yes"}
        accused.append(person)
    return {
        "hearing": {"hearing_date": hearing_date, "case_reference": "CR-1", "hearing_open": open_hearing,
                    "offence_categories": ["drugs"]},
        "accused": accused,
    }
