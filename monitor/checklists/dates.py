"""Dates as checklists write them: `YYYY-MM-DD` and nothing else.

Python's `date.fromisoformat` also reads ISO week dates (`2026-W42-4`) and compact forms
(`20261015`); a phone, a spreadsheet and PostgreSQL would each read those differently, and as text
they sort wrongly against ordinary dates. So one strict reading, used by validation, computed items
and conditions alike."""
import re
from datetime import date

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(value) -> date | None:
    """`value` as a date when it is one, or a real calendar date written YYYY-MM-DD; else None."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:  # 2025-02-30
        return None
