"""Run every benchmark (or those named): python -m benchmarks [--quick] [name ...]."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    modules = sorted(m.name for m in pkgutil.iter_modules(importlib.import_module("benchmarks").__path__)
                     if m.name.startswith("bench_"))
    failed = 0
    for name in modules:
        if wanted and name.removeprefix("bench_") not in wanted and name not in wanted:
            continue
        print(f"== {name} ==", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        try:
            module.main(["--quick"] if quick else [])
        except Exception as error:  # one failing benchmark must not hide the others' figures
            failed += 1
            print(f"{name} failed: {error!r}", flush=True)
        print(f"({name} took {time.perf_counter() - start:.0f} s)\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
