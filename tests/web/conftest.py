"""A council with its people, real PDF and text documents, and apps built on them for the HTML pages.

People (passwords in PASSWORDS):
    cllr-ann   Admin Party Group (the administration), chairs Cabinet
    cllr-bob   Opposition Group, sits on the Scrutiny Committee, pecuniary interest in m-pool
    off-mo     the Proper Officer          off-it   IT administrator
    off-aud    auditor                     off-clerk an officer of the democratic services

Documents, and what Bob (the councillor the tests drive) gets:
    doc-public   public Cabinet report (PDF)                       grant, R-PUBLIC
    doc-exempt   Cabinet report, paragraph 1 (PDF)                 refer, R-NEED-TO-KNOW (Ann: R-COMMITTEE)
    doc-group    internal to the Admin Party Group (text)          hidden, R-GROUP-OTHER
    doc-pool     paragraph 3 contract terms about m-pool (text)    deny listed, R-INTEREST
    doc-review   classifiers unsure, with evidence (text)          refer, R-REVIEW
"""

import hashlib
import re
from datetime import date, datetime

import pytest
from fpdf import FPDF

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.generation import bump
from gateway.domain.models import Document, DocumentVersion
from gateway.web.app import create_app
from tests.factories import council_data, write_yaml

PASSWORDS = {"cllr-ann": "pw-ann-123", "cllr-bob": "pw-bob-123", "off-mo": "pw-mo-123", "off-it": "pw-it-123",
             "off-aud": "pw-aud-123", "off-clerk": "pw-clerk-123"}
MEETING = date(2026, 10, 1)

PUBLIC_TEXT = ("Leisure centre opening hours. The leisure centre will open at seven every weekday from January. "
               "Cabinet is asked to note the new timetable.")
EXEMPT_TEXT = ("Disposal of land at Mill Lane. Named tenants of the council's estate and their rent arrears "
               "are set out in the appendix.")


PROTOCOL_URL = "https://testshire.example.gov.uk/constitution/member-officer-protocol#para-{paragraph}"
IT_CONTACT = "the IT service desk on 01632 960123"


def web_council() -> dict:
    data = council_data()
    data["council"].update(protocol_url=PROTOCOL_URL, it_contact=IT_CONTACT)
    data["officers"] += [
        {"id": "off-it", "name": "Ian Admin", "roles": ["admin"], "service": "it", "password": PASSWORDS["off-it"]},
        {"id": "off-aud", "name": "Ada Auditor", "roles": ["auditor"], "service": "audit",
         "password": PASSWORDS["off-aud"]},
        {"id": "off-clerk", "name": "Cleo Clerk", "roles": ["officer"], "service": "democratic",
         "password": PASSWORDS["off-clerk"]},
    ]
    return data


def make_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A real PDF, a page per paragraph, as a council report might be."""
    pdf = FPDF()
    pdf.set_title(title)
    for number, text in enumerate(paragraphs, start=1):
        pdf.add_page()
        pdf.set_font("helvetica", style="B", size=16)
        pdf.multi_cell(0, 10, title if number == 1 else f"{title} (continued)", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 10, f"Page {number} of {len(paragraphs)}", align="C")
    return bytes(pdf.output())


def store(gw, session, ident: str, title: str, pages: list[str], pdf: bool = False, declared=None, classified=None,
          committee: str | None = "cabinet", **fields) -> Document:
    """A document and its current version, its file really in the blob store."""
    data = make_pdf(title, pages) if pdf else "\n\f\n".join(pages).encode("utf-8")
    digest = gw.blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    version = DocumentVersion(document_id=ident, sha256=digest, media_type="application/pdf" if pdf else "text/plain",
                              size=len(data), pages=list(pages), extraction_status="ok",
                              ingested_at=datetime(2026, 11, 1))
    session.add(version)
    session.flush()
    doc = Document(id=ident, title=title, file=f"{ident}.{'pdf' if pdf else 'txt'}", committee_id=committee,
                   meeting_date=MEETING if committee else None, meeting_session="public" if committee else None,
                   service=fields.pop("service", "property"), status="published",
                   declared={"exempt_paragraphs": [], "party_group": None, "flags": []} if declared is None else declared,
                   classified=classified or {}, current_version_id=version.id, updated_at=datetime(2026, 11, 1),
                   **fields)
    session.add(doc)
    return doc


def add_web_documents(gw) -> list[str]:
    with gw.sessions() as session, session.begin():
        store(gw, session, "doc-public", "Leisure centre opening hours", [PUBLIC_TEXT, "Appendix: the timetable."],
              pdf=True)
        store(gw, session, "doc-exempt", "Disposal of land at Mill Lane", [EXEMPT_TEXT, "Appendix: tenants."],
              pdf=True, declared={"exempt_paragraphs": [1], "party_group": None, "flags": []})
        store(gw, session, "doc-group", "Admin group budget tactics", ["Our group's tactics for the budget debate."],
              committee=None, declared={"exempt_paragraphs": [], "party_group": "grp-admin", "flags": []})
        store(gw, session, "doc-pool", "Swimming pool contract negotiation",
              ["Terms proposed by the bidders for the swimming pool contract."], matters=["m-pool"],
              declared={"exempt_paragraphs": [3], "party_group": None, "flags": ["contract_terms"]})
        store(gw, session, "doc-review", "Complaint about the leisure centre",
              ["A resident, Mrs Jane Example of 4 Mill Lane, complains about the leisure centre."],
              declared={}, classified={
                  "exempt_paragraphs": [1], "party_group": None, "flags": ["third_party_personal_data"],
                  "confidence": 0.55, "needs_review": True,
                  "evidence": [{"label": "personal-name", "text": "Mrs Jane Example of 4 Mill Lane", "page": 1}]})
        bump(session)
    ids = ["doc-public", "doc-exempt", "doc-group", "doc-pool", "doc-review"]
    gw.index.update(gw, ids)
    return ids


# Every page route about one document, as (method, suffix, form data): what hidden must answer as missing.
HIDDEN_REASON = "I need this to scrutinise the land disposal at committee"
DOCUMENT_ROUTES = [
    ("get", "", None),
    ("get", "/content", None),
    ("post", "/request", {"reason": HIDDEN_REASON, "capacity": "councillor"}),
    ("post", "/download", {"purpose": "Cabinet papers", "capacity": "councillor"}),
]


def build_app(data_dir, csrf: bool = True, database_url: str | None = None):
    """The pages' council and documents, served by a new app (SQLite in data_dir unless a database_url)."""
    settings = Settings(data_dir=data_dir, database_url=database_url)
    config = {"TESTING": True, "SESSION_COOKIE_SECURE": False, "GATEWAY_SETTINGS": settings}
    if not csrf:
        config["WTF_CSRF_ENABLED"] = False
    app = create_app(config)
    gw = app.extensions["gateway"]
    with gw.sessions() as session:
        load_council(session, write_yaml(data_dir / "council.yaml", web_council()))
    add_web_documents(gw)
    return app


@pytest.fixture
def app(tmp_path):
    """CSRF off, so the test client can post forms; test_csrf.py keeps one app with it on."""
    return build_app(tmp_path / "data", csrf=False)


@pytest.fixture
def csrf_app(tmp_path):
    return build_app(tmp_path / "data", csrf=True)


@pytest.fixture
def gw(app):
    return app.extensions["gateway"]


def without_csrf_token(body: bytes) -> bytes:
    """A page's bytes with its form token blanked: the token carries the second it was made, so two
    renderings of the same page differ across a second boundary."""
    return re.sub(rb'(name="csrf_token" value=")[^"]*"', rb'\1"', body)


def sign_in(client, username: str):
    response = client.post("/sign-in", data={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def bob(app):
    return sign_in(app.test_client(), "cllr-bob")


@pytest.fixture
def ann(app):
    return sign_in(app.test_client(), "cllr-ann")


@pytest.fixture
def mo(app):
    return sign_in(app.test_client(), "off-mo")


@pytest.fixture
def it(app):
    return sign_in(app.test_client(), "off-it")


@pytest.fixture
def auditor(app):
    return sign_in(app.test_client(), "off-aud")


@pytest.fixture
def clerk(app):
    return sign_in(app.test_client(), "off-clerk")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/web/browsing.py says how)."""
    from playwright.sync_api import sync_playwright

    from tests.web.browsing import ARGS, CHROMIUM

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()
