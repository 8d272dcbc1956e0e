"""Official papers in the national format (GB/T 9704-2012) as DOCX and PDF, generated in the
request or in a Celery task, kept in the storage and handed out after a permission check; and
the committee's reports (S§45, S§11(2), M§26) whose text sections are saved in versions."""
