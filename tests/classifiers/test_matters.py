"""Matters inferred from keywords: case-insensitive, whole words and phrases only."""

import pytest

from classifiers import MatterKeywords, infer_matters

MATTERS = (
    MatterKeywords("m-leisure", ("leisure centre", "Fitwell")),
    MatterKeywords("m-pay", ("pay and grading", "GMB")),
    MatterKeywords("m-site", ("27/0104/FUL",)),
    MatterKeywords("m-none", ()),
)

CASES = {
    "phrase across a line break, any case": (["The LEISURE\nCENTRE roof"], ("m-leisure",)),
    "whole words only": (["GMBH is a German company; Fitwellness is a gym"], ()),
    "a possessive is still the word": (["Fitwell's accounts"], ("m-leisure",)),
    "several matters, in the order given": (["27/0104/FUL and the pay and grading review; Fitwell"], ("m-leisure", "m-pay", "m-site")),
    "keywords on different pages": (["nothing here", "GMB branch"], ("m-pay",)),
    "no pages": ([], ()),
}


@pytest.mark.parametrize("pages, expected", CASES.values(), ids=CASES.keys())
def test_infer_matters(pages, expected):
    assert infer_matters(pages, MATTERS) == expected
