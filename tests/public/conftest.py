"""Release tests reuse the statistics fixtures (a November reporting year, a hearing factory)."""
from tests.statistics.conftest import add_hearing, app  # noqa: F401
