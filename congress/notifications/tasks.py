"""Thin Celery tasks: each calls one service. The outbox rows hold the state, not the broker."""

from celery import shared_task

from congress.notifications import services


@shared_task(
    acks_late=True,
    autoretry_for=(services.DeliveryFailed,),
    retry_backoff=services.RETRY_BACKOFF,
    retry_backoff_max=services.RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=services.MAX_ATTEMPTS,
)
def deliver_outbox_message(message_id: int) -> None:
    services.deliver_outbox_message(message_id=message_id)


@shared_task
def drain_outbox() -> int:
    return services.drain_outbox()


@shared_task
def send_daily_digests() -> int:
    return services.send_daily_digests()
