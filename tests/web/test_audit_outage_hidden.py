"""While the audit store cannot be written, the pages answer a hidden document exactly as a missing one
(status, body and headers), on every document route (issue 10)."""

import pytest

from tests.api.test_changes_audited import make_audit_unwritable
from tests.web.conftest import DOCUMENT_ROUTES, without_csrf_token



@pytest.mark.parametrize("method, suffix, data", DOCUMENT_ROUTES)
def test_pages_answer_hidden_and_missing_alike_while_the_audit_store_fails(gw, bob, method, suffix, data):
    bob.get("/documents/no-such-doc")  # the first page after signing in renews the session cookie
    make_audit_unwritable(gw)
    kwargs = {} if data is None else {"data": data}
    hidden = getattr(bob, method)(f"/documents/doc-group{suffix}", **kwargs)
    missing = getattr(bob, method)(f"/documents/no-such-doc{suffix}", **kwargs)
    assert hidden.status_code == missing.status_code == 503
    assert without_csrf_token(hidden.get_data()) == without_csrf_token(missing.get_data())
    assert dict(hidden.headers) == dict(missing.headers)
