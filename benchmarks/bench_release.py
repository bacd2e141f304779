"""Releases: k-anonymity against CTDC's suppression-only method, its speed, synth utility.

    python -m benchmarks release [--quick]

1. Generated skewed CTDC v1 data (100,000 cases), k = 11, CTDC's default quasi-identifiers:
   records suppressed and information loss, Seawall and CTDC's method side by side
   (target: Seawall suppresses at most a fifth of what CTDC's method does).
   The real 2018 CTDC file too, when ../shared is present.
2. Median seconds of Seawall's kanon for 1,000,000 generated cases.
3. pac-synth synthetic data at epsilon 1 and 4: mean errors of 1-, 2- and 3-way marginals.
   pac-synth samples ~5-25 ms per record with 58 columns on this machine, so this part uses
   10,000 cases (1,000 with --quick).
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import median_seconds, report
from seawall.release import kanon, synth
from seawall.release.io import read_table
from seawall.synth.ctdc import generate_ctdc_v1

SHARED_CTDC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ctdc" / "ctdc_global_kanon_2018.csv"
K = 11


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    side_by_side_n = 10_000 if quick else 100_000
    timing_n = 50_000 if quick else 1_000_000
    synth_n = 1_000 if quick else 10_000

    compare(f"generated skewed CTDC v1, {side_by_side_n:,} cases",
            generate_ctdc_v1(side_by_side_n, seed=2024, progress=False))
    if SHARED_CTDC.exists():
        compare("real CTDC 2018 file (already k-anonymised by CTDC; blank counted as a value)",
                read_table(SHARED_CTDC))
    else:
        print("real CTDC file: skipped (../shared absent)")

    big = generate_ctdc_v1(timing_n, seed=2025, progress=True)
    seconds = median_seconds(lambda: kanon.anonymise(big, K), repeat=3, warmup=0)
    report(f"kanon k={K}, {timing_n:,} generated cases", seconds)

    frame = generate_ctdc_v1(synth_n, seed=2026, progress=False)
    for epsilon in (1.0, 4.0):
        plan = synth.plan_synth(frame, epsilon)
        start = time.perf_counter()
        release = synth.synthesise(frame, plan, progress=False)
        seconds = time.perf_counter() - start
        utility = synth.utility_report(frame, release)
        print(f"synth epsilon={epsilon:g}, {synth_n:,} cases -> {len(release.frame):,} records: "
              + "; ".join(f"{w} marginal error mean {utility[w]['mean']:.4f} (median "
                          f"{utility[w]['median']:.4f}, max {utility[w]['max']:.4f}, "
                          f"{utility[w]['marginals']} marginals, worst {'/'.join(utility[w]['worst'])})" for w in ("1-way", "2-way", "3-way"))
              + f"; {seconds:.0f} s", flush=True)


def compare(title: str, frame) -> None:  # type: ignore[no-untyped-def]
    ours = kanon.anonymise(frame, K).report
    ctdc = kanon.suppress_only(frame, K).report
    n = len(frame)
    print(f"kanon k={K} on {title}; {len(ours['quasi_identifiers'])} quasi-identifiers")
    print(f"  {'method':<26}{'suppressed':>12}{'share':>9}{'NCP':>9}{'discernibility':>17}")
    for name, rep in (("CTDC (suppression only)", ctdc), ("Seawall (generalise first)", ours)):
        print(f"  {name:<26}{rep['records_suppressed']:>12,}{rep['records_suppressed'] / n:>9.1%}"
              f"{rep['loss']['ncp']:>9.4f}{rep['loss']['discernibility']:>17,}")
    print(f"  Seawall generalised {ours['records_generalised']:,} records; "
          f"classes: {ours['class_sizes']['classes']:,}, smallest {ours['class_sizes']['min']}")
    if ctdc["records_suppressed"]:
        met = ours["records_suppressed"] * 5 <= ctdc["records_suppressed"]
        print(f"  target suppressed <= 1/5 of CTDC's ({ctdc['records_suppressed'] / 5:,.0f}): "
              f"{'met' if met else 'NOT met'}", flush=True)
