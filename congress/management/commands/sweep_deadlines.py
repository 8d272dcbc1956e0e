"""python manage.py sweep_deadlines [--date YYYY-MM-DD]: the deadline sweep, run by hand.

The same sweep beat runs every few minutes; running it again sends nothing twice.
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from congress.deadlines.reminders import sweep_deadlines


class Command(BaseCommand):
    help = "Send the deadline reminders due today (each once) and close the windows that ended."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="sweep as of this day (YYYY-MM-DD); default today")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"{date!r} is not a date (YYYY-MM-DD)") from None
        result = sweep_deadlines(today=today)
        self.stdout.write(
            f"reminders: {result.reminders}, notifications: {result.notifications}, other steps: {result.steps}"
        )
        for kind, count in sorted(result.by_kind.items()):
            if count:
                self.stdout.write(f"  {kind}: {count}")
