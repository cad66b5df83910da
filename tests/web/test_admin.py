"""IT's pages: council upload (all or nothing), browsing, the policy with dry run, versions and revert,
ingestion status (details to admins only) and the audit log with filters, export and verify."""

import html
import io
import json
import re

import yaml
from sqlalchemy import select, update

from gateway.domain.audit import Entry
from gateway.domain.models import AuditRecord, DocumentVersion, Member, PolicyVersion
from tests.web.conftest import web_council


def text(response) -> str:
    return response.get_data(as_text=True)


def plain(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text(response))).split())


def upload(client, data: dict, name="council.yaml"):
    body = yaml.safe_dump(data, sort_keys=False).encode("utf-8")
    return client.post("/admin/council", data={"file": (io.BytesIO(body), name)},
                       content_type="multipart/form-data")


def test_council_upload_names_the_entry_and_field_and_changes_nothing(it, gw):
    data = web_council()
    data["members"].append({"id": "cllr-new", "name": "Cllr New", "group": "grp-nonesuch"})
    data["members"][0]["name"] = "Cllr Ann Renamed"
    response = upload(it, data)
    assert response.status_code == 400
    page = plain(response)
    assert "There is a problem" in page
    assert re.search(r"council\.yaml: members\[2\].*group", page), page
    assert "/tmp" not in page and "council-upload-" not in page
    with gw.sessions() as session:
        assert session.get(Member, "cllr-new") is None
        assert session.get(Member, "cllr-ann").name == "Cllr Ann Able"


def confirm(client, preview):
    """Posts the preview page's confirmation form, as its button would."""
    page = text(preview)
    fields = dict(re.findall(r'<input[^>]*name="(staged|name)"[^>]*value="([^"]*)"', page))
    assert set(fields) == {"staged", "name"}, page
    return client.post("/admin/council/apply", data=fields)


def test_council_upload_loads_and_is_audited(it, gw):
    data = web_council()
    data["members"].append({"id": "cllr-cat", "name": "Cllr Cat Cole", "group": "grp-opp"})
    preview = upload(it, data, name="council.yml")
    assert preview.status_code == 200 and "Check the changes before loading" in plain(preview)
    response = confirm(it, preview)
    assert response.status_code == 302
    assert "The council file is loaded: 2 groups" in plain(it.get(response.headers["Location"]))
    assert "Cllr Cat Cole" in plain(it.get("/admin/members"))
    assert gw.audit.records(event="council_loaded")[-1]["actor"] == "off-it"
    wrong_type = it.post("/admin/council", data={"file": (io.BytesIO(b"x"), "council.txt")},
                         content_type="multipart/form-data")
    assert wrong_type.status_code == 400 and "must be YAML" in text(wrong_type)


def test_council_upload_shows_each_change_and_loads_only_when_confirmed(it, gw):
    # loaded once through the pages, so the stored password hashes carry the tags that tell them unchanged
    assert confirm(it, upload(it, web_council())).status_code == 302
    data = web_council()
    data["members"].append({"id": "cllr-cat", "name": "Cllr Cat Cole", "group": "grp-opp", "password": "pw-cat-1234"})
    data["members"][1]["interests"] = []                       # Bob's interest removed
    data["members"][0]["committees"][0]["role"] = "vice_chair"  # Ann no longer chairs Cabinet
    data["members"][0]["password"] = "a-new-password-1"
    data["officers"] = [o for o in data["officers"] if o["id"] != "off-clerk"]
    preview = upload(it, data)
    assert preview.status_code == 200
    page = plain(preview)
    assert "1 entry added" in page and "2 entries changed" in page and "1 not in the file" in page, page
    rows = [plain_row for plain_row in re.findall(r"<tr>(.*?)</tr>", text(preview), re.S)]
    cells = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", r)).split()) for r in rows]
    assert "Members cllr-cat Added name Cllr Cat Cole" in cells
    assert "Members cllr-ann Changed committees committee: cabinet, role: chair committee: cabinet, role: vice_chair" \
        in cells
    assert "Members cllr-ann Changed password changed (never shown)" in cells
    assert "Members cllr-bob Changed interests kind: pecuniary, matter: m-pool, description: Owns a pool supplier none" \
        in cells
    assert "Officers off-clerk Not in the file (kept)" in cells
    assert "pw-cat-1234" not in text(preview) and "a-new-password-1" not in text(preview)
    assert not any("cllr-bob Changed password" in c for c in cells)  # unchanged passwords are not re-hashed
    with gw.sessions() as session:                              # nothing changed yet
        assert session.get(Member, "cllr-cat") is None and len(session.get(Member, "cllr-bob").interests) == 1
    assert len(gw.audit.records(event="council_loaded")) == 1
    assert confirm(it, preview).status_code == 302
    with gw.sessions() as session:
        assert session.get(Member, "cllr-cat").name == "Cllr Cat Cole"
        assert session.get(Member, "cllr-bob").interests == []
    again = plain(upload(it, data))
    assert "0 entries added" in again and "0 entries changed" in again and "Loading this file changes nothing" in again
    stale = it.post("/admin/council/apply", data={"staged": "0" * 64 + ".yaml", "name": "council.yaml"})
    assert "no longer kept" in plain(it.get(stale.headers["Location"]))


def test_browse_members_committees_groups_and_interests(auditor):
    assert "Cllr Bob Brown" in plain(auditor.get("/admin/members"))
    member = plain(auditor.get("/admin/members/cllr-bob"))
    assert "Opposition Group" in member and "Scrutiny Committee (member)" in member
    assert "Owns a pool supplier" in plain(auditor.get("/admin/interests"))
    committees = plain(auditor.get("/admin/committees"))
    assert "Cabinet" in committees and "Cllr Ann Able (chair)" in committees
    assert "Swimming pool contract" in committees       # the scrutiny work programme
    groups = plain(auditor.get("/admin/groups"))
    assert "Admin Party Group Administration" in groups
    assert "Upload the council file" not in plain(auditor.get("/admin/"))


def test_policy_page_shows_the_model_lines_and_versions(auditor, gw):
    page = plain(auditor.get("/admin/policy"))
    assert "[matchers]" in page and "p, R-PUBLIC, public, grant, open, allow" in page
    assert "Version 1" in page and "Change the policy" not in page


def test_policy_change_is_checked_dry_run_then_activated_and_reverted(it, bob, gw):
    bob.get("/documents/doc-pool")                        # a past decision: R-INTEREST refuses Bob
    active = gw.active_policy().text
    changed = active.replace("p, R-INTEREST, interest, deny, listed, deny", "p, R-INTEREST, interest, refer, listed, deny")

    bad = it.post("/admin/policy/edit", data={"text": active.replace("grant, open, allow", "grant, opne, allow", 1),
                                              "note": "typo", "action": "check"})
    assert bad.status_code == 400 and "There is a problem" in text(bad) and "visibility" in text(bad)
    no_note = it.post("/admin/policy/edit", data={"text": changed, "note": "", "action": "check"})
    assert no_note.status_code == 400 and "Enter why you are changing the policy" in text(no_note)

    check = it.post("/admin/policy/edit", data={"text": changed, "note": "Let them ask", "action": "check"})
    page = plain(check)
    assert check.status_code == 200
    assert "1 past decision in the audit log would be decided differently" in page
    assert re.search(r"cllr-bob doc-pool deny R-INTEREST deny R-NO-REASON", page), page
    digest = re.search(r'name="checked" value="([0-9a-f]{64})"', text(check)).group(1)
    assert gw.active_policy().text == active              # nothing changes until activated

    # Activating text other than what was checked is refused: it must be checked again.
    stale = it.post("/admin/policy/edit", data={"text": changed + "\n# more", "note": "Let them ask",
                                                "action": "activate", "checked": digest})
    assert stale.status_code == 400 and "check the changes again" in text(stale)
    done = it.post("/admin/policy/edit", data={"text": changed, "note": "Let them ask", "action": "activate",
                                               "checked": digest})
    assert done.status_code == 302
    assert gw.active_policy().text == changed
    assert "Rule R-INTEREST, then R-NO-REASON" in text(bob.get("/documents/doc-pool"))

    version_one = plain(it.get("/admin/policy/versions/1"))
    assert "Dry run" in version_one and "Revert to version 1" in version_one
    reverted = it.post("/admin/policy/versions/1/revert")
    assert reverted.status_code == 302
    assert "active again, as version 3" in plain(it.get(reverted.headers["Location"]))
    assert gw.active_policy().text == active
    with gw.sessions() as session:
        assert [v.id for v in session.scalars(select(PolicyVersion))] == [1, 2, 3]
    changes = [r for r in gw.audit.records(event="policy_change")]
    assert [r["detail"]["version"] for r in changes] == [2, 3] and {r["actor"] for r in changes} == {"off-it"}


def test_ingestion_status_details_go_to_admins_only(it, auditor, mo, gw):
    with gw.sessions() as session, session.begin():
        session.execute(update(DocumentVersion).where(DocumentVersion.document_id == "doc-review")
                        .values(extraction_status="needs_review", extraction_reason="unreadable: encrypted PDF"))
    gw.audit.append(Entry("ingest", detail={"folder": "/srv/papers", "ingested": 4, "updated": 0, "unchanged": 0,
                                            "needs_review": [], "failed": [{"file": "broken.pdf",
                                                                            "reason": "broken.pdf: not a PDF"}]}))
    admin = plain(it.get("/admin/ingestion"))
    assert "Complaint about the leisure centre" in admin and "unreadable: encrypted PDF" in admin
    assert "broken.pdf: not a PDF" in admin
    for client in (auditor, mo):
        page = plain(client.get("/admin/ingestion"))
        assert "Need review 1" in page and "Text could not be read 1" in page
        assert "Complaint about the leisure centre" not in page and "doc-review" not in page
        assert "broken.pdf" not in page


def test_audit_log_filters_exports_and_verifies(auditor, bob, gw):
    bob.get("/documents/doc-public")
    page = plain(auditor.get("/admin/audit?document=doc-public&event=decision"))
    assert "decision Cllr Bob Brown cllr-bob doc-public grant R-PUBLIC" in page
    assert "signin" not in page.split("Outcome Details", 1)[1]
    csv = auditor.get("/admin/audit/export?format=csv")
    assert csv.mimetype == "text/csv" and csv.headers["Content-Disposition"].startswith("attachment")
    assert text(csv).splitlines()[0] == "seq,at,event,actor,document,outcome,rule,detail,prev_hash,hash"
    lines = [json.loads(line) for line in text(auditor.get("/admin/audit/export?format=jsonl")).splitlines()]
    assert [r["seq"] for r in lines] == list(range(1, len(lines) + 1))
    assert auditor.get("/admin/audit/export?format=xml").status_code == 400
    assert "The log is intact" in plain(auditor.get("/admin/audit/verify"))
    with gw.sessions() as session, session.begin():
        session.execute(update(AuditRecord).where(AuditRecord.seq == 2).values(actor="someone-else"))
    broken = plain(auditor.get("/admin/audit/verify"))
    assert "The log has been tampered with" in broken and "record 2 was changed" in broken


def test_bad_audit_filter_is_an_error(auditor):
    response = auditor.get("/admin/audit?since=yesterday")
    assert response.status_code == 400 and "From date must be a real date" in text(response)



def test_the_outbox_page_shows_waiting_and_failed_notices_without_their_text(it, bob, gw):
    from gateway.services import referrals as referral_service

    with gw.sessions() as session:
        referral_service.request_access(gw, session, "cllr-bob", "doc-exempt",
                                        "I need this for the scrutiny review of the land sale")
    page = it.get("/admin/notices").get_data(as_text=True)
    assert "E-mail is not configured" in page and "1 waiting" in page and "request arrived" in page
    assert "Disposal of land at Mill Lane" not in page
