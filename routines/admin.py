from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AdminLoginForm
from .models import DayRecord, Habit, NudgeState, Pause, RestDay, User

# SupportContact and SupportItem (a person's own people and words for a hard day) are not
# registered: nothing an admin does needs them, and they must never show in admin lists.


@admin.register(User)
class SelfcareUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Their day", {"fields": ("time_zone", "country", "day_start_hour", "week_start")}),
        ("Reminders", {"fields": ("quiet_start", "quiet_end", "reminders_paused")}),
    )


class PauseInline(admin.TabularInline):
    model = Pause
    extra = 0


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
    inlines = [PauseInline]
    list_display = ("name", "owner", "kind", "time_of_day", "archived", "created")
    list_filter = ("kind", "time_of_day", "archived")
    search_fields = ("name", "owner__username")
    raw_id_fields = ("owner",)


@admin.register(DayRecord)
class DayRecordAdmin(admin.ModelAdmin):
    # Notes are private, journal-like words: never shown, searched or filtered in lists.
    list_display = ("habit", "day", "status", "value", "updated")
    list_filter = ("status",)
    list_select_related = ("habit",)
    date_hierarchy = "day"
    raw_id_fields = ("habit",)


@admin.register(RestDay)
class RestDayAdmin(admin.ModelAdmin):
    list_display = ("owner", "day", "created")
    raw_id_fields = ("owner",)


@admin.register(NudgeState)
class NudgeStateAdmin(admin.ModelAdmin):
    list_display = ("habit", "day", "snoozed_until", "dismissed")
    list_select_related = ("habit",)
    raw_id_fields = ("habit",)

# The admin's login refuses a name longer than any account's, as the app's does.
admin.site.login_form = AdminLoginForm
