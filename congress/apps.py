from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Congress")

    def ready(self) -> None:
        from congress import signals  # noqa: F401 - connects the Celery signal handlers
        from congress.deadlines.reminders import register_step
        from congress.deadlines.services import calendar_remind_missing_year

        register_step(calendar_remind_missing_year)
