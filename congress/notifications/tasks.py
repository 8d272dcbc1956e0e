"""Thin Celery tasks: each calls one service. The outbox rows hold the state, not the broker."""

from celery import shared_task

from congress.notifications import delivery


@shared_task(
    acks_late=True,
    autoretry_for=(delivery.DeliveryFailed,),
    retry_backoff=delivery.RETRY_BACKOFF,
    retry_backoff_max=delivery.RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=delivery.MAX_ATTEMPTS,
)
def deliver_outbox_message(message_id: int) -> None:
    delivery.deliver_outbox_message(message_id=message_id)


@shared_task
def drain_outbox() -> int:
    return delivery.drain_outbox()


@shared_task
def send_daily_digests() -> int:
    return delivery.send_daily_digests()
