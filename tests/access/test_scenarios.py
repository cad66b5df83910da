"""The required scenarios every policy must pass before it is activated."""

from gateway.access import PolicyEnforcer
from gateway.access.scenarios import check_policy
from tests.factories import MODEL, POLICY

OWN_GROUP = "p, R-GROUP-OWN, own_group & !needs_review, grant, open, allow"


def test_the_default_policy_passes():
    assert check_policy(PolicyEnforcer(MODEL, POLICY.read_text())) == []


def test_a_policy_granting_a_group_label_under_review_fails():
    text = POLICY.read_text()
    assert OWN_GROUP in text
    failures = check_policy(PolicyEnforcer(MODEL, text.replace(OWN_GROUP, "p, R-GROUP-OWN, own_group, grant, open, allow")))
    assert failures and all("under review" in f and "R-GROUP-OWN" in f for f in failures)
