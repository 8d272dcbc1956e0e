from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeputiesConfig(AppConfig):
    name = "deputies"
    verbose_name = _("Deputies")

    def ready(self) -> None:
        from congress.deadlines.recompute import register
        from deputies import reminders
        from deputies.services.feedback import recompute_feedback_deadlines

        # Feedback on inspection reports stores its due date (D§27).
        register(recompute_feedback_deadlines)
        # The sweep reminds the bodies; the overdue board lists what is late.
        reminders.register_all()
