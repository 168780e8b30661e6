"""Raw-data exports for managers: one table per level (hearings, accused, juvenile annex) joined by
ids, with item keys as column names and a table of labels. `tables` produces rows streamed from
the database; `csv_zip` and `xlsx` only write them. Internal: may contain case references."""
