"""The API's OpenAPI schema is valid, and requests made from it never meet a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from newsroom.wsgi import application


def test_the_schema_is_valid_openapi(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {path.removeprefix("/api/v1") for path in schema["paths"]} == {
        f"/{kind}/{detail}"
        for kind in ("articles", "people", "organisations", "events", "topics", "regions")
        for detail in ("", "{id}/")
    }


# Read through the site itself, as a client would; the schema asks nothing of the database.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def site(settings):
    """The site as Django's test client runs it: no request closes the test's database
    connection. The fuzzer is one client asking fast: the rate limit is not tested here."""
    settings.NEWSROOM_API_RATES = {"anonymous": "100000/min", "token": "100000/min"}
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_request_made_from_the_schema_meets_a_server_error(case, content, site):
    """Every parameter, however odd (huge ids, far-off dates, bad cursors), is a clear
    4xx or an answer, each as the schema documents it, on a database with published and
    hidden articles."""
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
