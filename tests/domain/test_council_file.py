"""Loading the council file: upsert by id, and a bad file names file, entry and field and changes nothing."""

import json

import pytest
from sqlalchemy import func, select

from gateway.config import Settings
from gateway.domain.council_file import load_council
from gateway.domain.errors import InputError
from gateway.domain.models import Interest, Member, Officer, Seat
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
    "duplicate id": (council_data(members=[council_data()["members"][0]] * 2),
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
    "officer role": (_broken("officers", 0, roles=["king"]), "field 'roles': 'king' is not one of"),
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
    with pytest.raises(InputError, match="council.yaml: syntax error"):
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
