from celery import shared_task
from django.utils import timezone

from congress.models import Heartbeat


@shared_task
def record_heartbeat(name: str = "beat") -> None:
    """Proves beat and worker run: the admin's home page shows when this last ran."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@shared_task(acks_late=True)
def sweep_deadlines() -> int:
    """Beat wakes this every few minutes; the sweep finds its work in the database."""
    from congress.deadlines.reminders import sweep_deadlines as sweep

    return sweep().reminders
