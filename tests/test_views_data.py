"""Settings → Your data: download, import (upload, preview, confirm) and leaving Selfcare."""

import io
import json
import zipfile
from datetime import date, timedelta

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from routines.models import DayRecord, Habit, JournalEntry, PendingImport, RestDay, SupportContact, SupportItem, User
from tests.conftest import PASSWORD


def download(client) -> bytes:
    response = client.get(reverse("data_export"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="selfcare-2026-11-26.zip"'
    return b"".join(response.streaming_content)


def upload(client, data: bytes, name: str = "selfcare-2026-11-26.zip"):
    return client.post(reverse("import_upload"), {"file": SimpleUploadedFile(name, data)})


def test_download_then_import_brings_a_deleted_habits_history_back(logged_in_client, user, habit, on_thursday):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done", note="slow and good")
    data = download(logged_in_client)
    habit.delete()

    response = upload(logged_in_client, data)
    pending = PendingImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("import_preview", args=[pending.pk])
    assert not Habit.objects.exists()  # nothing before the confirmation

    page = logged_in_client.get(response.url).content.decode()
    assert "Stretch when I wake" in page and "1 day of records" in page and "Every day" in page

    response = logged_in_client.post(reverse("import_preview", args=[pending.pk]), {"use_settings": "on"})
    assert response.status_code == 302 and response.url == reverse("history")
    assert Habit.objects.get().records.get().note == "slow and good"
    assert not PendingImport.objects.exists()


def test_the_preview_offers_merge_or_new_for_a_matching_habit(logged_in_client, user, habit, on_thursday):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done")
    response = upload(logged_in_client, download(logged_in_client))
    page = logged_in_client.get(response.url).content.decode()
    assert "You already have “Stretch when I wake”." in page and "Bring it in as “Stretch when I wake (imported)”" in page

    logged_in_client.post(response.url, {"habit_0": "new"})
    assert sorted(Habit.objects.values_list("name", "position")) == [("Stretch when I wake", 0), ("Stretch when I wake (imported)", 1)]


def test_a_bad_file_is_answered_next_to_the_field_and_never_kept(logged_in_client, user):
    response = upload(logged_in_client, b"just some words", "notes.txt")
    assert response.status_code == 400
    assert "It reads its own export" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_file_over_20_mb_is_refused(logged_in_client, user):
    response = upload(logged_in_client, b"0" * (20 * 1024 * 1024 + 1), "big.json")
    assert response.status_code == 400 and "over 20 MB" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_another_persons_waiting_import_is_404_and_stays(logged_in_client, other_user):
    theirs = PendingImport.objects.create(owner=other_user, name="x.json", data=b"{}")
    assert logged_in_client.get(reverse("import_preview", args=[theirs.pk])).status_code == 404
    assert logged_in_client.post(reverse("import_preview", args=[theirs.pk])).status_code == 404
    logged_in_client.post(reverse("import_cancel", args=[theirs.pk]))
    assert PendingImport.objects.get() == theirs


def test_an_upload_is_forgotten_after_an_hour(logged_in_client, user, time_machine):
    time_machine.move_to("2026-11-26 10:00Z", tick=False)
    response = upload(logged_in_client, json.dumps({"format": "selfcare", "schema_version": 1}).encode(), "selfcare.json")
    old = PendingImport.objects.get()
    time_machine.move_to("2026-11-26 11:01Z", tick=False)
    assert logged_in_client.get(response.url).status_code == 404
    call_command("cleanup_imports", stdout=io.StringIO())
    assert not PendingImport.objects.filter(pk=old.pk).exists()


def test_cancelling_keeps_nothing(logged_in_client, user):
    upload(logged_in_client, json.dumps({"format": "selfcare", "schema_version": 1, "habits": [{"name": "Walk"}]}).encode(), "s.json")
    response = logged_in_client.post(reverse("import_cancel", args=[PendingImport.objects.get().pk]))
    assert response.url == reverse("settings") and not PendingImport.objects.exists() and not Habit.objects.exists()


def test_the_commands_export_and_import_an_account(user, other_user, habit, tmp_path):
    DayRecord.objects.bulk_create(DayRecord(habit=habit, day=date(2026, 1, 1) + timedelta(days=n), status="done") for n in range(30))
    path = tmp_path / "export.zip"
    call_command("export_user", "sam", str(path), stdout=io.StringIO())
    assert "selfcare.json" in zipfile.ZipFile(path).namelist()
    out = io.StringIO()
    call_command("import_file", "alex", str(path), stdout=out)
    assert "Records: 30 of 30" in out.getvalue() and "1 new habits" in out.getvalue()
    call_command("import_file", "sam", str(path), "--merge", stdout=io.StringIO())
    assert Habit.objects.filter(owner=user).count() == 1 and habit.records.count() == 30


def test_delete_asks_for_the_password_calmly(logged_in_client, user):
    page = logged_in_client.get(reverse("account_delete")).content.decode()
    assert "download your data" in page and "journal" in page
    response = logged_in_client.post(reverse("account_delete"), {"password": "not it"})
    assert response.status_code == 400 and "Your old password was entered incorrectly" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def fill(owner: User) -> None:
    habit = Habit.objects.create(owner=owner, name="Walk", start_date=date(2026, 1, 1))
    DayRecord.objects.create(habit=habit, day=date(2026, 1, 1), status="done")
    habit.pauses.create(start=date(2026, 2, 1), until=date(2026, 2, 3))
    habit.nudge_states.create(day=date(2026, 1, 1), dismissed=True)
    RestDay.objects.create(owner=owner, day=date(2026, 1, 2), habit_ids=[habit.pk])
    JournalEntry.objects.create(owner=owner, day=date(2026, 1, 1), text="private")
    SupportContact.objects.create(owner=owner, name="Mum", phone="116 123")
    SupportItem.objects.create(owner=owner, kind="helps", text="A walk")
    PendingImport.objects.create(owner=owner, name="x.json", data=b"{}")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_deleting_the_account_leaves_no_row_of_theirs_in_any_table(client, user, other_user):
    fill(other_user)
    client.force_login(other_user)
    client.post(reverse("logout"))
    before = row_counts()  # everything but the person leaving
    fill(user)
    client.post(reverse("login"), {"username": user.username, "password": "not it"})  # a failed try, kept by name
    client.force_login(user)

    response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302 and response.url == reverse("landing")
    counts = row_counts()
    counts.pop("sessions.Session"), before.pop("sessions.Session")
    assert counts == {**before, "routines.User": before["routines.User"] - 1}
    assert client.get(reverse("today")).status_code == 302  # logged out


# With the real Loop and Beaver readers behind the same upload


def test_a_loop_export_is_previewed_with_its_schedules_read_and_then_imported(logged_in_client, user, on_thursday):
    from .test_import_loop import checkmarks, export, habit_row

    data = export(
        [habit_row(1, "Meditate 🧘", freq=(3, 30)), habit_row(2, "Walk, then tea", archived="true")],
        {
            "001 Meditate": checkmarks(("2026-11-20", "YES_MANUAL", "calm, at last"), ("2026-11-19", "YES_AUTO", ""), ("2026-11-18", "SKIP", "")),
            "002 Walk then tea": checkmarks(("2026-11-10", "YES_MANUAL", "")),
        },
    )
    response = upload(logged_in_client, data, "Loop Habits CSV 2026-11-26.zip")
    page = logged_in_client.get(response.url).content.decode()
    assert "Loop Habit Tracker" in page and "Meditate 🧘" in page and "3 in 30 days" in page
    assert not Habit.objects.exists()

    logged_in_client.post(response.url)
    meditate = Habit.objects.get(name="Meditate 🧘")
    assert (meditate.schedule, meditate.times_per_week, meditate.archived) == ("per_week", 1, False)
    assert sorted(meditate.records.values_list("day", "status", "note")) == [
        (date(2026, 11, 18), "skipped", ""),
        (date(2026, 11, 20), "done", "calm, at last"),
    ]
    assert Habit.objects.get(name="Walk, then tea").archived


def test_a_beaver_export_leaves_out_deleted_habits_and_says_so(logged_in_client, user, on_thursday):
    beaver = {
        "habits": [
            {"id": "a", "name": "Read", "status": "active", "period": None, "records": [{"day": "2026-11-20", "done": True, "text": "ch. 3"}]},
            {"id": "b", "name": "Old", "status": "soft_delete", "period": None, "records": []},
        ],
        "order": ["a", "b"],
    }
    response = upload(logged_in_client, json.dumps(beaver).encode(), "beaver.json")
    page = logged_in_client.get(response.url).content.decode()
    assert "Beaver Habit Tracker" in page and "Read" in page and "deleted" in page
    logged_in_client.post(response.url)
    assert list(Habit.objects.values_list("name", flat=True)) == ["Read"]
    assert Habit.objects.get().records.get().note == "ch. 3"


def test_two_habits_of_one_name_in_a_file_are_both_kept(logged_in_client, user, on_thursday):
    beaver = {
        "habits": [
            {"id": "a", "name": "Read", "status": "active", "period": None, "records": []},
            {"id": "b", "name": "read", "status": "active", "period": None, "records": []},
        ],
        "order": ["a", "b"],
    }
    response = upload(logged_in_client, json.dumps(beaver).encode(), "beaver.json")
    assert logged_in_client.post(response.url).status_code == 302
    assert sorted(Habit.objects.values_list("name", "position")) == [("Read", 0), ("read (imported)", 1)]


def test_the_upload_route_takes_a_20_mb_file_where_other_forms_stop_at_2_5_mb(logged_in_client, user):
    nearly = b"x" * (19 * 1024 * 1024)
    response = upload(logged_in_client, nearly, "big.json")
    assert response.status_code == 400 and "read this file. It reads its own export" in response.content.decode()
    too_big_for_a_form = logged_in_client.post(reverse("check_in", args=[date(2026, 11, 26)]), {"text": "x" * (3 * 1024 * 1024)})
    assert too_big_for_a_form.status_code == 413


def test_a_waiting_upload_is_stored_encrypted_like_the_words_it_holds(logged_in_client, user, habit, on_thursday):
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done", note="a very private note")
    upload(logged_in_client, json.dumps(json.loads(zipfile.ZipFile(io.BytesIO(download(logged_in_client))).read("selfcare.json"))).encode(), "selfcare.json")
    stored = bytes(PendingImport.objects.get().data)
    assert b"a very private note" not in stored and b"Stretch" not in stored


def test_a_double_tap_on_import_imports_once(transactional_db, user, habit):
    from .conftest import run_at_once

    client = Client()
    client.force_login(user)
    DayRecord.objects.create(habit=habit, day=date(2026, 11, 20), status="done")
    response = upload(client, b"".join(client.get(reverse("data_export")).streaming_content))
    confirm = response.url

    def tap() -> int:
        device = Client()
        device.force_login(user)
        return device.post(confirm, {"habit_0": "new"}).status_code

    statuses = run_at_once(tap, tap)
    assert all(status in (302, 404) for status in statuses), statuses  # the second finds it done, or gone
    assert Habit.objects.filter(owner=user).count() == 2  # the original and one "(imported)"
