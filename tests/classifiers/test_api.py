"""The API the integrator codes against: shapes and purity (speed is measured in benchmarks/classify_eval.py)."""

import subprocess
import sys
from pathlib import Path

from classifiers import CLASSIFIER_VERSION, Classification, GroupName, classify_pages
from tests.classifiers.test_content import CASES as CONTENT_CASES
from tests.classifiers.test_groups import CASES as GROUP_CASES
from tests.classifiers.test_statements import CASES as STATEMENT_CASES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_PAGES = [page for case in (*STATEMENT_CASES.values(), *CONTENT_CASES.values(), *GROUP_CASES.values()) for page in case[0]]


def test_version_is_a_dated_string():
    assert isinstance(CLASSIFIER_VERSION, str) and CLASSIFIER_VERSION.count(".") == 2


def test_to_json_has_the_contract_keys():
    result = classify_pages([
        "NOT FOR PUBLICATION by virtue of paragraph 9 of Part I of Schedule 12A\n"
        "CABINET - 9 JUNE 2003\nSUBJECT: TERMS FOR NEGOTIATION\n"
    ])
    data = result.to_json()
    assert set(data) == {"exempt_paragraphs", "party_group", "flags", "confidence", "needs_review", "evidence"}
    assert data["exempt_paragraphs"] == [3] and data["flags"] == ["contract_terms"]
    assert all({"label", "text", "page"} <= set(item) for item in data["evidence"])


def test_results_are_well_formed_and_deterministic():
    groups = (GroupName("grp-a", ("Green Group",)),)
    for pages in ([page] for page in EXAMPLE_PAGES):
        result = classify_pages(pages, groups)
        assert isinstance(result, Classification)
        assert list(result.exempt_paragraphs) == sorted(set(result.exempt_paragraphs))
        assert set(result.exempt_paragraphs) <= set(range(1, 8))
        assert list(result.flags) == sorted(set(result.flags))
        assert 0.0 <= result.confidence <= 1.0
        assert result.needs_review == any(item.label == "needs_review" for item in result.evidence)
        for item in result.evidence:
            assert item.text and len(item.text) <= 200 and item.page == 1 and item.check
        assert classify_pages(pages, groups) == result


def test_classifiers_import_no_web_database_or_gateway_code():
    code = (
        "import sys, classifiers; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'gateway', 'whoosh', 'requests')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_patterns_are_compiled_only_for_a_process_that_classifies():
    """Reading labels (`gateway ingest`'s own process, whose workers classify) does not compile every pattern."""
    probe = ("import sys, classifiers\n"
             "before = 'classifiers.content' in sys.modules\n"
             "assert classifiers.unreadable('x').needs_review and not hasattr(classifiers, 'no_such_name')\n"
             "print(before, 'classifiers.content' in sys.modules, classifiers.classify_pages is classifiers.classify.classify_pages)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "True"]
