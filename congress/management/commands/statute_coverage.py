"""Which articles of the suggestion and motion measures the code and the tests cite; --check
fails when an operative article is not cited both in the code and in the tests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congress.statute_coverage import coverage


class Command(BaseCommand):
    help = "List every article of the suggestion (S§) and motion (M§) measures and where it is cited."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if an operative article is not cited in both code and tests.",
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        rows = coverage()
        for row in rows:
            if row.operative:
                where = f"code {row.in_code:3d} files · tests {row.in_tests:3d} files"
                self.stdout.write(f"{row.article:6} {where}{'  ← not in both' if row.uncited else ''}")
            else:
                self.stdout.write(f"{row.article:6} not operative: {row.reason}")
        uncited = [row.article for row in rows if row.uncited]
        if check and uncited:
            raise CommandError(f"Operative articles not cited in both code and tests: {', '.join(uncited)}")
