"""Write docs/rules.md from the workflow tables (make rules); --check fails when it is stale."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congress.rules_reference import RULES_FILE, render


class Command(BaseCommand):
    help = "Generate the rules reference (docs/rules.md) from the workflow and statutory tables."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if docs/rules.md is not current.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        text = render()
        current = RULES_FILE.read_text(encoding="utf-8") if RULES_FILE.exists() else ""
        if check:
            if text != current:
                raise CommandError(
                    "docs/rules.md is stale: a workflow or statutory table changed. Run `make rules`."
                )
            self.stdout.write("docs/rules.md is current.")
            return
        RULES_FILE.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {RULES_FILE}.")
