"""Crisis lines by country, the one place they are kept, and a country guessed from a time zone.

Each entry names, in a comment, the page it was taken from: check there when updating. `number` is what
the phone dials (only "+" and digits: it goes into tel: and sms: links); `display` is how
people in that country write it. Anyone whose country is not in the table still gets an
international directory of helplines and "your local emergency number".
"""

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Line:
    name: str
    number: str
    display: str
    about: str = ""
    sms: bool = False
    emergency: bool = False


@dataclass(frozen=True)
class Helplines:
    code: str
    name: str
    lines: tuple[Line, ...]


# An international directory (run by Throughline), for everyone the table below leaves out.
# Source: https://findahelpline.com/
DIRECTORY_URL = "https://findahelpline.com/"
DIRECTORY_NAME = "findahelpline.com"

UNITED_STATES = Helplines(
    "US",
    "United States",
    (
        # Source: https://988lifeline.org/ (call or text 988, 24/7)
        Line("988 Suicide & Crisis Lifeline", "988", "988", "Call or text, any time.", sms=True),
        # Source: https://www.samhsa.gov/find-help/national-helpline (1-800-662-HELP, free, 24/7)
        Line(
            "SAMHSA National Helpline",
            "+18006624357",
            "1-800-662-HELP (4357)",
            "Free and confidential, 24 hours a day: support, information and treatment referrals.",
        ),
        # Source: https://www.911.gov/
        Line("Emergency services", "911", "911", emergency=True),
    ),
)

HELPLINES: dict[str, Helplines] = {
    "US": UNITED_STATES,
    "CA": Helplines(
        "CA",
        "Canada",
        (
            # Source: https://988.ca/ (call or text 988, 24/7, English and French)
            Line("9-8-8 Suicide Crisis Helpline", "988", "988", "Call or text, any time.", sms=True),
            # Source: https://www.canada.ca/en/public-health/services/emergency-preparedness-response.html (911)
            Line("Emergency services", "911", "911", emergency=True),
        ),
    ),
    "GB": Helplines(
        "GB",
        "United Kingdom",
        (
            # Source: https://www.samaritans.org/how-we-can-help/contact-samaritan/ (free, 24/7)
            Line("Samaritans", "116123", "116 123", "Free, any time, day or night."),
            # Source: https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/
            Line("NHS 111", "111", "111", "Urgent help for your mental health (in England, choose the mental health option)."),
            # Source: https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/
            Line("Emergency services", "999", "999", emergency=True),
        ),
    ),
    "IE": Helplines(
        "IE",
        "Ireland",
        (
            # Source: https://www.samaritans.org/ireland/how-we-can-help/contact-samaritan/ (free, 24/7)
            Line("Samaritans", "116123", "116 123", "Free, any time, day or night."),
            # Source: https://www2.hse.ie/emergencies/when-to-call-112-or-999/ (112 or 999, both free)
            Line("Emergency services", "112", "112", emergency=True),
            # Source: https://www2.hse.ie/emergencies/when-to-call-112-or-999/
            Line("Emergency services", "999", "999", emergency=True),
        ),
    ),
    "AU": Helplines(
        "AU",
        "Australia",
        (
            # Source: https://www.lifeline.org.au/ (13 11 14, 24/7)
            Line("Lifeline", "131114", "13 11 14", "Crisis support, any time."),
            # Source: https://www.triplezero.gov.au/
            Line("Emergency services", "000", "000", emergency=True),
        ),
    ),
    "NZ": Helplines(
        "NZ",
        "New Zealand",
        (
            # Source: https://1737.org.nz/ (call or text 1737, free, 24/7)
            Line("Need to talk? 1737", "1737", "1737", "Call or text, free, any time.", sms=True),
            # Source: https://www.police.govt.nz/use-111 (111)
            Line("Emergency services", "111", "111", emergency=True),
        ),
    ),
}

EUROPEAN_UNION = Helplines(
    "EU",
    "European Union",
    (
        # Source: https://digital-strategy.ec.europa.eu/en/policies/112 (112 in every EU member state)
        Line("Emergency services (all of the EU)", "112", "112", emergency=True),
    ),
)
EU_MEMBERS = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)


def helplines_for(country: str) -> Helplines | None:
    """The lines to show first: the country's own, the EU's 112 for other member states, else none."""
    if country in HELPLINES:
        return HELPLINES[country]
    return EUROPEAN_UNION if country in EU_MEMBERS else None


def _tab_rows(name: str) -> list[list[str]]:
    # tzdata (the PyPI package) ships these tables; the system copy is the fallback.
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        path = Path("/usr/share/zoneinfo") / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """Every ISO 3166 country code with its name, from iso3166.tab (the table's names win: "United Kingdom")."""
    names = {row[0]: row[1] for row in _tab_rows("iso3166.tab") if len(row) >= 2}
    return {**names, **{code: helplines.name for code, helplines in HELPLINES.items()}}


@cache
def _zone_countries() -> dict[str, str]:
    # zone.tab gives each zone the one country it is named for (zone1970.tab merges countries).
    return {row[2]: row[0] for row in _tab_rows("zone.tab") if len(row) >= 3}


def country_for_time_zone(time_zone: str) -> str:
    """A first guess at someone's country from their time zone; "" when it says nothing (UTC)."""
    return _zone_countries().get(time_zone, "")


def country_choices() -> list[tuple[str, str]]:
    return [("", "Not set"), *sorted(country_names().items(), key=lambda item: item[1])]
