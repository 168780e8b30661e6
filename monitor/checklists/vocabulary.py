"""The words every checklist definition is written in, named once for the loader, the condition
language, indicators, statistics and exports (DESIGN.md §2)."""

#: Answers every yes/no item offers; N/A only where the item allows it.
YESNO_ANSWERS = ("yes", "no", "na", "unknown")
ITEM_TYPES = ("yesno", "choice", "multichoice", "integer", "date", "time", "text")
#: The three blocks of a checklist, outermost first: the hearing, each accused, each juvenile annex.
#: Indicators count units of the same names.
LEVELS = ("hearing", "accused", "juvenile")
