"""While the audit store cannot be written, a hidden document answers exactly as a missing one, on the API
and on the pages: same status, body and headers (issue 10)."""

import pytest

from tests.api.test_changes_audited import make_audit_unwritable

REASON = "I need this to scrutinise the restructure at committee"


def _identical(hidden, missing):
    assert hidden.status_code == missing.status_code
    assert hidden.get_data() == missing.get_data()
    assert dict(hidden.headers) == dict(missing.headers)


@pytest.mark.parametrize("suffix, method, body", [
    ("", "get", None),
    ("/content", "get", None),
    ("/content?reason=I+need+it+for+my+ward+work", "get", None),
    ("/download?purpose=Cabinet+papers", "get", None),
    ("/requests", "post", {"reason": REASON}),
])
def test_api_hidden_and_missing_answer_alike_while_the_audit_store_fails(client, gw, bob, suffix, method, body):
    make_audit_unwritable(gw)
    kwargs = {"headers": bob} if body is None else {"headers": bob, "json": body}
    hidden = getattr(client, method)(f"/api/v1/documents/doc-admin{suffix}", **kwargs)
    missing = getattr(client, method)(f"/api/v1/documents/doc-nowhere{suffix}", **kwargs)

    _identical(hidden, missing)
