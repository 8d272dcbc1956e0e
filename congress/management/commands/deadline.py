"""python manage.py deadline 2021-07-01 3m

Prints the due date (ISO) on the first line and the explanation after it; a malformed
input exits non-zero with a one-line error.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from congress.deadlines.calendar import compute_deadline
from congress.deadlines.periods import Period, PeriodError, parse_date


class Command(BaseCommand):
    help = "Compute a statutory deadline: START (YYYY-MM-DD) and PERIOD (Nd, Nwd or Nm)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("start")
        parser.add_argument("period")
        parser.add_argument("--language", default="zh-hans", choices=["zh-hans", "en"])

    def handle(self, *args: Any, start: str, period: str, language: str, **options: Any) -> None:
        with translation.override(language):
            try:
                deadline = compute_deadline(parse_date(start), Period.parse(period))
            except PeriodError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(deadline.due.isoformat())
            self.stdout.write(deadline.explanation())
