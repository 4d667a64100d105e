from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Routines"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .accounts import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="routines.start_idle_clock")
