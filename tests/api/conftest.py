"""An app with a small council, documents with real stored files, and bearer tokens for its people."""

import hashlib
from datetime import date
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from fpdf import FPDF
from jsonschema import Draft202012Validator
from pypdf import PdfReader
from werkzeug.exceptions import HTTPException

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from gateway.web.app import create_app
from index import open_index
from tests.factories import add_document, council_data, write_yaml



def real_pdf(text: str) -> bytes:
    """A one-page PDF with `text` on it."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


PDF_BYTES = real_pdf("Named staff members of the leisure service.")
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


class DocumentedClient(FlaskClient):
    """A test client that fails any API answer /api/v1/openapi.json does not describe: its status must be
    declared for the operation, and its body must validate against the declared schema or media type."""

    _document = None

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.request.path.startswith("/api/v1/"):
            check_documented(self.application, self.document(), response)
        return response

    def document(self) -> dict:
        if DocumentedClient._document is None:
            DocumentedClient._document = super().open("/api/v1/openapi.json").get_json()
        return DocumentedClient._document


def check_documented(app, document: dict, response) -> None:
    try:
        endpoint, _ = app.url_map.bind("localhost").match(response.request.path, response.request.method)
    except HTTPException:
        return  # no such route: not an operation (the unknown-path tests check its JSON error)
    operations = {op["operationId"]: op for item in document["paths"].values() for op in item.values()}
    operation = operations[endpoint.split(".", 1)[1]]
    declared = operation["responses"].get(str(response.status_code))
    assert declared is not None, f"{endpoint} answered {response.status_code}, which openapi.json does not declare"
    content = declared.get("content")
    if not content:
        assert not response.get_data(), f"{endpoint} {response.status_code} has a body openapi.json does not declare"
    elif "application/json" in content:
        schema = {**content["application/json"]["schema"], "components": document["components"]}
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(response.get_json())]
        assert not errors, f"{endpoint} {response.status_code} does not match openapi.json: {errors}"
    else:
        assert response.mimetype in content, f"{endpoint} sent {response.mimetype}, not one of {sorted(content)}"


@pytest.fixture
def app(tmp_path, database_url):
    settings = Settings(data_dir=tmp_path / "data", database_url=database_url)
    app = create_app({"TESTING": True, "GATEWAY_SETTINGS": settings})
    app.test_client_class = DocumentedClient
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
