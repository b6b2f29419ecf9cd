"""Command line: ``python -m theorems list | check``.

``check`` starts pytest with the plugin and the claims of this package, so
``pytest theorems`` and ``python -m theorems check`` always agree.  User
errors (unknown id, bad profile, unwritable path) print one line and exit 2;
a claim refuted unexpectedly, or a control that is not refuted, exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one readable line, exit 2
        print(f"theorems: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from .profiles import PROFILES

    p = _Parser(prog="python -m theorems", description="The executable lecture's theorem checker.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ls = sub.add_parser("list", help="print the catalogue of claims")
    ls.add_argument("--markdown", action="store_true", help="print docs/claims.md instead")
    ck = sub.add_parser("check", help="run the checker and print the verdict table")
    ck.add_argument("--claim", action="append", default=[], metavar="ID", help="run only this claim; repeatable")
    ck.add_argument("--profile", choices=PROFILES, default=None,
                    help="Hypothesis profile (default: ci when CI is set, else fast)")
    ck.add_argument("--json", metavar="FILE", default=None, help="write one JSON record per claim and control")
    ck.add_argument("--seed", type=int, default=None, help="Hypothesis seed for a non-derandomized profile")
    ck.add_argument("-v", "--verbose", action="store_true", help="show pytest's per-item lines")
    return p


def _fail(message: str) -> int:
    print(f"theorems: error: {message}", file=sys.stderr)
    return 2


def _check(args) -> int:
    import subprocess

    from .claims import REGISTRY
    from .profiles import default_profile
    from .sections import load_all

    load_all()
    unknown = [i for i in args.claim if i not in REGISTRY]
    if unknown:
        return _fail(f"unknown claim id {', '.join(map(repr, unknown))}; `python -m theorems list` shows the ids")
    if args.json:
        parent = Path(args.json).resolve().parent
        if not parent.is_dir() or not os.access(parent, os.W_OK) or Path(args.json).is_dir():
            return _fail(f"cannot write --json {args.json}: {parent} is not a writable directory")
    package_dir = Path(__file__).resolve().parent
    # pytest runs in its own process: this one has imported the claims (and hypothesis)
    # already, which would keep pytest from rewriting their assertions.
    argv = [sys.executable, "-m", "pytest", str(package_dir), "-p", "theorems.plugin",
            "-p", "no:cacheprovider", "--hypothesis-profile", args.profile or default_profile(),
            "-q" if not args.verbose else "-v", "--no-header"]
    for i in args.claim:
        argv += ["--claim", i]
    if args.json:
        argv += ["--claims-json", args.json]
    if args.seed is not None:
        argv += ["--hypothesis-seed", str(args.seed)]
    code = subprocess.run(argv, check=False).returncode
    return {0: 0, 1: 1}.get(code, 2)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "list":
        from .catalogue import catalogue_markdown, catalogue_text

        sys.stdout.write(catalogue_markdown() if args.markdown else catalogue_text())
        return 0
    try:
        return _check(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
