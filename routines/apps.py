from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Routines"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from .accounts import mark_logged_out, start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="routines.start_idle_clock")
        user_logged_out.connect(mark_logged_out, dispatch_uid="routines.mark_logged_out")
