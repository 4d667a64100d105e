from datetime import date, timedelta

from playwright.sync_api import expect

from routines.models import DayRecord, Habit, User

from ..conftest import long_standing_habit
from .conftest import Phone

PASSWORD = "a-calm-morning-42"


def test_export_delete_a_habit_import_the_export_and_see_the_history_back(phone: Phone, tmp_path):
    user = User.objects.create_user("robin", password=PASSWORD, time_zone="Europe/Berlin")
    habit = long_standing_habit(owner=user, name="Drink water", start_date=date.today() - timedelta(days=20))
    DayRecord.objects.bulk_create(DayRecord(habit=habit, day=date.today() - timedelta(days=n), status="done") for n in range(1, 15))
    page = phone.page
    phone.log_in("robin", PASSWORD)

    phone.go_to("Settings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").tap()
    assert download.value.suggested_filename.startswith("selfcare-")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    phone.open(f"/routine/{habit.pk}/delete/")
    page.get_by_role("button", name="Delete for good").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routine")
    assert not Habit.objects.exists()

    phone.go_to("Settings")
    page.get_by_role("link", name="Import").tap()
    page.get_by_label("File to import").set_input_files(saved)
    page.get_by_role("button", name="Look at what's in it").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Before you import")
    expect(page.get_by_text("14 days of records").first).to_be_visible()
    expect(page.get_by_text("Every day · 14 days of records")).to_be_visible()
    phone.assert_fits_the_screen()
    phone.screenshot("import-preview")
    assert not Habit.objects.exists()

    page.get_by_role("button", name="Import", exact=True).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    expect(page.get_by_text("Imported: 1 new habit, 14 days of records, 0 journal days.")).to_be_visible()
    expect(page.get_by_text("Drink water").first).to_be_visible()
    assert Habit.objects.get().records.count() == 14
    phone.screenshot("import-done")
