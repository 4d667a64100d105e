import re
from pathlib import Path

import pytest

from routines import helplines
from routines.helplines import EUROPEAN_UNION, HELPLINES, country_choices, country_for_time_zone, helplines_for

EVERY_ENTRY = [*HELPLINES.values(), EUROPEAN_UNION]


def numbers(code: str) -> set[tuple[str, bool]]:
    entry = helplines_for(code)
    return {(line.number, line.sms) for line in entry.lines}


def test_the_table_has_at_least_the_lines_the_issue_asks_for():
    assert {("988", True), ("+18006624357", False), ("911", False)} <= numbers("US")
    assert {("988", True), ("911", False)} <= numbers("CA")
    assert {("116123", False), ("111", False), ("999", False)} <= numbers("GB")
    assert {("116123", False), ("112", False), ("999", False)} <= numbers("IE")
    assert {("131114", False), ("000", False)} <= numbers("AU")
    assert {("1737", True), ("111", False)} <= numbers("NZ")
    assert numbers("DE") == numbers("FR") == {("112", False)}


@pytest.mark.parametrize("entry", EVERY_ENTRY, ids=lambda entry: entry.code)
def test_every_number_can_be_dialled_as_it_is_stored(entry):
    for line in entry.lines:
        assert re.fullmatch(r"\+?[0-9]{3,15}", line.number), line
        assert re.sub(r"\D", "", line.display).endswith(line.number.lstrip("+")[-4:]), line


def test_every_line_names_the_page_it_was_taken_from():
    source = Path(helplines.__file__).read_text().splitlines()
    starts = [i for i, text in enumerate(source) if re.match(r"\s*Line\(", text)]
    assert len(starts) == sum(len(entry.lines) for entry in EVERY_ENTRY)
    for i in starts:
        assert re.match(r"\s*# Source: https://\S+", source[i - 1]), source[i]


@pytest.mark.parametrize(
    ("time_zone", "country"),
    [
        ("America/New_York", "US"),
        ("America/Toronto", "CA"),
        ("Europe/London", "GB"),
        ("Europe/Dublin", "IE"),
        ("Australia/Sydney", "AU"),
        ("Pacific/Auckland", "NZ"),
        ("Europe/Berlin", "DE"),
        ("Asia/Tokyo", "JP"),
        ("UTC", ""),
        ("Not/A_Zone", ""),
    ],
)
def test_a_country_is_guessed_from_the_time_zone(time_zone, country):
    assert country_for_time_zone(time_zone) == country


def test_countries_outside_the_table_get_no_lines_of_their_own():
    assert helplines_for("DE") is EUROPEAN_UNION
    assert helplines_for("IE") is HELPLINES["IE"]
    assert helplines_for("JP") is None and helplines_for("") is None


def test_every_country_can_be_chosen_with_its_common_name():
    choices = dict(country_choices())
    assert choices[""] == "Not set"
    assert choices["GB"] == "United Kingdom" and choices["JP"] == "Japan"
    assert len(choices) > 240
