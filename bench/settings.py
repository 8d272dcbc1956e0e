"""Settings for benchmarks: the portal's own, plus a bare JSON view to compare against."""

from congress.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
