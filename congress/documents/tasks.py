from celery import shared_task


@shared_task(acks_late=True)
def generate_document(document_id: int) -> None:
    """A PDF with embedded CJK fonts takes seconds: made here, not in the request."""
    from congress.documents.services import document_generate

    document_generate(document_id=document_id)
