from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonStationsConfig(AppConfig):
    name = "liaison_stations"
    verbose_name = _("Liaison stations")

    def ready(self) -> None:
        from congress.deadlines.recompute import register
        from liaison_stations import reminders
        from liaison_stations.services.opinions import recompute_forwarding_deadlines

        # Forwarded opinions store their answer due date (policy_rule("station_forward")).
        register(recompute_forwarding_deadlines)
        # The sweep reminds of answers due and of months still without a reception.
        reminders.register_all()
