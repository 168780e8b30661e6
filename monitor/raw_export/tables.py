"""The rows of a raw-data export, streamed from the database in batches so memory does not grow
with the number of checklists."""
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from monitor.checklists.definition import Block, Definition, Item, translate
from monitor.checklists.vocabulary import LEVELS
from monitor.extensions import db
from monitor.models import Accused, Case, CaseAccused, Checklist, Court, JuvenileAnnex, User
from monitor.services.checklist_filters import ChecklistFilter

#: Rows fetched from the database per round trip (server-side cursor on PostgreSQL).
BATCH_SIZE = 1000

INTERNAL_NOTE = (
    "INTERNAL - NOT FOR PUBLICATION.\n"
    "Raw checklist data for the programme's own analysis. It may contain case references, dates of\n"
    "birth and free text (columns marked private=yes in the labels table). Do not publish, share or\n"
    "upload these files; published statistics come from the release pages only.\n\n"
    "Tables: hearings (one row per checklist), accused (one row per accused), juvenile (one row per\n"
    "juvenile annex), cases (one row per case the hearings name; hearings.case is its case_code).\n"
    "Join them on checklist_uuid, and accused/juvenile on checklist_uuid +\n"
    "accused_number. Columns after the ids are item keys; the labels table gives each column's\n"
    "question, type, answer choices and legal basis. Multiple-choice answers are separated by ';'.\n"
    "Yes/no answers: yes, no, na (not applicable), unknown (information unknown).\n"
    "\n"
    # The same note in Khmer, so every reader of the file sees it in their language.
    "ផ្ទៃក្នុង - មិនត្រូវផ្សព្វផ្សាយ។\n"
    "ទិន្នន័យដើមនៃបញ្ជីត្រួតពិនិត្យ សម្រាប់ការវិភាគផ្ទៃក្នុងរបស់កម្មវិធី។ វាអាចមានលេខសំណុំរឿង ថ្ងៃខែឆ្នាំកំណើត\n"
    "និងអត្ថបទសេរី (ជួរឈរដែលសម្គាល់ private=yes ក្នុងតារាងស្លាក)។ កុំផ្សព្វផ្សាយ ចែករំលែក ឬបង្ហោះឯកសារទាំងនេះ\n"
    "ស្ថិតិដែលបានផ្សព្វផ្សាយ មកពីទំព័រការចេញផ្សាយតែប៉ុណ្ណោះ។\n"
    "តារាង៖ hearings (មួយជួរក្នុងមួយបញ្ជីត្រួតពិនិត្យ), accused (មួយជួរក្នុងមួយជនជាប់ចោទ), juvenile (មួយជួរក្នុងមួយឧបសម្ព័ន្ធអនីតិជន),\n"
    "cases (មួយជួរក្នុងមួយសំណុំរឿង; hearings.case គឺ case_code របស់វា)។\n"
    "ភ្ជាប់តារាងតាម checklist_uuid ហើយ accused/juvenile តាម checklist_uuid + accused_number។\n"
    "ចម្លើយបាទ/ទេ៖ yes (បាទ/ចាស), no (ទេ), na (មិនពាក់ព័ន្ធ), unknown (មិនដឹង)។\n"
)

HEARING_IDS = ("checklist_uuid", "checklist", "checklist_version", "court", "monitor", "status", "revision", "submitted_at",
               "case")
CASE_COLUMNS = ("case_code", "case_uuid", "court", "status", "offence_categories", "accused", "merged_into")
ACCUSED_IDS = ("checklist_uuid", "accused_number")
ID_LABELS = {
    "checklist_uuid": _l("Checklist id (join key)"),
    "checklist": _l("Checklist definition"),
    "checklist_version": _l("Definition version the checklist was filled with"),
    "court": _l("Court key"),
    "monitor": _l("Monitor username"),
    "status": _l("Review state"),
    "revision": _l("Revision number of these answers"),
    "submitted_at": _l("Last submitted (UTC)"),
    "accused_number": _l("Accused number within the checklist, from 1 (join key)"),
    "case": _l("The programme's code of the case the hearing belongs to (join key of the cases table)"),
}
CASE_LABELS = {
    "case_code": _l("The programme's case code (join key)"),
    "case_uuid": _l("Case id made where the case was opened"),
    "court": _l("Court key where the case was opened"),
    "status": _l("Case status: ongoing, verdict, appeal or closed"),
    "offence_categories": _l("Offence categories of the case"),
    "accused": _l("Number of accused in the case, coded A1, A2, ... in the order of each hearing's accused"),
    "merged_into": _l("The case this one was merged into, if any"),
}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[tuple]]


def _item_union(definitions: list[Definition], level: str) -> list[Item]:
    """Items of a level across versions, newest version's order first, so older checklists' items
    that were dropped later still get a column."""
    seen, items = set(), []
    for definition in sorted(definitions, key=lambda d: -d.version):
        block: Block = definition.block(level)
        for item in block.items:
            if item.key not in seen:
                seen.add(item.key)
                items.append(item)
    return items


def cell(value):
    """An answer as a cell: lists joined with ';', nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def answer_cells(answers: dict, keys: tuple[str, ...]) -> list:
    """`cell` of each item's answer, in one pass (it runs for every cell of an export: a function
    call per cell was a third of a CSV export's time)."""
    return [("" if value is None else ";".join(map(str, value)) if value.__class__ is list else value)
            for value in map(answers.get, keys)]


def _stream(query: Select) -> Iterator:
    """Rows in batches, through the session's connection (its snapshot) but without the ORM's
    per-row bookkeeping: these are plain columns."""
    result = db.session.connection().execute(query, execution_options={"stream_results": True, "yield_per": BATCH_SIZE})
    try:
        yield from result
    finally:
        result.close()


def raw_tables(definitions: list[Definition], checklist_filter: ChecklistFilter, language: str = "en") -> list[Table]:
    """hearings, accused, juvenile and labels tables for the checklists of one definition key.

    Column names are item keys in every language; the labels table is in `language`."""
    key = definitions[0].key
    with force_locale(language):
        id_labels = {column: str(label) for column, label in ID_LABELS.items()}
        case_labels = {column: str(label) for column, label in CASE_LABELS.items()}
    items = {level: _item_union(definitions, level) for level in LEVELS}
    keys = {level: tuple(item.key for item in level_items) for level, level_items in items.items()}

    def chosen(query: Select) -> Select:
        return checklist_filter.apply(query.where(Checklist.definition_key == key))

    def hearing_rows():
        query = chosen(
            select(Checklist.uuid, Checklist.definition_key, Checklist.definition_version, Court.key, User.username,
                   Checklist.status, Checklist.revision, Checklist.submitted_at, Case.code, Checklist.answers)
            .join(Court, Checklist.court_id == Court.id).join(User, Checklist.monitor_id == User.id)
            .outerjoin(Case, Checklist.case_id == Case.id)
        ).order_by(Checklist.id)
        for *ids, submitted_at, case_code, answers in _stream(query):
            submitted = submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ") if submitted_at else ""
            yield (*ids, submitted, case_code or "", *answer_cells(answers, keys["hearing"]))

    def accused_rows():
        query = chosen(
            select(Checklist.uuid, Accused.position, Accused.answers).join(Accused, Accused.checklist_id == Checklist.id)
        ).order_by(Checklist.id, Accused.position)
        for uuid, position, answers in _stream(query):
            yield (uuid, position + 1, *answer_cells(answers, keys["accused"]))

    def juvenile_rows():
        query = chosen(
            select(Checklist.uuid, Accused.position, JuvenileAnnex.answers)
            .join(JuvenileAnnex, JuvenileAnnex.checklist_id == Checklist.id)
            .join(Accused, JuvenileAnnex.accused_id == Accused.id)
        ).order_by(Checklist.id, Accused.position)
        for uuid, position, answers in _stream(query):
            yield (uuid, position + 1, *answer_cells(answers, keys["juvenile"]))

    def case_rows():
        """The cases the exported hearings name (never the court's case number: it is not on a case)."""
        named = chosen(select(Checklist.case_id).where(Checklist.case_id.is_not(None)))
        merged = aliased(Case)
        accused = (select(func.count(CaseAccused.id)).where(CaseAccused.case_id == Case.id)
                   .correlate(Case).scalar_subquery())
        query = (select(Case.code, Case.uuid, Court.key, Case.status, Case.offence_categories, accused, merged.code)
                 .join(Court, Case.court_id == Court.id).outerjoin(merged, Case.merged_into_id == merged.id)
                 .where(Case.id.in_(named)).order_by(Case.id))
        for code, case_uuid, court, status, offences, count, merged_into in _stream(query):
            yield (code, case_uuid, court, status, cell(list(offences or [])), count, merged_into or "")

    def label_rows():
        for table, ids, level in (("hearings", HEARING_IDS, "hearing"), ("accused", ACCUSED_IDS, "accused"),
                                  ("juvenile", ACCUSED_IDS, "juvenile")):
            for column in ids:
                yield (table, column, id_labels[column], "id", "", "no", "")
            for item in items[level]:
                yield (table, item.key, translate(item.label, language), item.type, _choices(item, language),
                       "yes" if item.private else "no", "; ".join(item.legal_basis))
        for column in CASE_COLUMNS:
            yield ("cases", column, case_labels[column], "id" if column in ("case_code", "case_uuid") else "case", "", "no", "")

    return [
        Table("hearings", HEARING_IDS + tuple(i.key for i in items["hearing"]), hearing_rows),
        Table("accused", ACCUSED_IDS + tuple(i.key for i in items["accused"]), accused_rows),
        Table("juvenile", ACCUSED_IDS + tuple(i.key for i in items["juvenile"]), juvenile_rows),
        Table("cases", CASE_COLUMNS, case_rows),
        Table("labels", ("table", "column", "label", "type", "choices", "private", "legal_basis"), label_rows),
    ]


def _choices(item: Item, language: str) -> str:
    if item.type == "yesno":
        return "; ".join(item.answer_keys)
    return "; ".join(f"{c.key} = {translate(c.label, language)}" for c in item.choices)
