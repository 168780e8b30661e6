"""Fixtures shared by the API tests."""
import random
import uuid
from copy import deepcopy
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


@pytest.fixture
def court(create_court):
    return create_court()


@pytest.fixture
def monitor_headers(create_user, api_token):
    return api_token(create_user("monitor"))


def envelope(document: dict, status: str = "submitted", **changes) -> dict:
    """A submission of a copy of `document` to the default checklist (the version new checklists are
    filled with, as `document` is) at the test court, under a new uuid."""
    return {"uuid": str(uuid.uuid4()), "checklist": "fair_trial", "version": current_definition().version,
            "court": "pp_first_instance",
            "status": status, **deepcopy(document)} | changes


def juvenile_index(document: dict) -> int:
    """The first accused with a juvenile annex."""
    return next(index for index, accused in enumerate(document["accused"]) if "juvenile" in accused)
