"""Release tests reuse the statistics hearing factory; only approved checklists count, as in production."""
import pytest

from monitor.extensions import db
from tests.statistics.conftest import add_hearing  # noqa: F401


@pytest.fixture
def app(make_app, database_url):
    """The reference organisation's calendar (Q1 is November to January); only approved checklists count."""
    app = make_app(database_url, REPORTING_YEAR_START_MONTH=11, STATISTICS_COUNT_SUBMITTED=False)
    with app.app_context():
        yield app
        db.session.remove()
