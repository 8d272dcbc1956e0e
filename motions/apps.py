from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    name = "motions"
    verbose_name = _("Motions")

    def ready(self) -> None:
        from congress.deadlines.recompute import register
        from motions.services.recess import motion_report_due_recompute

        # The 6-month report clock (M§23) may reach into a year the calendar lacks.
        register(motion_report_due_recompute)

        from motions import reminders

        reminders.register_all()

        # The co-signing engine closes this instrument's invitations when a deputy leaves office;
        # the joint instruments (D§14–D§16) declare theirs in their shared services.
        from motions import signing  # noqa: F401
        from motions.services import joint  # noqa: F401
