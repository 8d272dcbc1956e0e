"""Demo data of the liaison stations, for `manage.py seed_demo` and the benchmarks: the
showcase stations in Taiyuan, and bulk data for scale."""

from liaison_stations.demo.scale import seed_scale
from liaison_stations.demo.showcase import seed_stations

__all__ = ["seed_scale", "seed_stations"]
