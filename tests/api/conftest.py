"""Fixtures shared by the API tests."""
import random
from datetime import date, timedelta

import pytest

from monitor.services import demo
from monitor.services.definitions import current_definition


@pytest.fixture
def document(app):
    """A realistic, valid checklist document with at least one juvenile accused."""
    rng = random.Random(11)
    while True:
        document = demo.random_document(current_definition(), date.today() - timedelta(days=5), rng, date.today())
        if document and any("juvenile" in accused for accused in document["accused"]):
            return document
