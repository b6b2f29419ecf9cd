"""The verdict snapshot: what a refactor must not change, from a ``--profile ci`` run's JSON.

``tests/data/verdicts_ci.json`` holds, for every claim, control and literal statement, the
fields that define its verdict (id, role, kind, catalogue entry, source, statement, verdict,
outcome and the proofs recorded).  ``tests/engine/test_parallel_checker.py`` compares a fresh serial
``ci`` run with it, so a layout move or a refactor that changes any verdict fails.  Worst ratios,
example counts and counterexample values are left out: they are the search's path, which the
last bits of a BLAS result can steer (``target()`` follows them), not the verdict.

Usage::

    python -m theorems check --profile ci --json run.json
    python scripts/verdict_snapshot.py run.json --update   # after adding a claim on purpose
    python scripts/verdict_snapshot.py run.json            # exit 1 and the differences otherwise
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "verdicts_ci.json"
FIELDS = ("id", "role", "kind", "catalogue", "source", "statement", "verdict", "ok", "outcome",
          "proofs", "origin")
ABOUT = ("Verdict records of `python -m theorems check --profile ci`: the fields a layout move or a "
         "refactor must not change. Regenerate with `python scripts/verdict_snapshot.py RUN.json "
         "--update` when a claim is added or its verdict changes on purpose.")


def verdict_records(run: dict) -> list[dict]:
    """The verdict-defining fields of every record of a run, in the run's order."""
    return [{k: r.get(k) for k in FIELDS} for r in run["results"]]


def differences(expected: list[dict], got: list[dict]) -> list[str]:
    """One line per record that differs, is missing or is new."""
    old = {r["id"]: r for r in expected}
    new = {r["id"]: r for r in got}
    lines = [f"{i}: missing from the run" for i in old if i not in new]
    lines += [f"{i}: not in the snapshot" for i in new if i not in old]
    for i in old.keys() & new.keys():
        for k in FIELDS:
            if old[i].get(k) != new[i].get(k):
                lines.append(f"{i}: {k}={new[i].get(k)!r}, but should be {old[i].get(k)!r}")
    if not lines and [r["id"] for r in expected] != [r["id"] for r in got]:
        lines.append("the records are in a different order")
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", help="a run's JSON (python -m theorems check --profile ci --json FILE)")
    ap.add_argument("--update", action="store_true", help="write the snapshot from this run")
    args = ap.parse_args(argv)
    run = json.loads(Path(args.run).read_text(encoding="utf-8"))
    if run.get("profile") != "ci":
        print(f"{args.run}: profile {run.get('profile')!r}, but the snapshot is of a ci run", file=sys.stderr)
        return 2
    records = verdict_records(run)
    if args.update:
        SNAPSHOT.write_text(json.dumps({"about": ABOUT, "fields": list(FIELDS), "results": records},
                                       indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT} ({len(records)} records)")
        return 0
    diff = differences(json.loads(SNAPSHOT.read_text(encoding="utf-8"))["results"], records)
    for line in diff:
        print(line)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
