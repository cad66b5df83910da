"""Schemathesis against /api/v1/openapi.json: as a councillor, IT, the Proper Officer and an auditor, no
input (valid or not) makes a server error, and every answer is one the document declares (status, content
type, headers, body schema).

Path parameters are generated, or are ids that exist (so the work behind a 404 is reached too). Examples
are bounded and derandomised, so a run is short and repeatable; each example gets a fresh bearer token, so
one that revokes its token (DELETE /tokens/current) does not spoil the ones after it.
"""

import random

import pytest
import schemathesis
import whoosh.util
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gateway.domain.sessions import issue_token
from tests.api.conftest import DOCUMENTS

EXAMPLES = 6   # per operation, caller and mode: about 1,100 requests, 30-40 s in all
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
CALLERS = {"councillor": "cllr-bob", "it": "off-it", "proper_officer": "off-mo", "auditor": "off-aud"}
REASON = "I need this to scrutinise the restructure at committee"


def fresh_token(gw, account_id: str) -> str:
    with gw.sessions() as session:
        token, _expires = issue_token(session, account_id)
        session.commit()
    return token


def cases(operation, mode, known: dict):
    """Generated cases, and cases whose path names something that exists."""
    names = {p.name for p in operation.path_parameters}
    fixed = [{name: value} for name in names for value in known.get(name, ())]
    return st.one_of([operation.as_strategy(generation_mode=mode)]
                     + [operation.as_strategy(generation_mode=mode, path_parameters=p) for p in fixed])


@pytest.fixture(autouse=True)
def index_segment_names_from_the_system(monkeypatch):
    """Whoosh names new index segments from the `random` module, which Hypothesis reseeds for every
    example: the same names would come again and collide. Served, each process has its own seed."""
    monkeypatch.setattr(whoosh.util, "random", random.SystemRandom())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("caller", sorted(CALLERS))
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_input_makes_a_server_error_or_an_undeclared_answer(app, gw, client, caller, mode):
    asked = client.post("/api/v1/documents/doc-exempt/requests", json={"reason": REASON},
                        headers={"Authorization": f"Bearer {fresh_token(gw, 'cllr-bob')}"})
    known = {"document_id": sorted(DOCUMENTS), "referral_id": [asked.get_json()["referral"]["id"]],
             "member_id": ["cllr-bob"], "account_id": ["cllr-bob", "off-it"]}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=cases(operation, mode, known))
        def check(case):
            headers = {"Authorization": f"Bearer {fresh_token(gw, CALLERS[caller])}"}
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # noqa: BLE001  every operation is tried; their failures reported together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
