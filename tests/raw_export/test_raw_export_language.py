"""A raw export downloaded in Khmer: column headers stay item keys (so analysis scripts keep
working), while the labels table explains each column in Khmer."""
import csv
import io
import zipfile

import openpyxl

from monitor.checklists.definition import translate
from monitor.services.definitions import current_definition


def _khmer(text: str) -> bool:
    return any("\u1780" <= ch <= "\u17ff" for ch in text)


def _expected_hearing_header():
    definition = current_definition()
    return ["checklist_uuid", "checklist", "checklist_version", "court", "monitor", "status", "revision",
            "submitted_at", "case"] + [item.key for item in definition.hearing.items]


def test_khmer_xlsx_export_has_khmer_labels_and_key_headers(app, create_user, client_for):
    office = client_for(create_user("manager"))
    response = office.get("/review/exports?download=1&format=xlsx&states=approved&lang=km")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()), read_only=True)
    assert [c for c in next(workbook["hearings"].iter_rows(values_only=True))] == _expected_hearing_header()
    labels = list(workbook["labels"].iter_rows(values_only=True))
    assert labels[0] == ("table", "column", "label", "type", "choices", "private", "legal_basis")
    by_column = {(row[0], row[1]): row[2] for row in labels[1:]}
    assert by_column["hearings", "checklist_uuid"] == "លេខសម្គាល់បញ្ជីត្រួតពិនិត្យ (កូដភ្ជាប់)"
    definition = current_definition()
    for item in definition.hearing.items:
        assert by_column["hearings", item.key] == translate(item.label, "km")
    assert sum(_khmer(label) for label in by_column.values()) == len(by_column), "every label is in Khmer"


def test_khmer_csv_export_and_english_default(app, create_user, client_for):
    office = client_for(create_user("manager"))

    def labels_of(query: str) -> list[list[str]]:
        download = office.get(f"/review/exports?download=1&format=csv&states=approved&{query}")
        archive = zipfile.ZipFile(io.BytesIO(download.get_data()))
        hearings = list(csv.reader(io.StringIO(archive.read("hearings.csv").decode("utf-8-sig"))))
        assert hearings[0] == _expected_hearing_header()
        return list(csv.reader(io.StringIO(archive.read("labels.csv").decode("utf-8-sig"))))

    khmer = labels_of("lang=km")
    assert khmer[0] == ["table", "column", "label", "type", "choices", "private", "legal_basis"]
    assert all(_khmer(row[2]) for row in khmer[1:])
    english = labels_of("lang=en")
    assert [row[:2] for row in english] == [row[:2] for row in khmer]
    assert not any(_khmer(row[2]) for row in english[1:])


def test_command_line_export_in_khmer(app, runner, tmp_path):
    result = runner.invoke(args=["export", "raw", "--format", "csv", "--language", "km", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [written] = tmp_path.glob("*.zip")
    rows = list(csv.reader(io.StringIO(zipfile.ZipFile(written).read("labels.csv").decode("utf-8-sig"))))
    assert all(_khmer(row[2]) for row in rows[1:])
