"""`seawall release ...`: k-anonymous files, DP counts, DP synthetic data, privacy budgets.

    seawall release kanon INPUT.csv --k 11 --out OUT.csv [--quasi COL,COL] [--report R.json]
    seawall release dp-counts INPUT.csv --epsilon E --by COL,COL --out OUT.csv [--ledger L.json]
    seawall release synth INPUT.csv --epsilon E --out OUT.csv [--ledger L.json] [--report R.json]
    seawall release budget INPUT.csv [--epsilon E --delta D] [--ledger L.json]

A dataset is identified by the sha256 of its file. Its privacy budget must be set (budget)
before any DP release; every DP release is charged to the ledger before noise is drawn.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from seawall.errors import InputError
from seawall.release import dpcounts, kanon, synth
from seawall.release.io import file_sha256, read_table, write_csv_atomic, write_json_atomic
from seawall.release.ledger import Budget, Charge, JsonFileLedger, check_delta, check_epsilon

DEFAULT_LEDGER = "privacy-ledger.json"
DEFAULT_BUDGET_DELTA = 1e-6


def register(subparsers: Any) -> None:
    release = subparsers.add_parser("release", help="k-anonymous, DP and synthetic releases")
    commands = release.add_subparsers(dest="release_command", required=True)

    p = commands.add_parser("kanon", help="k-anonymous case-level file (generalise, then suppress)")
    p.add_argument("input")
    p.add_argument("--k", default="11", help="smallest class size (default 11, as CTDC)")
    p.add_argument("--out", required=True)
    p.add_argument("--quasi", help="quasi-identifiers, comma-separated (default: CTDC's set)")
    p.add_argument("--report", help="write the JSON report here")
    p.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
    p.set_defaults(func=run_kanon)

    p = commands.add_parser("dp-counts", help="differentially private counts with intervals")
    p.add_argument("input")
    p.add_argument("--epsilon", required=True)
    p.add_argument("--by", required=True, help="columns to count by, comma-separated")
    p.add_argument("--out", required=True)
    p.add_argument("--delta", help=f"only for groups that are not public (default {dpcounts.DEFAULT_DELTA:g})")
    p.add_argument("--alpha", default="0.05", help="1 - confidence of the intervals (default 0.05)")
    p.add_argument("--contributions", default="1", help="most records one victim can have (default 1)")
    _ledger_options(p)
    p.set_defaults(func=run_dp_counts)

    p = commands.add_parser("synth", help="DP synthetic records (pac-synth) with a utility report")
    p.add_argument("input")
    p.add_argument("--epsilon", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--delta", help="default min(1e-7, 1/(n ln n))")
    p.add_argument("--records", help="how many records to make (default: the noisy input count)")
    p.add_argument("--keep-zeros", action="store_true", help="keep 0 apart from blank in flags")
    p.add_argument("--progress", action="store_true", help="show progress on stderr even when it is not a terminal")
    _ledger_options(p)
    p.set_defaults(func=run_synth)

    p = commands.add_parser("budget", help="set or show a dataset's privacy budget")
    p.add_argument("input")
    p.add_argument("--epsilon", help="total epsilon the dataset may spend (omit to show)")
    p.add_argument("--delta", help=f"total delta (default {DEFAULT_BUDGET_DELTA:g})")
    p.add_argument("--ledger", help=f"ledger file (default $SEAWALL_PRIVACY_LEDGER or {DEFAULT_LEDGER})")
    p.set_defaults(func=run_budget)


def _ledger_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ledger", help=f"privacy ledger (default $SEAWALL_PRIVACY_LEDGER or {DEFAULT_LEDGER})")
    parser.add_argument("--report", help="write the JSON report here")


def _ledger(namespace: argparse.Namespace) -> JsonFileLedger:
    return JsonFileLedger(namespace.ledger or os.environ.get("SEAWALL_PRIVACY_LEDGER") or DEFAULT_LEDGER)


def _progress(namespace: argparse.Namespace) -> bool:
    """Progress bars on stderr when someone watches a terminal, or when asked for."""
    return bool(namespace.progress) or sys.stderr.isatty()


def _int(value: str, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"must be a whole number, not {value!r}", field=field) from None


def _columns(value: str | None) -> list[str] | None:
    return None if value is None else value.split(",")


def run_kanon(ns: argparse.Namespace) -> int:
    k = kanon.check_k(_int(ns.k, "--k"))
    frame = read_table(ns.input)
    try:
        result = kanon.anonymise(frame, k, _columns(ns.quasi), progress=_progress(ns))
    except kanon.KAnonymityViolation as error:
        print(f"seawall release kanon: {error}; nothing written", file=sys.stderr)
        return 1
    report = {"input_sha256": file_sha256(ns.input), **result.report}
    write_csv_atomic(ns.out, result.frame)
    if ns.report:
        write_json_atomic(ns.report, report)
    print(f"k = {k}: kept {report['records_kept']} of {report['records_in']} records "
          f"({report['records_generalised']} generalised, {report['records_suppressed']} suppressed; "
          f"suppression only would drop {report['suppression_only_for_comparison']['records_suppressed']}); "
          f"smallest class {report['class_sizes'].get('min', 0)}; NCP {report['loss']['ncp']:.4f}")
    return 0


def run_dp_counts(ns: argparse.Namespace) -> int:
    alpha = _float(ns.alpha, "--alpha")
    contributions = _int(ns.contributions, "--contributions")
    check_epsilon(ns.epsilon)
    frame = read_table(ns.input)
    plan = dpcounts.plan_counts(frame, ns.by.split(","), ns.epsilon, ns.delta, contributions)
    if not 0 < alpha < 1:
        raise InputError(f"must be between 0 and 1, not {alpha}", field="--alpha")
    charge = Charge(dataset=file_sha256(ns.input), mechanism="dp-counts", epsilon=plan.epsilon,
                    delta=plan.delta, note=f"by {','.join(plan.by)}")
    _ledger(ns).charge(charge)
    release = dpcounts.release_counts(frame, plan, alpha)
    write_csv_atomic(ns.out, release.table)
    if ns.report:
        write_json_atomic(ns.report, {"input_sha256": charge.dataset, "release_id": charge.nonce,
                                      **release.summary()})
    print(f"{len(release.table)} groups; epsilon {plan.epsilon:g}, delta {plan.delta:g} charged "
          f"(release {charge.nonce}); {release.summary()['confidence']:.0%} intervals ±{int(release.accuracy)}")
    return 0


def run_synth(ns: argparse.Namespace) -> int:
    records = None if ns.records is None else _int(ns.records, "--records")
    check_epsilon(ns.epsilon)
    frame = read_table(ns.input)
    plan = synth.plan_synth(frame, ns.epsilon, ns.delta, records, ns.keep_zeros)
    charge = Charge(dataset=file_sha256(ns.input), mechanism="synth", epsilon=plan.epsilon,
                    delta=plan.delta, note="pac-synth")
    _ledger(ns).charge(charge)
    release = synth.synthesise(frame, plan, progress=_progress(ns))
    write_csv_atomic(ns.out, release.frame)
    if ns.report:
        write_json_atomic(ns.report, {"input_sha256": charge.dataset, "release_id": charge.nonce,
                                      **release.summary(),
                                      "utility": synth.utility_report(frame, release)})
    print(f"{len(release.frame)} synthetic records; epsilon {plan.epsilon:g}, delta {plan.delta:g} "
          f"charged (release {charge.nonce})")
    return 0


def run_budget(ns: argparse.Namespace) -> int:
    ledger = _ledger(ns)
    dataset = file_sha256(ns.input)
    if ns.epsilon is not None:
        delta = check_delta(DEFAULT_BUDGET_DELTA if ns.delta is None else ns.delta)
        ledger.set_budget(dataset, Budget(check_epsilon(ns.epsilon), delta))
    budget = ledger.budget(dataset)
    spent = ledger.spent(dataset)
    if budget is None:
        print(f"dataset {dataset}: no budget set")
    else:
        print(f"dataset {dataset}: epsilon {spent.epsilon:g} of {budget.epsilon:g} spent, "
              f"delta {spent.delta:g} of {budget.delta:g}; {len(ledger.charges(dataset))} release(s)")
    return 0


def _float(value: str, field: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"must be a number, not {value!r}", field=field) from None
