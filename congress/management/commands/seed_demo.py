"""python manage.py seed_demo: a realistic province for the demo and for tests.

Idempotent: a second run creates only what is missing and keeps what users entered.
"""

import importlib
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from congress.demo import seed_congress, seed_organisations, seed_staff_accounts
from deputies.demo import seed_delegations, seed_deputies, seed_deputy_accounts
from liaison_stations.demo import seed_stations
from suggestions.demo import seed_demo_suggestions, seed_routing

SCALED_APPS = ["suggestions", "motions", "liaison_stations", "deputies"]


class Command(BaseCommand):
    help = "Create the demo province: congress term, sessions, units, delegations, deputies, accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--password", default=settings.DEMO_PASSWORD, help="password of new demo accounts"
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="also generate N suggestions (and the matching volume of other work) in bulk, for benchmarks",
        )

    def handle(self, *args: Any, password: str, scale: int, **options: Any) -> None:
        self.seed_province(password)
        # Each workflow app may add a few example records of its own: demo.seed(out).
        for app in SCALED_APPS:
            if apps.is_installed(app):
                module = importlib.import_module(f"{app}.demo")
                if hasattr(module, "seed"):
                    module.seed(self.stdout)
        if scale > 0:
            # Each workflow app that can generate bulk data offers demo.seed_scale(scale, out).
            for app in SCALED_APPS:
                if not apps.is_installed(app):
                    continue
                module = importlib.import_module(f"{app}.demo")
                if hasattr(module, "seed_scale"):
                    module.seed_scale(scale, self.stdout)

    @transaction.atomic
    def seed_province(self, password: str) -> None:
        # Hash once: hashing is deliberately slow, and every demo account shares the password.
        password_hash = make_password(password)
        congress = seed_congress()
        seed_organisations()
        seed_staff_accounts(password_hash)
        delegations = seed_delegations(congress)
        seed_deputies(congress, delegations)
        seed_deputy_accounts(delegations, password_hash)
        seed_stations(password_hash)
        seed_routing()
        seed_demo_suggestions()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
