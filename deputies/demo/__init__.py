"""Demo deputies: the province's delegations and deputies (province.py), and a year of their own
record (record.py) so that deputy1's archive is full on a fresh `make run`, and inspections in bulk
for benchmarks (scale.py)."""

from deputies.demo.province import seed_delegations, seed_deputies, seed_deputy_accounts
from deputies.demo.record import seed
from deputies.demo.scale import seed_scale

__all__ = ["seed", "seed_delegations", "seed_deputies", "seed_deputy_accounts", "seed_scale"]
