"""Raw export as one zip of CSV files (README, hearings, accused, juvenile, labels), produced as
a stream of bytes: each batch of rows is compressed and handed on, never the whole file held.

One zip rather than three downloads: the tables come from one request (one consistent read of
the database), their join keys match, and the INTERNAL note travels with the data."""
import io
import zipfile
from collections.abc import Iterator

from monitor.raw_export.tables import INTERNAL_NOTE, Table
from monitor.security.spreadsheets import CsvWriter

#: Rows written between two hand-overs of compressed bytes.
ROWS_PER_CHUNK = 1000
#: zlib's fastest level: the default level (6) spent a third of a CSV export's time compressing;
#: level 1 makes the file about a third larger (3.0 instead of 2.2 MiB for 20,000 checklists).
COMPRESSION_LEVEL = 1


class _Sink(io.RawIOBase):
    """A write-only, unseekable stream that keeps bytes until they are taken (zipfile then writes
    data descriptors instead of seeking back)."""

    def __init__(self):
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self._chunks = b"".join(self._chunks), []
        return data


def zip_chunks(tables: list[Table]) -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL) as archive:
        archive.writestr("README-INTERNAL.txt", INTERNAL_NOTE)
        for table in tables:
            with archive.open(f"{table.name}.csv", "w", force_zip64=True) as member:
                text = io.TextIOWrapper(member, encoding="utf-8-sig", newline="")
                writer = CsvWriter(text)
                writer.writerow(table.columns)
                for count, row in enumerate(table.rows(), 1):
                    writer.writerow(row)
                    if count % ROWS_PER_CHUNK == 0:
                        text.flush()
                        yield sink.take()
                text.flush()
                text.detach()
            yield sink.take()
    yield sink.take()
