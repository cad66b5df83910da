"""Route x role: every page of the councillor, officer and admin blueprints, for each kind of caller.

The test walks `app.url_map` and fails on a route (or method) missing from MATRIX, so a new page
cannot skip its role check unnoticed. POSTs send empty forms: they show who is let in, not what
the form does (the other tests do that).
"""

import pytest

from gateway.services import referrals as referral_service
from tests.web.conftest import sign_in

ROLES = ("anonymous", "cllr-bob", "off-mo", "off-it", "off-aud")
SIGN_IN = 302   # anonymous callers are sent to sign in

# (endpoint, method): (url, {role: status}); roles not named get the status under "*".
MATRIX = {
    ("councillor.search", "GET"): ("/search?q=leisure", {"*": 200}),
    ("councillor.document", "GET"): ("/documents/doc-public", {"*": 200}),
    ("councillor.content", "GET"): ("/documents/doc-public/content", {"*": 200}),
    ("councillor.download", "POST"): ("/documents/doc-public/download", {"*": 400}),
    ("councillor.request_access", "POST"): ("/documents/doc-exempt/request", {"*": 400}),
    ("councillor.my_requests", "GET"): ("/requests", {"*": 200}),
    ("councillor.request_detail", "GET"): ("/requests/{referral}", {"cllr-bob": 200, "*": 404}),
    ("councillor.dispute", "GET"): ("/requests/{referral}/dispute", {"cllr-bob": 200, "*": 404}),
    ("councillor.dispute", "POST"): ("/requests/{referral}/dispute", {"cllr-bob": 400, "*": 404}),

    ("officer.home", "GET"): ("/officer/", {"off-mo": 302, "*": 403}),
    ("officer.queue", "GET"): ("/officer/queue", {"off-mo": 200, "*": 403}),
    ("officer.referral", "GET"): ("/officer/referrals/{referral}", {"off-mo": 200, "*": 403}),
    ("officer.decide", "POST"): ("/officer/referrals/{referral}/decision", {"off-mo": 400, "*": 403}),
    ("officer.dispute_outcome", "POST"): ("/officer/referrals/{referral}/dispute-outcome",
                                          {"off-mo": 400, "*": 403}),
    ("officer.reconsider", "POST"): ("/officer/referrals/{referral}/reconsideration", {"off-mo": 400, "*": 403}),
    ("officer.withdraw", "POST"): ("/officer/referrals/{referral}/withdrawal", {"off-mo": 400, "*": 403}),
    ("officer.documents", "GET"): ("/officer/documents", {"off-mo": 200, "*": 403}),
    ("officer.document", "GET"): ("/officer/documents/doc-exempt", {"off-mo": 200, "*": 403}),
    ("officer.review", "POST"): ("/officer/documents/doc-exempt/review", {"off-mo": 400, "*": 403}),
    ("officer.reviews_due", "GET"): ("/officer/reviews", {"off-mo": 200, "*": 403}),
    ("officer.reclassify", "GET"): ("/officer/documents/doc-exempt/classification", {"off-mo": 200, "*": 403}),
    ("officer.reclassify", "POST"): ("/officer/documents/doc-exempt/classification", {"off-mo": 400, "*": 403}),

    ("dashboard.dashboard", "GET"): ("/officer/dashboard", {"off-mo": 200, "*": 403}),
    ("dashboard.requests", "GET"): ("/officer/requests/waiting", {"off-mo": 200, "*": 403}),
    ("dashboard.decided", "GET"): ("/officer/decided", {"off-mo": 200, "*": 403}),
    ("dashboard.reasons", "GET"): ("/officer/reasons", {"off-mo": 200, "*": 403}),
    ("dashboard.reasons", "POST"): ("/officer/reasons", {"off-mo": 400, "*": 403}),
    ("dashboard.edit_reason", "GET"): ("/officer/reasons/999", {"off-mo": 404, "*": 403}),
    ("dashboard.edit_reason", "POST"): ("/officer/reasons/999", {"off-mo": 404, "*": 403}),
    ("dashboard.remove_reason", "POST"): ("/officer/reasons/999/remove", {"off-mo": 404, "*": 403}),

    ("accounts.add", "GET"): ("/admin/accounts/new", {"off-it": 200, "*": 403}),
    ("accounts.add", "POST"): ("/admin/accounts/new", {"off-it": 400, "*": 403}),
    # an account no one has: IT is let in and told there is none (nothing changes)
    ("accounts.disable", "POST"): ("/admin/accounts/nobody/disable", {"off-it": 404, "*": 403}),
    ("accounts.enable", "POST"): ("/admin/accounts/nobody/enable", {"off-it": 404, "*": 403}),
    ("accounts.reset_password", "POST"): ("/admin/accounts/nobody/password", {"off-it": 404, "*": 403}),

    ("admin.index", "GET"): ("/admin/", {"cllr-bob": 403, "*": 200}),
    ("admin.council", "GET"): ("/admin/council", {"off-it": 200, "*": 403}),
    ("admin.council", "POST"): ("/admin/council", {"off-it": 400, "*": 403}),
    ("admin.apply_council", "POST"): ("/admin/council/apply", {"off-it": 400, "*": 403}),
    ("admin.members", "GET"): ("/admin/members", {"cllr-bob": 403, "*": 200}),
    ("admin.member", "GET"): ("/admin/members/cllr-bob", {"cllr-bob": 403, "*": 200}),
    ("admin.edit_member", "GET"): ("/admin/members/cllr-bob/edit", {"off-it": 200, "*": 403}),
    ("admin.edit_member", "POST"): ("/admin/members/cllr-bob/edit", {"off-it": 400, "*": 403}),
    # Bob is not locked: IT is let in, and unlocking changes nothing but the audit log.
    ("admin.unlock_account", "POST"): ("/admin/accounts/cllr-bob/unlock", {"off-it": 302, "*": 403}),
    ("admin.committees", "GET"): ("/admin/committees", {"cllr-bob": 403, "*": 200}),
    ("admin.groups", "GET"): ("/admin/groups", {"cllr-bob": 403, "*": 200}),
    ("admin.interests", "GET"): ("/admin/interests", {"cllr-bob": 403, "*": 200}),
    ("admin.policy", "GET"): ("/admin/policy", {"cllr-bob": 403, "*": 200}),
    ("admin.edit_policy", "GET"): ("/admin/policy/edit", {"off-it": 200, "*": 403}),
    ("admin.edit_policy", "POST"): ("/admin/policy/edit", {"off-it": 400, "*": 403}),
    ("admin.policy_version", "GET"): ("/admin/policy/versions/1", {"cllr-bob": 403, "*": 200}),
    # Version 999 does not exist: IT is let in, told so, and sent back (nothing changes).
    ("admin.revert_policy", "POST"): ("/admin/policy/versions/999/revert", {"off-it": 302, "*": 403}),
    ("admin.notices", "GET"): ("/admin/notices", {"cllr-bob": 403, "*": 200}),
    ("admin.ingestion", "GET"): ("/admin/ingestion", {"cllr-bob": 403, "*": 200}),
    ("admin.audit", "GET"): ("/admin/audit", {"cllr-bob": 403, "*": 200}),
    ("admin.audit_export", "GET"): ("/admin/audit/export?format=csv", {"cllr-bob": 403, "*": 200}),
    ("admin.audit_verify", "GET"): ("/admin/audit/verify", {"cllr-bob": 403, "*": 200}),
}
BLUEPRINTS = ("councillor.", "officer.", "admin.", "dashboard.", "accounts.")


def routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(BLUEPRINTS):
            found |= {(rule.endpoint, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_page_route_is_in_the_matrix(app):
    missing = routes(app) - set(MATRIX)
    assert not missing, f"add these routes to MATRIX with the status each role should get: {sorted(missing)}"
    stale = set(MATRIX) - routes(app)
    assert not stale, f"MATRIX names routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def referral(app, gw):
    """A request by Bob, so the referral pages have something to show."""
    with gw.sessions() as session:
        _, ref = referral_service.request_access(gw, session, "cllr-bob", "doc-exempt",
                                           "I need it for the scrutiny review of the land sale")
        return ref.id


def test_route_role_matrix(app, referral):
    clients = {"anonymous": app.test_client()}
    for role in ROLES[1:]:
        clients[role] = sign_in(app.test_client(), role)
    wrong = []
    for (endpoint, method), (url, expected) in sorted(MATRIX.items()):
        url = url.format(referral=referral)
        for role in ROLES:
            want = SIGN_IN if role == "anonymous" else expected.get(role, expected["*"])
            response = clients[role].open(url, method=method, data={})
            if response.status_code != want:
                wrong.append(f"{method} {url} as {role}: {response.status_code}, expected {want}")
            elif role == "anonymous":
                assert "/sign-in" in response.headers["Location"]
            elif want == 403:
                assert "You may not do that." in response.get_data(as_text=True)
    assert not wrong, "\n".join(wrong)


def test_pages_carry_no_scripts_or_inline_styles(app, referral):
    """The CSP (default-src 'self') would block them; the pages must work without JavaScript anyway."""
    clients = {role: sign_in(app.test_client(), role) for role in ROLES[1:]}
    for (_endpoint, method), (url, expected) in MATRIX.items():
        if method != "GET" or "export" in url or "content" in url:
            continue
        for role, client in clients.items():
            response = client.get(url.format(referral=referral))
            html = response.get_data(as_text=True)
            assert "<script" not in html and " style=" not in html and " on" + "click=" not in html, (url, role)
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
