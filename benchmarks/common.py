"""Timing helpers shared by the benchmarks: medians of repeated runs, side by side."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from typing import Any


def median_seconds(run: Callable[[], Any], repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, seconds: float, anchor_name: str | None = None, anchor: float | None = None,
           target: str = "") -> str:
    line = f"{name}: median {seconds:.4f} s"
    if anchor_name and anchor:
        line += f"; {anchor_name} {anchor:.4f} s; ratio {seconds / anchor:.2f}x"
    if target:
        line += f" (target {target})"
    print(line, flush=True)
    return line


def interleaved_medians(runs: dict[str, Callable[[], Any]], rounds: int = 15,
                        warmup: int = 2, block: int = 1) -> dict[str, float]:
    """Median seconds of each run, measured in turns (a block of `block` runs of each per
    round), so that a noisy moment of the machine falls on every run alike rather than on
    one of them. The garbage collector is emptied before each block: otherwise a run that
    allocates much leaves collections to be paid by the next one, a light anchor most of all."""
    for _ in range(warmup):
        for run in runs.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            gc.collect()
            for _ in range(block):
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}
