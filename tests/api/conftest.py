"""An app with a small council, documents with real stored files, and bearer tokens for its people."""

import hashlib
from datetime import date

import pytest

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from gateway.web.app import create_app
from index import open_index
from tests.factories import add_document, council_data, write_yaml

PDF_BYTES = b"%PDF-1.4\n% a stand-in for a PDF: the API sends stored bytes as they are\n%%EOF\n"
PASSWORDS = {"cllr-ann": "pw-ann-123", "cllr-bob": "pw-bob-123", "off-mo": "pw-mo-123", "off-aud": "pw-aud-123",
             "off-it": "pw-it-123"}
MEETING = date(2026, 10, 1)  # held: its papers are not held back for the meeting (R-AFTER-MEETING)


def api_council() -> dict:
    """The factories' council, with an auditor and an IT administrator."""
    data = council_data()
    data["officers"] += [
        {"id": "off-aud", "name": "Ada Auditor", "roles": ["auditor"], "service": "audit", "password": "pw-aud-123"},
        {"id": "off-it", "name": "Ian Admin", "roles": ["admin"], "service": "it", "password": "pw-it-123"},
    ]
    return data


def store_document(gw, session, id, data: bytes | None = None, media_type="text/plain", **options) -> Document:
    """A document as `add_document` makes it, with its file's bytes really in the blob store."""
    pages = options.pop("pages", (f"Text of {id}.",))
    doc = add_document(session, id, pages=pages, **options)
    session.flush()
    data = data if data is not None else "\n".join(pages).encode("utf-8")
    digest = gw.blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    version = session.get(DocumentVersion, doc.current_version_id)
    version.sha256, version.media_type, version.size = digest, media_type, len(data)
    if media_type == "application/pdf":
        doc.file = f"{id}.pdf"
    return doc


# For cllr-ann (Admin group, chairs Cabinet), cllr-bob (Opposition, sits on Scrutiny, interest in m-pool):
#   doc-public   public                              -> grant open for everybody signed in
#   doc-exempt   Cabinet paper, paragraph 1          -> ann R-COMMITTEE grant; bob R-NEED-TO-KNOW refer
#   doc-admin    internal to the Admin group         -> ann R-GROUP-OWN; bob hidden (R-GROUP-OTHER)
#   doc-pool     paragraph 3 (contract terms), m-pool -> bob R-INTEREST deny listed
DOCUMENTS = {
    "doc-public": dict(title="Swimming pool opening hours", pages=("The swimming pool opens at seven.",)),
    "doc-exempt": dict(title="Staffing restructure", paragraphs=[1], media_type="application/pdf",
                       data=PDF_BYTES, pages=("Named staff members of the leisure service.",)),
    "doc-admin": dict(title="Group tactics for the budget", committee=None, party_group="grp-admin",
                      pages=("Admin group tactics for the swimming pool budget.",)),
    "doc-pool": dict(title="Swimming pool contract negotiation", paragraphs=[3], flags=["contract_terms"],
                     matters=["m-pool"], pages=("Terms proposed for the swimming pool contract.",)),
}


def add_documents(gw, documents: dict) -> None:
    open_index(gw.settings.index_dir)  # as `gateway init` does: the index exists before documents arrive
    with gw.sessions() as session, session.begin():
        for ident, options in documents.items():
            store_document(gw, session, ident, meeting=MEETING, **options)
        bump(session)
    gw.index.update(gw, list(documents))


@pytest.fixture
def app(tmp_path, database_url):
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    app = create_app({"TESTING": True, "GATEWAY_SETTINGS": settings})
    gw = app.extensions["gateway"]
    with gw.sessions() as session:
        load_council(session, write_yaml(tmp_path / "council.yaml", api_council()))
    add_documents(gw, DOCUMENTS)
    return app


@pytest.fixture
def gw(app):
    return app.extensions["gateway"]


@pytest.fixture
def client(app):
    return app.test_client()


def bearer(client, username: str) -> dict:
    """Headers carrying a fresh token for `username`."""
    response = client.post("/api/v1/tokens", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.fixture
def ann(client):
    return bearer(client, "cllr-ann")


@pytest.fixture
def bob(client):
    return bearer(client, "cllr-bob")


@pytest.fixture
def mo(client):
    return bearer(client, "off-mo")


@pytest.fixture
def auditor(client):
    return bearer(client, "off-aud")


@pytest.fixture
def admin(client):
    return bearer(client, "off-it")
