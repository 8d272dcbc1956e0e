from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Suggestions")

    def ready(self) -> None:
        from congress.deadlines.recompute import register
        from suggestions.services.assignment import recompute_provisional_deadlines

        register(recompute_provisional_deadlines)

        from suggestions import reminders

        reminders.register_all()

        # The co-signing engine closes this instrument's invitations when a deputy leaves office.
        from suggestions.workflow import signing  # noqa: F401
