"""python -m bench: run every benchmark and print its figures."""

import importlib
import pkgutil

import bench

for module in pkgutil.iter_modules(bench.__path__):
    if module.name.startswith("_"):
        continue
    print(f"== bench.{module.name}")
    importlib.import_module(f"bench.{module.name}").main()
