from datetime import date

import pytest

from routines.models import Habit, User

PASSWORD = "a-calm-morning-42"


@pytest.fixture
def user(db) -> User:
    return User.objects.create_user("sam", email="sam@example.com", password=PASSWORD, time_zone="Europe/Berlin")


@pytest.fixture
def other_user(db) -> User:
    return User.objects.create_user("alex", password=PASSWORD)


@pytest.fixture
def habit(user) -> Habit:
    return Habit.objects.create(owner=user, name="Stretch when I wake", time_of_day="morning", start_date=date(2026, 1, 1))


@pytest.fixture
def measurable_habit(user) -> Habit:
    return Habit.objects.create(
        owner=user,
        name="Sleep",
        kind=Habit.Kind.MEASURABLE,
        unit="hours",
        target=7,
        time_of_day="morning",
        position=1,
        start_date=date(2026, 1, 1),
    )


@pytest.fixture
def other_habit(other_user) -> Habit:
    return Habit.objects.create(owner=other_user, name="Someone else's walk", start_date=date(2026, 1, 1))


@pytest.fixture
def logged_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is deliberately slow; the tests only need it to be a hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
