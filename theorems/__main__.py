"""Command line: ``python -m theorems list | check | new | report | replay``.

``check`` starts pytest with the plugin and the claims of this package, so
``pytest theorems`` and ``python -m theorems check`` always agree.  User
errors (unknown id, bad profile, unwritable path) print one line and exit 2;
a claim refuted unexpectedly, or a control that is not refuted, exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one readable line, exit 2
        print(f"theorems: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    from theorems.engine.profiles import PROFILES

    p = _Parser(prog="python -m theorems", description="The executable lecture's theorem checker.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    ls = sub.add_parser("list", help="print the catalogue of claims")
    ls.add_argument("--markdown", action="store_true",
                    help="print docs/claims.md instead (this repository's claims, and --claims-path ones)")
    _external_options(ls)
    ck = sub.add_parser("check", help="run the checker and print the verdict table")
    ck.add_argument("--claim", action="append", default=[], metavar="ID", help="run only this claim (with its controls), or only this control; repeatable")
    ck.add_argument("--profile", choices=PROFILES, default=None,
                    help="Hypothesis profile: fast (default), ci (derandomized; default when CI is set), "
                         "thorough (a deep search), audit (ci's budget, randomized, for --seed sweeps)")
    ck.add_argument("--json", metavar="FILE", default=None, help="write one JSON record per claim and control")
    ck.add_argument("--seed", type=int, default=None,
                    help="Hypothesis seed (--hypothesis-seed); under a derandomized profile (ci) it keys "
                         "each claim's examples with the claim id")
    ck.add_argument("-v", "--verbose", action="store_true", help="show pytest's per-item lines")
    _external_options(ck)
    _new_parser(sub)
    _report_parser(sub, PROFILES)
    _report_parser(sub, PROFILES, name="book")
    rp = sub.add_parser("replay", help="rerun the recorded counterexample of a refutation in a `check --json` FILE")
    rp.add_argument("claim_id", metavar="ID", help="the id of the refuted claim, control or literal statement")
    rp.add_argument("--from", dest="from_json", metavar="FILE", required=True,
                    help="the run file written by `python -m theorems check --json FILE`")
    _external_options(rp)
    return p


def _external_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--claims-path", action="append", default=[], metavar="DIR",
                   help="also take the claim modules DIR/*.py (not _*.py, test_*.py); repeatable")
    p.add_argument("--no-entry-point-claims", action="store_true",
                   help="leave out the claims of installed packages (entry points 'dl_lecture_theorems.claims')")


def _new_parser(sub) -> None:
    from theorems.engine.claims import Kind
    from theorems.engine.sections import SECTIONS

    nw = sub.add_parser("new", help="append a claim skeleton (metadata, property, control) to a section module")
    nw.add_argument("claim_id", metavar="CLAIM_ID", help="snake_case id of the new claim")
    nw.add_argument("--kind", required=True, choices=[str(k) for k in Kind], help="what sort of statement it is")
    nw.add_argument("--section", choices=[s.module for s in SECTIONS], default=None,
                    help="the lecture section module theorems/<SECTION>.py to append to")
    nw.add_argument("--target", metavar="FILE", default=None,
                    help="append to FILE instead (an external claim module; created if missing)")


def _load_external(args) -> str | None:
    """Load --claims-path folders and entry-point claims; an error message, or None."""
    from theorems.engine.external import ExternalClaimsError, load_claims_path, load_entry_points

    try:
        for directory in args.claims_path:
            load_claims_path(directory)
        if not args.no_entry_point_claims:
            load_entry_points()
    except ExternalClaimsError as exc:
        return str(exc)
    return None


def _fail(message: str) -> int:
    print(f"theorems: error: {message}", file=sys.stderr)
    return 2


def _check(args) -> int:
    import subprocess

    from theorems.engine.claims import REGISTRY
    from theorems.engine.profiles import default_profile
    from theorems.engine.sections import load_all

    load_all()
    problem = _load_external(args)
    if problem:
        return _fail(problem)
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
    argv = [sys.executable, "-m", "pytest", str(package_dir), "-p", "theorems.engine.plugin",
            "-p", "no:cacheprovider", "--hypothesis-profile", args.profile or default_profile(),
            "-q" if not args.verbose else "-v", "--no-header"]
    for i in args.claim:
        argv += ["--claim", i]
    if args.json:
        argv += ["--claims-json", args.json]
    if args.seed is not None:
        argv += ["--hypothesis-seed", str(args.seed)]
    for directory in args.claims_path:
        argv += ["--claims-path", str(Path(directory).resolve())]
    if args.no_entry_point_claims:
        argv += ["--no-entry-point-claims"]
    if not args.verbose and not os.environ.get("CI") and sys.stderr.isatty():
        # one status line (claim running, how many remain) instead of pytest's dots and percentages
        argv += ["--claims-progress", "-o", "console_output_style=classic"]
    code = subprocess.run(argv, check=False).returncode
    return {0: 0, 1: 1}.get(code, 2)


def _report_parser(sub, profiles, name: str = "report") -> None:
    if name == "book":  # the report laid out as the lecture: same options, theorems.report.book
        writes = "DIR/index.html, DIR/<section>.html, DIR/summary.html, DIR/figures/*.svg"
        rp = sub.add_parser("book", help="run the checker (or read --from) and write the lecture as a static "
                            f"offline book: {writes}")
    else:
        writes = "DIR/index.html, DIR/report.md, DIR/figures/*.png"
        rp = sub.add_parser("report", help="run the checker (or read --from) and write an HTML + Markdown report")
    rp.add_argument("--out", required=True, metavar="DIR", help=f"write {writes} (and DIR/results.json)")
    rp.add_argument("--from", dest="from_json", metavar="FILE", default=None,
                    help="rebuild the report from a saved `check --json` FILE without rerunning")
    rp.add_argument("--claim", action="append", default=[], metavar="ID", help="report only this claim; repeatable")
    rp.add_argument("--profile", choices=profiles, default=None,
                    help="Hypothesis profile (default: ci when CI is set, else fast)")
    rp.add_argument("--seed", type=int, default=None,
                    help="Hypothesis seed (--hypothesis-seed); under ci it keys each claim's examples")
    rp.add_argument("-v", "--verbose", action="store_true", help="show pytest's per-item lines")
    _external_options(rp)


def _report(args) -> int:
    from theorems.report.pages import ReportError, build_report, load_results, select_results

    out = Path(args.out)
    if args.from_json and (args.profile or args.seed is not None):
        return _fail("--profile and --seed need a run; --from rebuilds a saved run without rerunning it")
    saved = None
    if args.from_json:  # read the saved run before anything is created on disk
        try:
            saved = load_results(Path(args.from_json))
        except ReportError as exc:
            return _fail(str(exc))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(f"cannot write --out {args.out}: {exc.strerror or exc}")
    if not os.access(out, os.W_OK):
        return _fail(f"cannot write --out {args.out}: not a writable directory")
    code = 0
    if args.from_json:
        problem = _load_external(args)
        if problem:
            return _fail(problem)
        source = Path(args.from_json)
    else:
        source = out / "results.json"
        args.json = str(source)
        code = _check(args)
        if code == 2 or not source.is_file():
            return 2
    try:
        doc = select_results(saved if saved is not None else load_results(source),
                             args.claim if args.from_json else [])
        if args.command == "book":
            from theorems.report.book import build_book

            book = build_book(doc, out)
        else:
            files = build_report(doc, out)
    except ReportError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write the report to {args.out}: {exc.strerror or exc}")
    if args.command == "book":
        note = f"; {book.figures_not_drawn} figures not drawn" if book.figures_not_drawn else ""
        print(f"theorems: book of {book.summary.total} statements and {book.summary.controls} controls "
              f"({len(book.pages)} pages, {len(book.figures)} figures{note}): {book.html}")
        return code
    s = files.summary
    note = f"; {files.figures_not_drawn} figures not drawn" if files.figures_not_drawn else ""
    print(f"theorems: report of {s.headline} ({len(files.figures)} figures"
          f"{note}): {files.html} and {files.markdown}")
    return code


def _replay(args) -> int:
    """Replay the refutation of ``args.claim_id`` recorded in ``args.from_json``."""
    import hypothesis

    from theorems.engine.claims import REGISTRY
    from theorems.engine.evidence import ClaimViolation
    from theorems.engine.sections import load_all
    from theorems.replay import replay
    from theorems.report.pages import ReportError, load_results

    try:
        doc = load_results(Path(args.from_json))
    except ReportError as exc:
        return _fail(str(exc))
    load_all()
    problem = _load_external(args)
    if problem:
        return _fail(problem)
    if args.claim_id not in REGISTRY:
        return _fail(f"unknown claim id {args.claim_id!r}; `python -m theorems list` shows the ids")
    record = next((r for r in doc["results"] if r["id"] == args.claim_id), None)
    if record is None:
        return _fail(f"{args.from_json} has no record of {args.claim_id!r}")
    if record.get("verdict") != "refuted":
        return _fail(f"{args.claim_id!r} was not refuted in {args.from_json} (outcome: {record.get('outcome')}); "
                     "there is no counterexample to replay")
    recorded = (doc.get("versions") or {}).get("hypothesis")
    blob = record.get("reproduce_blob")
    values = record.get("counterexample_values")
    use_blob = bool(blob) and recorded == hypothesis.__version__
    if not use_blob:
        if blob:
            print(f"theorems: the record was made with Hypothesis {recorded}, this is "
                  f"{hypothesis.__version__}: replaying the recorded values, not the blob")
        if values is None:
            return _fail(f"the record of {args.claim_id!r} keeps no values to replay "
                         f"({record.get('counterexample_note') or 'none recorded'})")
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Hypothesis' own report of the example
            if use_blob:
                replay(args.claim_id, blob["hypothesis"], blob["blob"].encode())
            else:
                replay(args.claim_id, values=values)
    except ClaimViolation as exc:
        print(f"{args.claim_id}: refuted as recorded: {str(exc).splitlines()[0]}")
        return 0
    except Exception as exc:  # the replay crashed: not the recorded refutation
        message = str(exc).strip().splitlines()
        print(f"{args.claim_id}: the replay did not refute it, it raised "
              f"{type(exc).__name__}: {message[0] if message else ''}")
        return 1
    print(f"{args.claim_id}: no longer refuted by the recorded counterexample "
          f"({(record.get('counterexample') or '').splitlines()[0]})")
    return 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "new":
        from theorems.engine.skeleton import SkeletonError, write_skeleton

        try:
            path = write_skeleton(args.claim_id, kind=args.kind, section=args.section, target=args.target)
        except SkeletonError as exc:
            return _fail(str(exc))
        extra = "" if args.target is None else f" --claims-path {path.parent}"
        verb = "wrote" if args.target is None else "appended"
        print(f"theorems: {verb} claim {args.claim_id!r} and one control to {path}; "
              f"check it with: python -m theorems check --claim {args.claim_id}{extra}")
        return 0
    if args.command == "list":
        from theorems.report.catalogue import catalogue_markdown, catalogue_text

        problem = _load_external(args)
        if problem:
            return _fail(problem)
        sys.stdout.write(catalogue_markdown(external=bool(args.claims_path)) if args.markdown
                         else catalogue_text())
        return 0
    if args.command == "replay":
        return _replay(args)
    try:
        return _report(args) if args.command in ("report", "book") else _check(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
