from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import DayRecord, Habit, User


@admin.register(User)
class SelfcareUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Their day", {"fields": ("time_zone", "day_start_hour", "week_start")}))


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
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
