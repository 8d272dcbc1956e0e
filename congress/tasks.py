from celery import shared_task
from django.utils import timezone

from congress.models import Heartbeat


@shared_task
def record_heartbeat(name: str = "beat") -> None:
    """Proves beat and worker run: the admin's home page shows when this last ran."""
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
