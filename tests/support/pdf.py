"""What a reader of a PDF sees: its text, page count and fonts.

pypdf takes seconds to extract the text of a newsletter (Khmer fonts above all), and the suite reads
the same newsletter (the same bytes) from both databases, the page and the CLI: each distinct PDF
is read once per run."""
import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PdfReader


@dataclass(frozen=True)
class PdfContent:
    text: str
    pages: int
    fonts: frozenset[str]


def read_pdf(data: bytes) -> PdfContent:
    """The text of every page (joined by newlines), the number of pages and the base fonts used."""
    return _read(hashlib.sha256(data).hexdigest(), data)


@lru_cache(maxsize=32)
def _read(digest: str, data: bytes) -> PdfContent:
    reader = PdfReader(io.BytesIO(data))
    fonts = frozenset(str(font["/BaseFont"]) for page in reader.pages
                      for font in page["/Resources"].get("/Font", {}).values())
    return PdfContent("\n".join(page.extract_text() for page in reader.pages), len(reader.pages), fonts)
