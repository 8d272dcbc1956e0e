from typing import Any

from celery.signals import task_prerun

from congress.deadlines.calendar import refresh_if_changed


@task_prerun.connect
def _refresh_calendar_before_task(**kwargs: Any) -> None:
    # A worker lives for days: pick up calendar edits made elsewhere before each task.
    refresh_if_changed()
