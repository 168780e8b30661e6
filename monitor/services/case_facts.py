"""What a case's hearings tell together: first and last hearing, adjournments, and per accused the
days from arrest to the first-instance verdict. Pure: hearings in, facts out, so the case page,
the API and (later) the statistics compute them the same way.

The item keys below are the domain's (DESIGN.md section 6): a definition without one of them
simply leaves the fact it feeds unknown."""
from dataclasses import dataclass, field
from datetime import date

from monitor.checklists.computed import days_between
from monitor.checklists.dates import iso_date

HEARING_DATE = "hearing_date"
STAGE = "stage"
#: Stages after the first instance; their verdicts are reported apart (appeals).
APPEAL_STAGES = ("appeal", "supreme_court")
ADJOURNED = "hearing_adjourned"
ADJOURNMENT_REASON_GIVEN = "adjournment_reason_given"
DATE_OF_ARREST = "date_of_arrest"
DETENTION_STATUS = "detention_status"
IN_PRETRIAL_DETENTION = "pretrial_detention"
OUTCOME = "outcome"
#: Outcomes that are a verdict on guilt ("pending" and "other", e.g. charges dropped, are not).
VERDICTS = ("convicted", "acquitted")


@dataclass(frozen=True)
class Hearing:
    """One checklist of the case, as the facts read it."""

    checklist_uuid: str
    hearing_date: date | None
    hearing: dict
    #: Each accused's answers, in checklist order (the accused at position i is the case's i-th accused).
    accused: tuple[dict, ...] = ()

    @property
    def is_appeal(self) -> bool:
        return self.hearing.get(STAGE) in APPEAL_STAGES

    @property
    def adjourned(self) -> bool:
        return self.hearing.get(ADJOURNED) == "yes"


@dataclass(frozen=True)
class Adjournment:
    hearing_date: date | None
    #: "yes", "no", or None when not answered.
    reason_given: str | None


@dataclass(frozen=True)
class AccusedFacts:
    code: str
    #: The first date of arrest any hearing states.
    arrest_date: date | None
    #: True when hearings state different dates of arrest (the case page shows them).
    arrest_dates_disagree: bool
    #: The first hearing at first instance that gave this accused a verdict.
    verdict_date: date | None
    days_from_arrest_to_verdict: int | None
    #: Arrest to verdict when the accused was still in pretrial detention at the verdict hearing;
    #: None when not (a release date is not recorded, so the length is not known).
    pretrial_detention_days_to_verdict: int | None
    #: The first verdict on appeal (or at the Supreme Court), reported apart.
    appeal_verdict_date: date | None


@dataclass(frozen=True)
class CaseFacts:
    hearings: int
    first_hearing: date | None
    last_hearing: date | None
    adjournments: tuple[Adjournment, ...]
    appeal_hearings: int
    accused: tuple[AccusedFacts, ...] = field(default=())


def in_order(hearings: list[Hearing]) -> list[Hearing]:
    """By hearing date; hearings without a date last."""
    return sorted(hearings, key=lambda hearing: (hearing.hearing_date is None, hearing.hearing_date or date.min))


def case_facts(hearings: list[Hearing], accused_codes: list[str]) -> CaseFacts:
    """The derived facts of a case from its hearings; `accused_codes` name the accused by position
    (a checklist with more accused than codes gets A<n> for the rest)."""
    ordered = in_order(hearings)
    dates = [hearing.hearing_date for hearing in ordered if hearing.hearing_date is not None]
    count = max([len(accused_codes)] + [len(hearing.accused) for hearing in ordered])
    codes = [accused_codes[position] if position < len(accused_codes) else f"A{position + 1}" for position in range(count)]
    return CaseFacts(
        hearings=len(ordered),
        first_hearing=dates[0] if dates else None,
        last_hearing=dates[-1] if dates else None,
        adjournments=tuple(Adjournment(hearing.hearing_date, hearing.hearing.get(ADJOURNMENT_REASON_GIVEN))
                           for hearing in ordered if hearing.adjourned),
        appeal_hearings=sum(1 for hearing in ordered if hearing.is_appeal),
        accused=tuple(_accused_facts(ordered, position, code) for position, code in enumerate(codes)),
    )


def _accused_facts(ordered: list[Hearing], position: int, code: str) -> AccusedFacts:
    appearances = [(hearing, hearing.accused[position]) for hearing in ordered if position < len(hearing.accused)]
    arrests = [iso_date(answers.get(DATE_OF_ARREST)) for _hearing, answers in appearances]
    arrests = [arrest for arrest in arrests if arrest is not None]
    arrest = arrests[0] if arrests else None
    verdict = _first_verdict(appearances, appeal=False)
    appeal = _first_verdict(appearances, appeal=True)
    verdict_date = verdict[0].hearing_date if verdict else None
    days = days_between(arrest, verdict_date)
    detained = verdict is not None and verdict[1].get(DETENTION_STATUS) == IN_PRETRIAL_DETENTION
    return AccusedFacts(
        code=code, arrest_date=arrest, arrest_dates_disagree=len(set(arrests)) > 1, verdict_date=verdict_date,
        days_from_arrest_to_verdict=days, pretrial_detention_days_to_verdict=days if detained else None,
        appeal_verdict_date=appeal[0].hearing_date if appeal else None,
    )


def _first_verdict(appearances: list[tuple[Hearing, dict]], *, appeal: bool) -> tuple[Hearing, dict] | None:
    for hearing, answers in appearances:
        if hearing.is_appeal == appeal and hearing.hearing_date is not None and answers.get(OUTCOME) in VERDICTS:
            return hearing, answers
    return None
