"""python manage.py refresh_calendar: take new years from the chinesecalendar package.

Safe to run again: it adds what is missing, keeps the recorded corrections, and never
changes a year staff entered from the State Council notice.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from congress.deadlines.calendar import calendar_changed
from congress.deadlines.calendar_seed import package_source, seed_from_package


class Command(BaseCommand):
    help = "Seed or refresh the official holiday calendar from the chinesecalendar package."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        changed = seed_from_package(apps)
        if changed:
            transaction.on_commit(calendar_changed)
            self.stdout.write(f"{package_source()}: updated {', '.join(map(str, changed))}")
        else:
            self.stdout.write(f"{package_source()}: calendar already up to date")
