"""One case per rule of RULES.md, then the orderings between them."""

from datetime import date

import pytest

from gateway.access import NOBODY, decide
from tests.factories import make_document, make_member, make_officer, make_request, standing

D = make_document
M = make_member
R = make_request
LAB = "grp-opp"

CASES = {
    # id: (subject, document, request, (outcome, visibility, rule))
    "auth": (NOBODY, D(), R(), ("deny", "hidden", "R-AUTH")),
    "proper officer sees a group's papers": (
        make_officer(roles=("proper_officer",), service="legal"), D(party_group=LAB), R(),
        ("grant", "open", "R-PROPER-OFFICER")),
    "a deputy Proper Officer acts as the Proper Officer": (
        make_officer(roles=("deputy_proper_officer",), service="legal"), D(party_group=LAB), R(),
        ("grant", "open", "R-PROPER-OFFICER")),
    "service holder": (make_officer(service="property"), D(paragraphs=[3], service="property"), R(),
                       ("grant", "open", "R-SERVICE-HOLDER")),
    "officer, public": (make_officer(), D(), R(), ("grant", "open", "R-OFFICER-PUBLIC")),
    "officer, exempt": (make_officer(), D(paragraphs=[1]), R(), ("deny", "listed", "R-OFFICER-PUBLIC")),
    "officer, group paper is hidden": (make_officer(), D(party_group=LAB), R(), ("deny", "hidden", "R-OFFICER-PUBLIC")),
    "officer, draft is hidden": (make_officer(), D(status="draft"), R(), ("deny", "hidden", "R-OFFICER-PUBLIC")),
    "officer, embargoed is hidden": (make_officer(), D(status="embargoed", publish_on=date(2026, 12, 1)), R(),
                                     ("deny", "hidden", "R-OFFICER-PUBLIC")),
    "officer, embargo lifted": (make_officer(), D(status="embargoed", publish_on=date(2026, 11, 23)), R(),
                                ("grant", "open", "R-OFFICER-PUBLIC")),
    "other group": (M(), D(party_group=LAB), R(), ("deny", "hidden", "R-GROUP-OTHER")),
    "member with no group, group paper": (M(group=None), D(party_group=LAB), R(), ("deny", "hidden", "R-GROUP-OTHER")),
    "nfp other": (M(), D(nfp_to="cllr-z"), R(), ("deny", "hidden", "R-NFP-OTHER")),
    "casework other": (M(), D(casework_of="cllr-z"), R(), ("deny", "hidden", "R-CASEWORK-OTHER")),
    "admin draft, opposition": (M(group=LAB), D(status="draft", admin_only=True), R(),
                                ("deny", "hidden", "R-DRAFT-ADMIN-OTHER")),
    "admin-only published, opposition": (M(group=LAB), D(admin_only=True), R(),
                                         ("deny", "hidden", "R-DRAFT-ADMIN-OTHER")),
    "draft": (M(), D(status="draft"), R(), ("deny", "hidden", "R-DRAFT")),
    "embargoed": (M(), D(status="embargoed", publish_on=date(2026, 12, 1)), R(), ("deny", "hidden", "R-DRAFT")),
    "embargo without a date never lifts": (M(), D(status="embargoed"), R(), ("deny", "hidden", "R-DRAFT")),
    "private capacity, public": (M(), D(), R(capacity="private"), ("grant", "open", "R-PRIVATE-CAPACITY")),
    "private capacity, exempt": (M(seats={"cabinet": "member"}), D(paragraphs=[3]), R(capacity="private"),
                                 ("deny", "listed", "R-PRIVATE-CAPACITY")),
    "interest, public": (M(interest_in="m-pool"), D(matters=["m-pool"]), R(), ("grant", "open", "R-INTEREST")),
    "interest, exempt": (M(interest_in="m-pool", seats={"cabinet": "member"}), D(matters=["m-pool"], paragraphs=[3]),
                         R(), ("deny", "listed", "R-INTEREST")),
    "professional interest": (M(interest_in="m-pool", interest_kind="professional", seats={"cabinet": "member"}),
                              D(matters=["m-pool"], paragraphs=[3]), R(), ("deny", "listed", "R-INTEREST")),
    "own group": (M(group=LAB), D(party_group=LAB), R(), ("grant", "open", "R-GROUP-OWN")),
    "own group draft": (M(group=LAB), D(party_group=LAB, status="draft"), R(), ("grant", "open", "R-GROUP-OWN")),
    "own group, label under review": (M(group=LAB), D(party_group=LAB, needs_review=True), R(),
                                      ("refer", "listed", "R-REVIEW")),
    "other group, label under review": (M(), D(party_group=LAB, needs_review=True), R(),
                                        ("deny", "hidden", "R-GROUP-OTHER")),
    "nfp addressee": (M(), D(nfp_to="cllr-a", paragraphs=[3]), R(), ("grant", "open", "R-NFP-ADDRESSEE")),
    "own casework": (M(), D(casework_of="cllr-a", flags=["third_party_personal_data"]), R(),
                     ("grant", "open", "R-CASEWORK-OWN")),
    "admin draft, administration": (M(), D(status="draft", admin_only=True), R(), ("grant", "open", "R-DRAFT-ADMIN")),
    "embargo, chair": (M(chair_of="cabinet"), D(status="embargoed", publish_on=date(2026, 12, 1)), R(),
                       ("grant", "open", "R-EMBARGO-CHAIR")),
    "embargo, vice chair": (M(seats={"cabinet": "vice_chair"}), D(status="embargoed", publish_on=date(2026, 12, 1)),
                            R(), ("grant", "open", "R-EMBARGO-CHAIR")),
    "embargo, ordinary member is not enough": (M(seats={"cabinet": "member"}),
                                               D(status="embargoed", publish_on=date(2026, 12, 1)), R(),
                                               ("deny", "hidden", "R-DRAFT")),
    "embargo, portfolio holder": (M(holds=["leisure"]),
                                  D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure"), R(),
                                  ("grant", "open", "R-EMBARGO-CHAIR")),
    "embargo, opposition spokesperson is not enough": (
        M(group=LAB, portfolios=["leisure"]), D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure"),
        R(), ("deny", "hidden", "R-DRAFT")),
    "embargo, another portfolio's holder is not enough": (
        M(holds=["housing"]), D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure"), R(),
        ("deny", "hidden", "R-DRAFT")),
    "draft, portfolio holder is not enough": (M(holds=["leisure"]), D(status="draft", portfolio="leisure"), R(),
                                              ("deny", "hidden", "R-DRAFT")),
    "public": (M(), D(), R(), ("grant", "open", "R-PUBLIC")),
    "po grant": (M(), D(paragraphs=[1]), R(standing=standing("grant")), ("grant", "open", "R-PO-GRANT")),
    "po grant until today": (M(), D(paragraphs=[1]), R(standing=standing("grant", until=date(2026, 11, 23))),
                             ("grant", "open", "R-PO-GRANT")),
    "po grant expired": (M(), D(paragraphs=[1]), R(standing=standing("grant", until=date(2026, 11, 22))),
                         ("refer", "listed", "R-NEED-TO-KNOW")),
    "review": (M(seats={"cabinet": "member"}), D(needs_review=True), R(), ("refer", "listed", "R-REVIEW")),
    "mo correspondence": (M(), D(committee=None, flags=["monitoring_officer_correspondence"]), R(),
                          ("refer", "listed", "R-MO-CORRESPONDENCE")),
    "committee": (M(seats={"cabinet": "substitute"}), D(paragraphs=[1]), R(), ("grant", "open", "R-COMMITTEE")),
    "council committee: every member sits on it": (M(), D(committee="council", kind="council", paragraphs=[1]), R(),
                                                   ("grant", "open", "R-COMMITTEE")),
    "portfolio holder": (M(portfolios=["leisure"]), D(portfolio="leisure", paragraphs=[3]), R(),
                         ("grant", "open", "R-PORTFOLIO")),
    "scrutiny programme": (M(group=LAB, scrutiny_matters=["m-pool"]), D(matters=["m-pool"], paragraphs=[3]), R(),
                           ("grant", "open", "R-SCRUTINY")),
    "scrutiny, not on the programme": (M(group=LAB, scrutiny_matters=["m-other"]), D(matters=["m-pool"], paragraphs=[1]),
                                       R(), ("refer", "listed", "R-NEED-TO-KNOW")),
    "scrutiny, not executive": (M(group=LAB, scrutiny_matters=["m-pool"]),
                                D(committee="planning", kind="regulatory", matters=["m-pool"], paragraphs=[1]), R(),
                                ("refer", "listed", "R-NEED-TO-KNOW")),
    "scrutiny, a portfolio holder's decision with no committee": (
        M(group=LAB, scrutiny_matters=["m-pool"]),
        D(committee=None, executive_decision=True, matters=["m-pool"], paragraphs=[3]), R(),
        ("grant", "open", "R-SCRUTINY")),
    "scrutiny, a paper with no committee that records no executive decision": (
        M(group=LAB, scrutiny_matters=["m-pool"]), D(committee=None, matters=["m-pool"], paragraphs=[3]), R(),
        ("refer", "listed", "R-NEED-TO-KNOW")),
    "after meeting": (M(), D(session="private", meeting=date(2026, 11, 30)), R(), ("deny", "listed", "R-AFTER-MEETING")),
    "meeting day itself is not over": (M(), D(session="private", meeting=date(2026, 11, 23)), R(),
                                       ("deny", "listed", "R-AFTER-MEETING")),
    "private meeting held yesterday": (M(), D(session="private", meeting=date(2026, 11, 22)), R(),
                                       ("grant", "open", "R-PUBLIC")),
    "released: the exemption lapses on the release date": (
        M(), D(committee="planning", kind="regulatory", paragraphs=[1], flags=["third_party_personal_data"],
               needs_review=True, release_on=date(2026, 11, 23)), R(), ("grant", "open", "R-PUBLIC")),
    "released: not the day before": (M(), D(committee="planning", kind="regulatory", paragraphs=[1],
                                            release_on=date(2026, 11, 24)), R(), ("refer", "listed", "R-NEED-TO-KNOW")),
    "released: an officer may see it": (make_officer(), D(paragraphs=[1], release_on=date(2026, 11, 1)), R(),
                                       ("grant", "open", "R-OFFICER-PUBLIC")),
    "released: a private meeting's paper before the meeting": (
        M(), D(session="private", meeting=date(2026, 11, 30), paragraphs=[3], release_on=date(2026, 11, 1)), R(),
        ("grant", "open", "R-PUBLIC")),
    "released: another group's paper stays hidden": (M(), D(party_group=LAB, release_on=date(2026, 11, 1)), R(),
                                                     ("deny", "hidden", "R-GROUP-OTHER")),
    "employee": (M(), D(committee=None, flags=["employee_matter"]), R(), ("refer", "listed", "R-EMPLOYEE")),
    "not withholdable: paragraph 6": (M(), D(committee="planning", kind="regulatory", paragraphs=[6]), R(),
                                      ("grant", "open", "R-NOT-WITHHOLDABLE")),
    "not withholdable: paragraph 3 without contract terms": (
        M(), D(committee="planning", kind="regulatory", paragraphs=[3]), R(), ("grant", "open", "R-NOT-WITHHOLDABLE")),
    "paragraph 3 contract terms is withholdable": (
        M(), D(committee="planning", kind="regulatory", paragraphs=[3], flags=["contract_terms"]), R(),
        ("refer", "listed", "R-NEED-TO-KNOW")),
    "not a meeting paper": (M(), D(committee=None, paragraphs=[6]), R(), ("refer", "listed", "R-NEED-TO-KNOW")),
    "need to know": (M(), D(committee="planning", kind="regulatory", paragraphs=[1]), R(),
                     ("refer", "listed", "R-NEED-TO-KNOW")),
    "po refused": (M(), D(paragraphs=[1]), R(standing=standing("deny")), ("deny", "listed", "R-PO-REFUSED")),
    "no reason": (M(), D(paragraphs=[1]), R(reason=""), ("deny", "listed", "R-NO-REASON")),
    "three words is not a reason": (M(), D(paragraphs=[1]), R(reason="for my ward"), ("deny", "listed", "R-NO-REASON")),
    "curiosity is not a reason": (M(), D(paragraphs=[1]), R(reason="I am just interested in this report"),
                                  ("deny", "listed", "R-NO-REASON")),
    "nosy is not a reason": (M(), D(paragraphs=[1]), R(reason="Being NOSY about what happened here"),
                             ("deny", "listed", "R-NO-REASON")),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(enforcer, name):
    sub, doc, req, expected = CASES[name]
    decision = decide(enforcer, sub, doc, req)
    assert (decision.outcome, decision.visibility, decision.rule) == expected
    assert decision.reasons and all(decision.reasons)


ORDERINGS = {
    "interest before committee membership": (
        M(interest_in="m-pool", seats={"cabinet": "member"}), D(matters=["m-pool"], paragraphs=[1]), R(), "R-INTEREST"),
    "interest before own group": (M(group=LAB, interest_in="m-pool"), D(party_group=LAB, matters=["m-pool"]), R(),
                                  "R-INTEREST"),
    "another group's paper is hidden before interest": (
        M(interest_in="m-pool"), D(party_group=LAB, matters=["m-pool"]), R(), "R-GROUP-OTHER"),
    "private capacity before own group": (M(group=LAB), D(party_group=LAB), R(capacity="private"), "R-PRIVATE-CAPACITY"),
    "other group before everything for members": (
        M(chair_of="cabinet", portfolios=["leisure"]), D(party_group=LAB, portfolio="leisure"), R(), "R-GROUP-OTHER"),
    "embargo hides before committee": (M(seats={"cabinet": "member"}), D(status="embargoed", publish_on=date(2027, 1, 1)),
                                       R(), "R-DRAFT"),
    "own group's label under review before committee": (
        M(group=LAB, seats={"cabinet": "member"}), D(party_group=LAB, needs_review=True, paragraphs=[1]), R(),
        "R-REVIEW"),
    "po grant before review of an own group's label": (M(group=LAB), D(party_group=LAB, needs_review=True),
                                                       R(standing=standing("grant")), "R-PO-GRANT"),
    "interest before the portfolio holder's early view": (
        M(holds=["leisure"], interest_in="m-pool"),
        D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure", matters=["m-pool"]), R(),
        "R-INTEREST"),
    "portfolio holder's early view before committee": (
        M(holds=["leisure"], seats={"cabinet": "member"}),
        D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure", paragraphs=[1]), R(),
        "R-EMBARGO-CHAIR"),
    "review before committee": (M(seats={"cabinet": "member"}), D(needs_review=True, paragraphs=[1]), R(), "R-REVIEW"),
    "po grant before review": (M(), D(needs_review=True), R(standing=standing("grant")), "R-PO-GRANT"),
    "refusal never overrides a grant": (M(seats={"cabinet": "member"}), D(paragraphs=[1]),
                                        R(standing=standing("deny")), "R-COMMITTEE"),
    "refusal before missing reason": (M(), D(paragraphs=[1]), R(reason="", standing=standing("deny")), "R-PO-REFUSED"),
    "missing reason only matters for referrals": (M(), D(), R(reason=""), "R-PUBLIC"),
    "after meeting before employee": (M(), D(session="private", meeting=date(2026, 12, 1)), R(), "R-AFTER-MEETING"),
    "committee member may see a pending private paper": (
        M(seats={"cabinet": "member"}), D(session="private", meeting=date(2026, 12, 1), paragraphs=[3]), R(),
        "R-COMMITTEE"),
    "portfolio before scrutiny": (M(portfolios=["leisure"], scrutiny_matters=["m-pool"]),
                                  D(portfolio="leisure", matters=["m-pool"], paragraphs=[1]), R(), "R-PORTFOLIO"),
    "mo correspondence before committee": (M(seats={"cabinet": "member"}),
                                           D(flags=["monitoring_officer_correspondence"]), R(), "R-MO-CORRESPONDENCE"),
    "employee before not-withholdable": (M(), D(paragraphs=[6], flags=["employee_matter"]), R(), "R-EMPLOYEE"),
    "draft hidden even from the committee chair": (M(chair_of="cabinet"), D(status="draft"), R(), "R-DRAFT"),
    "officer rules before member rules": (make_officer(service="legal", roles=("proper_officer",)),
                                          D(status="draft"), R(), "R-PROPER-OFFICER"),
}


@pytest.mark.parametrize("name", ORDERINGS)
def test_ordering(enforcer, name):
    sub, doc, req, rule = ORDERINGS[name]
    assert decide(enforcer, sub, doc, req).rule == rule


def test_action_never_changes_the_outcome(enforcer):
    doc = D(paragraphs=[1])
    answers = {decide(enforcer, M(), doc, R(action=a)) for a in ("discover", "read", "download")}
    assert len(answers) == 1


def test_interest_reason_names_the_matter(enforcer):
    sub = M(interest_in="m-pool", seats={"cabinet": "member"})
    doc = D(matters=["m-pool"], paragraphs=[3])
    reason = decide(enforcer, sub, doc, R()).reasons[0]
    assert "pecuniary interest in m-pool" in reason and "para 9" in reason


def test_refusal_cites_the_proper_officers_reasons(enforcer):
    decision = decide(enforcer, M(), D(paragraphs=[1]), R(standing=standing("deny", reasons="Not needed for scrutiny")))
    assert "Not needed for scrutiny" in decision.reasons[0]


def test_the_portfolio_holders_early_view_says_so(enforcer):
    doc = D(status="embargoed", publish_on=date(2026, 12, 1), portfolio="leisure")
    reason = decide(enforcer, M(holds=["leisure"]), doc, R()).reasons[0]
    assert "1 December 2026" in reason and "portfolio" in reason
