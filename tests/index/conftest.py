import multiprocessing
import sys
from pathlib import Path

import pytest

# Make `import gateway`, `import index` and this folder's helpers work however pytest is started.
_ROOT = str(Path(__file__).resolve().parents[2])
_HERE = str(Path(__file__).resolve().parent)
for _path in (_HERE, _ROOT):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import index_council

from gateway.access.gather import FactSource
from gateway.access.service import make_request
from gateway.config import Settings
from gateway.runtime import Gateway
from index import DocumentIndex

AT = index_council.AT


def make_gateway(path: Path) -> Gateway:
    gw = Gateway(Settings(data_dir=path))
    gw.init()
    return gw


class Council:
    """A loaded, indexed council and the helpers tests need."""

    def __init__(self, path: Path, generated: index_council.GeneratedCouncil):
        self.path = path
        self.gw = make_gateway(path / "data")
        self.generated = generated
        self.at = generated.at
        index_council.load(self.gw, self.generated, path)
        self.index = DocumentIndex(self.gw.settings.index_dir)
        self.index.rebuild(self.gw)
        self._expected = {}

    @property
    def members(self) -> list[str]:
        return self.generated.member_ids

    def search(self, account, query="", **kwargs):
        kwargs.setdefault("at", self.at)
        return self.index.search(self.gw, account, query, **kwargs)

    def found(self, account, query="", **kwargs) -> dict[str, str]:
        """id -> visibility over every page."""
        kwargs.setdefault("page_size", 1000)
        kwargs.setdefault("snippets", False)
        out, page = {}, 1
        while True:
            result = self.search(account, query, page=page, **kwargs)
            out.update((r["id"], r["visibility"]) for r in result["results"])
            if page >= result["pages"]:
                return out
            page += 1

    def expected(self, account, at=None) -> dict[str, str]:
        """id -> visibility for every document the decision service lets `account` discover."""
        at = at or self.at
        key = (account, at, self.generation())
        if key not in self._expected:
            self._expected[key] = self._evaluate_all(account, at)
        return self._expected[key]

    def generation(self) -> int:
        from gateway.domain.generation import current

        with self.gw.sessions() as session:
            return current(session)

    def _evaluate_all(self, account, at) -> dict[str, str]:
        return _evaluate_all(self.gw, account, at)

    def precompute_expected(self, accounts) -> None:
        """The oracle for many callers at once, on both cores (each worker opens its own Gateway)."""
        accounts = [a for a in accounts if (a, self.at, self.generation()) not in self._expected]
        if len(accounts) < 4:
            return
        halves = [accounts[0::2], accounts[1::2]]
        with multiprocessing.get_context("fork").Pool(2) as pool:
            parts = pool.starmap(_evaluate_many, [(self.gw.settings.data_dir, half, self.at) for half in halves])
        generation = self.generation()
        for part in parts:
            for account, expected in part.items():
                self._expected[(account, self.at, generation)] = expected


def _evaluate_all(gw, account, at) -> dict[str, str]:
    """The oracle: the decision service asked about every document, one by one."""
    req = make_request("discover", "councillor", "", at)
    with gw.sessions() as session:
        facts = FactSource(session)
        facts.preload()
        sub = gw.access.subject(facts, account)
        out = {}
        for doc in facts.all_documents():
            visibility = gw.access.evaluate(facts, sub, doc, req).visibility
            if visibility != "hidden":
                out[doc.id] = visibility
    return out


def _evaluate_many(data_dir, accounts, at) -> dict:
    gw = Gateway(Settings(data_dir=data_dir))
    return {account: _evaluate_all(gw, account, at) for account in accounts}


def _demo_available() -> bool:
    try:
        from gateway.demo import generate_council  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module", params=["demo", "rules"])
def big_council(request, tmp_path_factory):
    """The demo council (40 members, 2,000 documents: realistic), then one built to hit every rule.

    Without the demo generator the rule-hitting council is made at the full 40 x 2,000.
    """
    if request.param == "demo":
        if not _demo_available():
            pytest.skip("gateway.demo is not there yet")
        generated = index_council.from_demo(members=40, documents=2000, seed=1)
    elif not _demo_available():
        generated = index_council.generate(members=40, documents=2000, seed=11)
    else:
        generated = index_council.generate(members=40, documents=800, seed=11)
    council = Council(tmp_path_factory.mktemp(f"big-{request.param}"), generated)
    council.full_size = request.param == "demo" or not _demo_available()
    council.precompute_expected(council.members + generated.officer_ids + [None])
    return council


@pytest.fixture
def small_council(tmp_path):
    return Council(tmp_path, index_council.generate(members=12, documents=150, seed=5))
