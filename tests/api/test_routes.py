"""Every API route: declared (so it is gated and described), refusing callers without a token, JSON errors."""

import json

import pytest

from gateway.web import api
from gateway.web.api_schema import openapi_path

PUBLIC = {"api.create_token", "api.openapi"}


def api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")]


def sample_url(rule) -> str:
    """The rule's URL with a stand-in for each argument."""
    _, params = openapi_path(rule.rule, "")
    return rule.build({name: 1 if converter == "int" else "doc-x" for name, converter in params},
                      append_unknown=False)[1]


def methods(rule):
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def test_every_route_is_declared_through_the_gate(app):
    rules = api_rules(app)
    assert len(rules) >= 12
    for rule in rules:
        for method in methods(rule):
            op = api.OPERATIONS.get((rule.endpoint.split(".", 1)[1], method))
            assert op is not None, f"{rule.rule} {method} is not declared with api.route"
            assert op.public == (rule.endpoint in PUBLIC), rule.endpoint


def test_every_route_but_tokens_and_openapi_needs_a_token(client, app):
    for rule in api_rules(app):
        if rule.endpoint in PUBLIC:
            continue
        url = sample_url(rule)
        for method in methods(rule):
            for headers in ({}, {"Authorization": "Bearer forged"}):
                response = client.open(url, method=method, headers=headers, json={})
                assert response.status_code == 401, (method, url, headers)
                assert response.headers["WWW-Authenticate"].startswith("Bearer")
                assert response.is_json and set(response.get_json()) == {"error"}


def test_role_restricted_routes_refuse_other_roles(client, app, bob):
    for rule in api_rules(app):
        for method in methods(rule):
            op = api.OPERATIONS[(rule.endpoint.split(".", 1)[1], method)]
            if op.roles and "member" not in op.roles:
                response = client.open(sample_url(rule), method=method, headers=bob, json={})
                assert response.status_code == 403, (method, rule.rule)


def test_unknown_paths_and_methods_answer_json(client, ann):
    missing = client.get("/api/v1/nothing-here", headers=ann)
    assert missing.status_code == 404 and missing.is_json
    wrong = client.delete("/api/v1/documents/doc-public", headers=ann)
    assert wrong.status_code == 405 and wrong.is_json


def test_an_unexpected_failure_is_json_without_a_trace(client, ann, gw, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("gateway.services.documents.open_document", explode)
    response = client.get("/api/v1/documents/doc-public", headers=ann)
    assert response.status_code == 500 and response.is_json
    assert b"secret internals" not in response.get_data() and b"Traceback" not in response.get_data()


# -- the OpenAPI document ------------------------------------------------------------------------

@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def test_openapi_lists_every_route_and_method(app, document):
    listed = {(path, method) for path, item in document["paths"].items() for method in item}
    expected = set()
    for rule in api_rules(app):
        path, _ = openapi_path(rule.rule, "/api/v1")
        expected |= {(path, m.lower()) for m in methods(rule)}
    assert listed == expected
    assert {"/tokens", "/search", "/documents/{document_id}", "/documents/{document_id}/content",
            "/documents/{document_id}/requests", "/referrals", "/referrals/{referral_id}/decision",
            "/audit", "/openapi.json"} <= set(document["paths"])
    assert document["servers"] == [{"url": "/api/v1"}]


def test_openapi_structure(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] and document["info"]["version"]
    schemas = document["components"]["schemas"]
    assert document["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "A token from POST /tokens"}
    operation_ids = []
    for path, item in document["paths"].items():
        names = {p.strip("{}") for p in path.split("/") if p.startswith("{")}
        for op in item.values():
            operation_ids.append(op["operationId"])
            assert op["summary"] and op["responses"]
            params = op.get("parameters", [])
            assert {p["name"] for p in params if p["in"] == "path"} == names, path
            assert all(p["required"] for p in params if p["in"] == "path")
            public = op.get("security") == []
            assert public == (path in ("/tokens", "/openapi.json"))
            if not public:
                assert "401" in op["responses"]
            for response in op["responses"].values():
                assert response["description"]
    assert len(operation_ids) == len(set(operation_ids))
    # every $ref points at a schema that is there
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert refs and all(r.startswith("#/components/schemas/") and r.split("/")[-1] in schemas for r in refs)
    json.dumps(document)  # plain JSON


def test_openapi_validates(document):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(document)


def test_openapi_documents_the_declared_inputs(document):
    decision = document["paths"]["/referrals/{referral_id}/decision"]["post"]
    body = decision["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["outcome", "reasons"]
    assert body["properties"]["outcome"]["enum"] == ["grant", "deny"]
    assert body["properties"]["until"]["format"] == "date"
    assert decision["x-roles"] == ["proper_officer"]
    search = {p["name"]: p for p in document["paths"]["/search"]["get"]["parameters"]}
    assert {"q", "page", "committee", "date_from", "date_to", "paragraph", "status"} <= set(search)
    assert search["page"]["schema"]["minimum"] == 1
    content = document["paths"]["/documents/{document_id}/content"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(content)
