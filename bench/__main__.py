"""python -m bench: run every benchmark, each in its own process, and print its figures."""

import pkgutil
import subprocess
import sys

import bench

SKIP = {"settings", "urls", "locustfile"}  # locustfile: run by bench.load

for module in pkgutil.iter_modules(bench.__path__):
    if module.name.startswith("_") or module.name in SKIP:
        continue
    print(f"== bench.{module.name}", flush=True)
    subprocess.run([sys.executable, "-m", f"bench.{module.name}"], check=True)  # noqa: S603 - our own modules
