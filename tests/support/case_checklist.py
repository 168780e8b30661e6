"""A small checklist definition (key `mini_case`) holding the items a case's facts are read from
(stage, adjournment, date of arrest, detention status, outcome), for hand-built hearings whose
figures are worked out by hand."""
from pathlib import Path

from tests.support.mini_checklist import write_mini_definitions

MINI_CASE_V1 = """
key: mini_case
version: 1
title: {en: "Mini case checklist"}
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
        - key: case_reference
          type: text
          label: {en: "Case reference"}
          private: true
        - key: stage
          type: choice
          label: {en: "Stage"}
          required: true
          choices:
            - {key: first_instance, label: {en: "First instance"}}
            - {key: appeal, label: {en: "Appeal"}}
            - {key: supreme_court, label: {en: "Supreme Court"}}
        - key: offence_categories
          type: multichoice
          label: {en: "Offences charged"}
          choices:
            - {key: drugs, label: {en: "Drugs"}}
            - {key: theft_robbery, label: {en: "Theft"}}
        - key: hearing_adjourned
          type: yesno
          label: {en: "Adjourned?"}
          required: true
        - key: adjournment_reason_given
          type: yesno
          label: {en: "Reason given for the adjournment?"}
          show_when: "hearing_adjourned = yes"
accused:
  title: {en: "Accused"}
  min: 1
  max: 5
  sections:
    - key: person
      title: {en: "Person"}
      items:
        - key: age_at_offence
          type: integer
          label: {en: "Age at the time of the offence"}
          min: 0
          max: 120
        - key: date_of_arrest
          type: date
          label: {en: "Date of arrest"}
        - key: detention_status
          type: choice
          label: {en: "Detention status"}
          choices:
            - {key: pretrial_detention, label: {en: "In pretrial detention"}}
            - {key: not_detained, label: {en: "Not detained"}}
        - key: outcome
          type: choice
          label: {en: "Outcome"}
          required: true
          choices:
            - {key: convicted, label: {en: "Convicted"}}
            - {key: acquitted, label: {en: "Acquitted"}}
            - {key: pending, label: {en: "Pending"}}
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
"""


def write_case_definitions(folder: Path) -> Path:
    """The mini_case checklist next to the mini and shipped ones."""
    write_mini_definitions(folder)
    (folder / "mini_case.v1.yaml").write_text(MINI_CASE_V1, encoding="utf-8")
    return folder


def hearing(hearing_date: str, *accused: dict, stage: str = "first_instance", adjourned: str = "no",
            reason: str | None = None, reference: str = "CR-77/2024") -> dict:
    """A mini_case document: one hearing with its accused (each a dict of answers)."""
    answers = {"hearing_date": hearing_date, "case_reference": reference, "stage": stage, "hearing_adjourned": adjourned,
               "offence_categories": ["drugs"]}
    if reason is not None:
        answers["adjournment_reason_given"] = reason
    return {"hearing": answers, "accused": [dict(person) for person in accused]}


def person(outcome: str = "pending", arrest: str | None = None, detention: str | None = None) -> dict:
    answers = {"age_at_offence": 30, "outcome": outcome}
    if arrest is not None:
        answers["date_of_arrest"] = arrest
    if detention is not None:
        answers["detention_status"] = detention
    return answers


def file_followed_case(monitor, court, appeal_court):
    """A case of two accused through five hearings, filed with the mini_case checklist: two
    adjournments (one without a reason), the first-instance verdict on 2025-03-03 (A1 convicted
    after 92 days in pretrial detention, A2 acquitted at liberty 88 days after arrest, though one
    hearing gives A2 another arrest date), an appeal, and a draft not yet sent. Returns the case."""
    import uuid

    from monitor.extensions import db
    from monitor.services import cases
    from monitor.services.checklists import receive_checklist
    from monitor.services.definitions import current_definition

    case = cases.open_case(monitor, court, ["drugs"], 2).case
    filed = [
        (court, hearing("2025-01-10", person(arrest="2024-12-01", detention="pretrial_detention"),
                        person(arrest="2024-12-05", detention="not_detained"), adjourned="yes", reason="no"), "submitted"),
        (court, hearing("2025-02-14", person(arrest="2024-12-01", detention="pretrial_detention"),
                        person(arrest="2024-12-06", detention="not_detained"), adjourned="yes", reason="yes"), "submitted"),
        (court, hearing("2025-03-03", person("convicted", detention="pretrial_detention"),
                        person("acquitted", detention="not_detained")), "submitted"),
        (appeal_court, hearing("2025-06-01", person("convicted"), stage="appeal"), "submitted"),
        (court, hearing("2025-07-01", person("acquitted"), stage="appeal"), "draft"),
    ]
    for hearing_court, document, status in filed:
        checklist = receive_checklist(monitor, current_definition(), hearing_court, str(uuid.uuid4()), status,
                                      document).checklist
        cases.name_case(checklist, case)
    db.session.commit()
    return case
