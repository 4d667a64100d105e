"""My support: short private lists, written so a double tap or two devices never lose or duplicate a place."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from routines import support
from routines.models import SupportContact, SupportItem, User, validate_phone

from .conftest import run_at_once


def contact(owner, name="Mum", phone="+44 7700 900123") -> SupportContact:
    return support.add(SupportContact(owner=owner, name=name, phone=phone))


def item(owner, kind="helps", text="A walk by the river") -> SupportItem:
    return support.add(SupportItem(owner=owner, kind=kind, text=text))


def test_new_entries_go_to_the_end_of_their_own_list(user, other_user):
    assert [contact(user, f"Friend {i}").position for i in range(3)] == [0, 1, 2]
    assert contact(other_user).position == 0
    assert [item(user, "helps").position, item(user, "helps").position, item(user, "signs").position] == [0, 1, 0]


def test_a_full_list_says_so_and_saves_nothing(user):
    for i in range(support.LIMIT):
        item(user, "signs", f"Sign {i}")
    with pytest.raises(support.ListFull):
        item(user, "signs", "One too many")
    assert SupportItem.objects.filter(owner=user, kind="signs").count() == support.LIMIT
    assert item(user, "helps").position == 0  # the other list still has room


def test_a_change_saves_only_the_edited_fields(user):
    mum = contact(user)
    SupportContact.objects.filter(pk=mum.pk).update(position=7)  # another device moved it meanwhile
    mum.name = "Mum (mobile)"
    support.change(mum, ["name"])
    mum.refresh_from_db()
    assert (mum.name, mum.phone, mum.position) == ("Mum (mobile)", "+44 7700 900123", 7)


def test_removing_keeps_the_rest_in_order(user):
    first, second, third = (item(user, text=f"Line {i}") for i in range(3))
    support.remove(second)
    assert list(user.support_items.values_list("text", flat=True)) == ["Line 0", "Line 2"]


@pytest.mark.parametrize(
    ("phone", "tel"),
    [("+44 (0)20 7946-0958", "+4402079460958"), ("116 123", "116123"), (" +1 555-010-0199", "+15550100199")],
)
def test_a_phone_number_as_written_becomes_a_dialable_link(phone, tel):
    validate_phone(phone)
    assert SupportContact(phone=phone).tel == tel


@pytest.mark.parametrize("phone", ["call me", "12", "+44 7700 900123 ext. 4", "555#123"])
def test_a_phone_number_that_cannot_be_dialled_gets_a_clear_message(phone):
    with pytest.raises(ValidationError, match="Please use digits"):
        validate_phone(phone)


@pytest.mark.parametrize(
    "make",
    [
        lambda owner: SupportContact(owner=owner, name="", phone="123"),
        lambda owner: SupportContact(owner=owner, name="Mum", phone=""),
        lambda owner: SupportItem(owner=owner, kind="helps", text=""),
        lambda owner: SupportItem(owner=owner, kind="moods", text="Tea"),
    ],
)
def test_the_schema_refuses_empty_or_unknown_entries(user, make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(user).save()


def test_the_schema_refuses_a_country_that_is_not_a_code(user):
    User.objects.filter(pk=user.pk).update(country="GB")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(country="G")


def test_simultaneous_adds_never_overfill_a_list_nor_share_a_place(transactional_db):
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db(), "the SQLite test database must be a file (settings: TEST NAME)"
    owner = User.objects.create_user("sam", password="x")
    for i in range(support.LIMIT - 3):
        item(owner, text=f"Line {i}")
    results = run_at_once(*(lambda i=i: item(owner, text=f"At once {i}") for i in range(6)))
    assert sum(isinstance(result, SupportItem) for result in results) == 3
    assert all(isinstance(result, (SupportItem, support.ListFull)) for result in results), results
    positions = list(owner.support_items.values_list("position", flat=True))
    assert len(positions) == support.LIMIT == len(set(positions))
