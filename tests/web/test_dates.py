"""Dates as people in the UK enter them: Day, Month and Year boxes in a fieldset (the GOV.UK pattern), and
one-line forms like 12/10/2026 or 12 Oct 2026; a wrong date is an error naming the field."""

import re
from datetime import date

import pytest

from gateway.web.dates import date_from_parts, uk_date
from tests.web.test_councillor import ask, plain, text


@pytest.mark.parametrize("written", ["1/10/2026", "01-10-2026", "1.10.2026", "1 Oct 2026", "1 October 2026",
                                     "Thursday 1 October 2026", "2026-10-01"])
def test_one_line_uk_forms_are_understood(written):
    assert uk_date("Meetings from", written) == date(2026, 10, 1)


@pytest.mark.parametrize("parts, message", [
    (("31", "2", "2026"), "Meetings from must be a real date"),
    (("3", "", "2026"), "Meetings from must include a month"),
    (("", "", "2026"), "Meetings from must include a day and month"),
    (("3", "10", "26"), "Meetings from: the year must include 4 numbers"),
    (("x", "10", "2026"), "Meetings from must be a real date"),
])
def test_wrong_boxes_say_what_is_wrong_naming_the_field(parts, message):
    with pytest.raises(ValueError, match=message):
        date_from_parts("Meetings from", *parts)


def test_month_may_be_a_name():
    assert date_from_parts("Meetings from", "12", "Oct", "2026") == date(2026, 10, 12)


def test_search_dates_are_three_labelled_boxes_in_a_fieldset(bob):
    page = text(bob.get("/search"))
    fieldset = re.search(r'<fieldset[^>]*>\s*<legend[^>]*>Meetings from</legend>.*?</fieldset>', page, re.DOTALL)
    assert fieldset, "no fieldset for Meetings from"
    labels = re.findall(r'<label class="label date-input__label" for="([\w-]+)">(\w+)</label>', fieldset.group(0))
    assert labels == [("date_from", "Day"), ("date_from-month", "Month"), ("date_from-year", "Year")]
    for ident in ("date_from", "date_from-month", "date_from-year"):
        assert f'id="{ident}"' in fieldset.group(0)


def test_search_by_the_boxes_filters_and_keeps_what_was_typed(bob):
    found = bob.get("/search?date_from-day=2&date_from-month=10&date_from-year=2026")
    assert "0 documents found" in plain(found)                  # every meeting is on 1 October 2026
    assert 'name="date_from-day" type="text" inputmode="numeric" value="2"' in text(found)
    assert "4 documents found" in plain(bob.get("/search?date_to-day=1&date_to-month=Oct&date_to-year=2026"))
    assert "4 documents found" in plain(bob.get("/search?date_from=1/10/2026"))


def test_a_wrong_date_is_in_the_error_summary_linked_to_its_day_box(bob):
    response = bob.get("/search?date_from-day=31&date_from-month=2&date_from-year=2026")
    assert response.status_code == 400
    assert re.search(r'<a href="#date_from">Meetings from must be a real date', text(response))
    assert 'value="31"' in text(response)                        # the boxes keep what was typed


def test_the_proper_officer_grants_until_a_date_typed_in_boxes(bob, mo, gw):
    ask(bob)
    response = mo.post("/officer/referrals/1/decision", data={"outcome": "grant", "reasons": "Needed for the review",
                                                     "until-day": "31", "until-month": "3", "until-year": "2099"})
    assert response.status_code == 302, plain(response)
    assert "31 March 2099" in plain(bob.get("/requests/1"))
