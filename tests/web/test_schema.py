"""Property-based API tests with schemathesis against /openapi.json: bounded and fast.

Every operation is called with generated data (a few examples each) and its response is
checked against the schema: no server errors, documented status codes and content types,
bodies that match the declared models.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sitrep.web.app import create_app
from sitrep.web.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# The schema is read at collection time; the store is set per test (the app reads its settings per request).
APP = create_app(Settings(db_url=":memory:", token="schemathesis-token", rate_limit=0))  # many calls, one client
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def _store(web_db: str) -> None:
    APP.state.settings = Settings(db_url=web_db, token="schemathesis-token", rate_limit=0)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case: Any) -> None:
    # A schema-valid body is not always an article ("0" is too short, random text is not English):
    # those 422s are right, so the check that every schema-valid request succeeds is left out.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
