"""The pages do the same work for a hidden document as for a missing one, and answer alike (issue 10:
timing told them apart). benchmarks/side_channels.py times it from outside; this counts, so cannot flake."""

import pytest

from tests.web.conftest import DOCUMENT_ROUTES, without_csrf_token
from tests.work_done import counted_work

HIDDEN, MISSING = "doc-group", "doc-nohit"   # the same length, so no length-dependent work differs


@pytest.mark.parametrize("method, suffix, data", DOCUMENT_ROUTES)
def test_a_hidden_document_page_does_the_work_of_a_missing_one(gw, bob, method, suffix, data):
    kwargs = {} if data is None else {"data": data}

    def ask(document_id):
        with counted_work(gw) as work:
            response = getattr(bob, method)(f"/documents/{document_id}{suffix}", **kwargs)
        return response, work

    bob.get("/documents/doc-public")  # renews the session cookie; the caller's and council's facts, read once
    answers = {kind: [ask(ident), ask(ident)] for kind, ident in (("hidden", HIDDEN), ("missing", MISSING))}

    for (hidden, hidden_work), (missing, missing_work) in zip(answers["hidden"], answers["missing"]):
        assert hidden.status_code == missing.status_code == 404
        assert without_csrf_token(hidden.get_data()) == without_csrf_token(missing.get_data())
        assert dict(hidden.headers) == dict(missing.headers)
        assert hidden_work == missing_work   # first (facts not yet cached), then again (cached)
        assert hidden_work["decide"] == hidden_work["audit"] == 1 and hidden_work["sql"] > 0
