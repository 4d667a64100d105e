from decimal import Decimal

import pytest

from routines.templatetags.amounts import amount, compact


@pytest.mark.parametrize(("value", "shown"), [("7.00", "7"), ("6.50", "6.5"), ("0.25", "0.25"), ("100", "100")])
def test_amounts_are_written_as_people_write_them(value, shown):
    assert amount(Decimal(value)) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [("6.5", "6.5"), ("7.00", "7"), ("6.55", "6.6"), ("142.4", "142"), ("1439.75", "1.4k"), ("88888.88", "89k")],
)
def test_compact_amounts_fit_a_small_circle(value, shown):
    assert compact(Decimal(value)) == shown


def test_a_mood_has_its_face_and_its_words_and_no_mood_has_neither():
    from routines.templatetags.moods import mood_face, mood_word

    assert (mood_face(5), mood_word(5)) == ("😊", "very good")
    assert (mood_face(None), mood_word(None), mood_word(9)) == ("", "", "")
