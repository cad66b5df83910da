"""Invariants that hold for every member, document and request (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.access import decide
from gateway.access.predicates import public
from tests.factories import make_document, make_member, make_request, standing

GROUPS = st.sampled_from([None, "grp-admin", "grp-opp", "grp-third"])
MEMBERS = st.sampled_from(["cllr-a", "cllr-b"])
DAYS = st.integers(min_value=-30, max_value=30).map(lambda n: date(2026, 11, 23) + timedelta(days=n))

members = st.builds(
    make_member, id=MEMBERS, group=GROUPS,
    seats=st.dictionaries(st.sampled_from(["cabinet", "planning", "osc"]),
                          st.sampled_from(["member", "chair", "vice_chair", "substitute"]), max_size=3),
    scrutiny_matters=st.sets(st.sampled_from(["m-1", "m-2"])), portfolios=st.sets(st.sampled_from(["p-1", "p-2"])),
    holds=st.sets(st.sampled_from(["p-1", "p-2"])),
    interest_in=st.sampled_from([None, "m-1", "m-2"]), interest_kind=st.sampled_from(["pecuniary", "professional"]),
)
documents = st.builds(
    make_document, committee=st.sampled_from([None, "cabinet", "planning", "council"]),
    kind=st.sampled_from(["executive", "regulatory", "council"]), meeting=DAYS,
    session=st.sampled_from(["public", "private"]), paragraphs=st.sets(st.integers(1, 7), max_size=3),
    party_group=GROUPS, flags=st.sets(st.sampled_from(
        ["monitoring_officer_correspondence", "employee_matter", "third_party_personal_data", "contract_terms"])),
    needs_review=st.booleans(), status=st.sampled_from(["published", "embargoed", "draft"]),
    publish_on=st.one_of(st.none(), DAYS), admin_only=st.booleans(), nfp_to=st.sampled_from([None, "cllr-a", "cllr-b"]),
    casework_of=st.sampled_from([None, "cllr-a", "cllr-b"]), portfolio=st.sampled_from([None, "p-1", "p-2"]),
    matters=st.sets(st.sampled_from(["m-1", "m-2"])), executive_decision=st.booleans(),
    release_on=st.one_of(st.none(), DAYS),
)
requests = st.builds(
    make_request, at=DAYS, capacity=st.sampled_from(["councillor", "private"]),
    reason=st.sampled_from(["", "curious", "I need it for the scrutiny review of this contract"]),
    action=st.sampled_from(["discover", "read", "download"]),
    standing=st.one_of(st.none(), st.builds(standing, outcome=st.sampled_from(["grant", "deny"]), until=st.one_of(st.none(), DAYS))),
)


@settings(max_examples=600, deadline=None)
@given(members, documents, requests)
def test_no_member_is_granted_or_shown_another_groups_internal_document(enforcer, sub, doc, req):
    decision = decide(enforcer, sub, doc, req)
    if doc.party_group is not None and doc.party_group != sub.group:
        assert (decision.outcome, decision.visibility) == ("deny", "hidden")


@settings(max_examples=600, deadline=None)
@given(members, documents, requests)
def test_a_grant_is_open_and_anything_else_is_not(enforcer, sub, doc, req):
    decision = decide(enforcer, sub, doc, req)
    assert (decision.outcome == "grant") == (decision.visibility == "open")
    assert decision.outcome in ("grant", "deny", "refer")


@settings(max_examples=600, deadline=None)
@given(members, documents, requests)
def test_private_capacity_never_gets_more_than_the_public(enforcer, sub, doc, req):
    # R-PRIVATE-CAPACITY (000:11.3): a private individual's access, so only public documents open.
    private = make_request(at=req.at, capacity="private", standing=req.standing)
    if decide(enforcer, sub, doc, private).outcome == "grant":
        assert public(sub, doc, private)


@settings(max_examples=600, deadline=None)
@given(members, documents, requests)
def test_others_casework_and_addressed_papers_stay_hidden(enforcer, sub, doc, req):
    decision = decide(enforcer, sub, doc, req)
    if (doc.casework_of and doc.casework_of != sub.id) or (doc.not_for_publication_to and doc.not_for_publication_to != sub.id):
        assert decision.visibility == "hidden"


@settings(max_examples=300, deadline=None)
@given(members, documents, requests)
def test_a_referral_always_carries_a_reason_that_counts(enforcer, sub, doc, req):
    decision = decide(enforcer, sub, doc, req)
    if decision.outcome == "refer":
        assert len(req.reason.split()) >= 4 and "curious" not in req.reason


@settings(max_examples=300, deadline=None)
@given(members, documents, requests)
def test_a_group_label_under_review_is_never_granted_as_the_groups_own(enforcer, sub, doc, req):
    # R-GROUP-OWN grants on a settled label only; under review it is R-REVIEW's to refer.
    if doc.needs_review:
        assert decide(enforcer, sub, doc, req).rule != "R-GROUP-OWN"
