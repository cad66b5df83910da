"""Every route with an integer path parameter answers 404 for an id out of range (above 2^63-1, above what
an Integer column holds, thousands of digits, non-ASCII digits) and never 500, for any caller (issue 10)."""

import re

import pytest
from werkzeug.routing import IntegerConverter

from tests.web.conftest import PASSWORDS, build_app, sign_in

OUT_OF_RANGE = [str(2**63), str(2**63 - 1 + 2**63), str(2**64), str(2**31), "9" * 5000, "0" * 30 + "1",
                "\u0663", "-1", "1e3", "1.0"]
IN_RANGE_MISSING = [str(2**31 - 1), "0", "987654"]


def int_routes(app) -> list[tuple[str, str]]:
    """(rule, method) for every route with an <int:...> parameter, found in the app's URL map."""
    found = []
    for rule in app.url_map.iter_rules():
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values()):
            found += [(rule.rule, m) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def url(rule: str, value: str) -> str:
    return re.sub(r"<[^>]+>", lambda m: value if m.group(0).startswith("<int") else "x", rule)


@pytest.fixture
def app(tmp_path, database_url):
    """The pages' council on SQLite and on PostgreSQL (whose Integer ids stop at 2^31-1)."""
    return build_app(tmp_path / "data", csrf=False, database_url=database_url)


@pytest.fixture
def callers(app):
    """Anonymous, a member, the Proper Officer and IT on the pages; the same people's bearer tokens on the API."""
    web = {"anonymous": app.test_client()}
    api = {"anonymous": {}}
    for who in ("cllr-bob", "off-mo", "off-it"):
        web[who] = sign_in(app.test_client(), who)
        token = app.test_client().post("/api/v1/tokens", json={"username": who, "password": PASSWORDS[who]})
        api[who] = {"Authorization": f"Bearer {token.get_json()['token']}"}
    return web, api


def test_the_int_routes_are_found(app):
    rules = {rule for rule, _ in int_routes(app)}
    assert "/api/v1/referrals/<int:referral_id>" in rules and "/admin/policy/versions/<int:version_id>" in rules
    assert len(rules) >= 11


def test_ids_out_of_range_are_404_on_every_int_route(app, callers):
    web, api = callers
    for rule, method in int_routes(app):
        for value in OUT_OF_RANGE:
            for who in web:
                client, headers = (app.test_client(), api[who]) if rule.startswith("/api/") else (web[who], {})
                response = client.open(url(rule, value), method=method, headers=headers, json={})
                assert response.status_code == 404, (rule, method, value[:20], who, response.status_code)
                if rule.startswith("/api/"):
                    assert response.get_json()["error"]["code"] == "404"


def test_ids_in_range_that_name_nothing_are_never_a_server_error(app, callers):
    web, api = callers
    for rule, method in int_routes(app):
        for value in IN_RANGE_MISSING:
            for who in web:
                client, headers = (app.test_client(), api[who]) if rule.startswith("/api/") else (web[who], {})
                body = {"outcome": "grant", "reasons": "Because", "grounds": "Because"}
                response = client.open(url(rule, value), method=method, headers=headers, json=body)
                assert response.status_code < 500, (rule, method, value, who, response.status_code)
