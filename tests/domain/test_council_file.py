"""Loading the council file: upsert by id, and a bad file names file, entry and field and changes nothing."""

import json

import pytest
from sqlalchemy import func, select

from gateway.config import Settings
from gateway.domain.accounts import find_account
from gateway.domain.clock import utcnow
from gateway.domain.council_file import load_council
from gateway.domain.errors import InputError
from gateway.domain.models import Interest, Member, Officer, Seat
from gateway.domain.notices import proper_officers
from gateway.passwords import verify_password
from gateway.runtime import Gateway
from tests.factories import council_data, write_yaml


@pytest.fixture
def gw(tmp_path, database_url):
    gateway = Gateway(Settings(data_dir=tmp_path / "data", database_url=database_url))
    gateway.init()
    return gateway


def _load(gw, path):
    with gw.sessions() as session:
        return load_council(session, path)


def _count(gw, model):
    with gw.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_loads_every_section_and_hashes_passwords(gw, tmp_path):
    counts = _load(gw, write_yaml(tmp_path / "council.yaml", council_data()))
    assert counts == {"groups": 2, "committees": 3, "portfolios": 1, "matters": 1, "members": 2, "officers": 1}
    with gw.sessions() as session:
        ann = session.get(Member, "cllr-ann")
        assert [(s.committee_id, s.role) for s in ann.seats] == [("cabinet", "chair")]
        assert ann.password_hash != "pw-ann-123" and verify_password(ann.password_hash, "pw-ann-123")
        assert session.get(Officer, "off-mo").roles == ["proper_officer"]


def test_loading_twice_changes_nothing_and_json_works_too(gw, tmp_path):
    _load(gw, write_yaml(tmp_path / "council.yaml", council_data()))
    path = tmp_path / "council.json"
    path.write_text(json.dumps(council_data()))
    _load(gw, path)
    assert (_count(gw, Member), _count(gw, Seat), _count(gw, Interest)) == (2, 2, 1)


def test_a_reload_replaces_a_members_seats_and_interests(gw, tmp_path):
    _load(gw, write_yaml(tmp_path / "council.yaml", council_data()))
    data = council_data()
    data["members"][1]["committees"] = []
    data["members"][1]["interests"] = []
    _load(gw, write_yaml(tmp_path / "council2.yaml", data))
    with gw.sessions() as session:
        bob = session.get(Member, "cllr-bob")
        assert bob.seats == [] and bob.interests == []


def _broken(section, index, **changes):
    data = council_data()
    data[section][index].update(changes)
    return data


BAD_FILES = {
    "unknown committee": (_broken("members", 0, committees=[{"committee": "nowhere", "role": "member"}]),
                          "members[0] (cllr-ann): field 'committees[0].committee': unknown committee 'nowhere'"),
    "duplicate id": (council_data(members=[council_data()["members"][0], council_data()["members"][0]]),
                     "members[1] (cllr-ann): field 'id': duplicate id 'cllr-ann'"),
    "wrong role": (_broken("members", 0, committees=[{"committee": "cabinet", "role": "boss"}]),
                   "field 'committees[0].role': 'boss' is not one of"),
    "missing name": (_broken("officers", 0, name=None), "officers[0] (off-mo): field 'name': missing"),
    "unknown interest matter": (_broken("members", 1, interests=[{"kind": "pecuniary", "matter": "m-x"}]),
                                "field 'interests[0].matter': unknown matter 'm-x'"),
    "unknown interest kind": (_broken("members", 1, interests=[{"kind": "huge", "matter": "m-pool"}]),
                              "field 'interests[0].kind'"),
    "committee kind": (_broken("committees", 0, kind="club"), "committees[0] (council): field 'kind'"),
    "unknown group": (_broken("members", 0, group="grp-x"), "field 'group': unknown group 'grp-x'"),
    "officer role": (_broken("officers", 0, roles=["king"]), "officers[0] (off-mo): field 'roles[0]': 'king' is not one of"),
    "no officer role": (_broken("officers", 0, roles=[]), "officers[0] (off-mo): field 'roles': missing"),
    # types are strict: text that looks like a boolean or a number is not one, and the reverse
    "string paragraph": (council_data(council={**council_data()["council"], "withholdable_paragraphs": [1, "3"]}),
                         "council: field 'withholdable_paragraphs[1]': must be a whole number, not '3'"),
    "boolean paragraph": (council_data(council={**council_data()["council"], "withholdable_paragraphs": [True]}),
                          "field 'withholdable_paragraphs[0]': must be a whole number, not True"),
    "string boolean list": (_broken("members", 0, portfolio_holder="false"),
                            "members[0] (cllr-ann): field 'portfolio_holder': must be a list, not 'false'"),
    "boolean group": (_broken("members", 0, group=False), "field 'group': False is not an id"),
    "boolean name": (_broken("members", 0, name=True), "members[0] (cllr-ann): field 'name': must be text, not True"),
    "string switch": (council_data(council={**council_data()["council"], "tell_holders_of_requests": "yes"}),
                      "council: field 'tell_holders_of_requests': must be true or false, not 'yes'"),
    "numbering": (council_data(council={**council_data()["council"], "numbering": "scotland"}),
                  "council: field 'numbering': 'scotland' is not one of england, wales, pre-2006"),
    "paragraph of another numbering": (
        council_data(council={**council_data()["council"], "numbering": "wales"}),
        "council: field 'withholdable_paragraphs[0]': wales numbering has no paragraph 1"),
    # ids name files, URLs and audit records: a safe shape only, and a message stays one line
    "path id": (_broken("members", 0, id="../../etc/passwd"),
                "members[0]: field 'id': '../../etc/passwd' is not an id"),
    "numeric id": (_broken("groups", 0, id=12), "groups[0]: field 'id': 12 is not an id"),
    "newline id": (_broken("officers", 0, id="off\nmo"), "officers[0]: field 'id': 'off\\nmo' is not an id"),
    "long id": (_broken("members", 1, id="c" * 101), "members[1]: field 'id': 'cccccccc"),
    "unsafe reference": (_broken("members", 0, committees=[{"committee": "../cabinet"}]),
                         "field 'committees[0].committee': '../cabinet' is not an id"),
    "long name": (_broken("members", 0, name="x" * 201), "field 'name': longer than 200 characters"),
    "email": (_broken("members", 0, email="not an address"), "field 'email': 'not an address' is not an email"),
    "unknown portfolio": (_broken("members", 1, opposition_spokesperson=["transport"]),
                          "members[1] (cllr-bob): field 'opposition_spokesperson[0]': unknown portfolio 'transport'"),
    "seat twice": (_broken("members", 0, committees=[{"committee": "cabinet"}, {"committee": "cabinet"}]),
                   "members[0] (cllr-ann): field 'committees[1].committee': 'cabinet' is listed twice"),
    "officer is a member": (_broken("officers", 0, id="cllr-bob"),
                            "officers[0] (cllr-bob): field 'id': 'cllr-bob' is also a member's id"),
    "members not a list": (council_data(members={"cllr-ann": {}}), "field 'members': must be a list"),
    "no committees": (council_data(committees=None), "field 'committees': missing section"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_named_and_nothing_is_applied(gw, tmp_path, name):
    data, message = BAD_FILES[name]
    path = write_yaml(tmp_path / "council.yaml", data)
    with pytest.raises(InputError) as caught:
        _load(gw, path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert _count(gw, Member) == 0 and _count(gw, Officer) == 0


def test_a_yaml_syntax_error_names_the_file(gw, tmp_path):
    path = tmp_path / "council.yaml"
    path.write_text("council: [unclosed\n")
    with pytest.raises(InputError, match=r"council.yaml: syntax error: .*expected ',' or '\]'.* \(line 2\)$"):
        _load(gw, path)


def test_a_bad_reload_keeps_the_council_as_it_was(gw, tmp_path):
    _load(gw, write_yaml(tmp_path / "council.yaml", council_data()))
    data = council_data()
    data["members"][0]["name"] = "Renamed"
    data["members"][1]["group"] = "grp-missing"
    with pytest.raises(InputError):
        _load(gw, write_yaml(tmp_path / "bad.yaml", data))
    with gw.sessions() as session:
        assert session.get(Member, "cllr-ann").name == "Cllr Ann Able"


def test_unknown_keys_are_ignored_and_emails_accepted(gw, tmp_path):
    data = council_data(notes={"kept by": "the council"})
    data["members"][0].update(email="ann.able@example.gov.uk", twitter="@ann")
    data["officers"][0].update(email="mo@example.gov.uk", extension=1234)
    data["council"]["mayor"] = "Cllr Someone"
    assert _load(gw, write_yaml(tmp_path / "council.yaml", data))["members"] == 2


def test_a_message_shows_at_most_a_little_of_a_long_value(gw, tmp_path):
    path = write_yaml(tmp_path / "council.yaml", _broken("members", 0, group="g" * 100_000))
    with pytest.raises(InputError) as caught:
        _load(gw, path)
    assert len(str(caught.value)) < len(str(path)) + 200


def test_email_addresses_are_stored_for_members_and_officers(gw, tmp_path):
    data = council_data()
    data["members"][0]["email"] = "ann@example.gov.uk"
    data["officers"][0]["email"] = "mo@example.gov.uk"
    _load(gw, write_yaml(tmp_path / "c.yaml", data))
    with gw.sessions() as session:
        assert session.get(Member, data["members"][0]["id"]).email == "ann@example.gov.uk"
        assert session.get(Officer, data["officers"][0]["id"]).email == "mo@example.gov.uk"
        assert session.get(Member, data["members"][1]["id"]).email is None
    del data["members"][0]["email"]
    _load(gw, write_yaml(tmp_path / "c.yaml", data))
    with gw.sessions() as session:
        assert session.get(Member, data["members"][0]["id"]).email is None


def test_a_deputy_proper_officer_acts_for_the_proper_officer_and_is_told_of_requests(gw, tmp_path):
    data = council_data()
    data["officers"].append({"id": "off-dmo", "name": "Dee Deputy", "roles": ["deputy_proper_officer"],
                             "password": "pw-dmo-123"})
    _load(gw, write_yaml(tmp_path / "council.yaml", data))
    with gw.sessions() as session:
        assert find_account(session, "off-dmo").is_proper_officer
        assert [o.id for o in proper_officers(session)] == ["off-dmo", "off-mo"]


def test_a_reload_leaves_an_account_it_disabled_disabled(gw, tmp_path):
    path = write_yaml(tmp_path / "council.yaml", council_data())
    _load(gw, path)
    with gw.sessions() as session, session.begin():
        session.get(Member, "cllr-bob").disabled_at = utcnow()
    _load(gw, path)
    with gw.sessions() as session:
        assert session.get(Member, "cllr-bob").disabled_at is not None
        assert find_account(session, "cllr-bob") is None and find_account(session, "cllr-ann") is not None
