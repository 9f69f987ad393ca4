"""The `research` command line.

    research data refresh [ID ...]     fetch live (FRED, Yahoo Finance) into the local store
    research data import DIR           import a snapshot directory (fred/, yahoo/, other/)
    research data status [--json]      every catalog series: source, dates, rows, provenance, state
    research data verify               re-check checksums and formats (rebuilds a bad cache)
    research run [NB ...] [--jobs N] [--force]   execute notebooks that are out of date, build the site
    research scorecard                 collect claim records into reports/scorecard.* and README
    research new NN_slug "Title"       scaffold a new paired notebook

User errors print one line (`error: ...`) and exit 2; a refresh with failed series exits 1.
"""
from __future__ import annotations

import argparse
import json
import sys

from research_lib.errors import ResearchError


def _store():
    from research_lib.data.store import default_store

    return default_store()


def _print_report(report, verb: str) -> int:
    by_message: dict[str, list[str]] = {}
    for sid, message in sorted(report.failed.items()):
        by_message.setdefault(message, []).append(sid)
    for message, ids in by_message.items():
        if len(ids) == 1:
            print(f"  failed  {ids[0]}: {message}", file=sys.stderr)
        else:
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            print(f"  failed  {len(ids)} series ({shown}): {message}", file=sys.stderr)
    print(f"{verb}: {report.summary()}")
    return 1 if report.failed else 0


def cmd_refresh(args) -> int:
    from research_lib.data import ingest

    return _print_report(ingest.refresh(_store(), args.ids or None, progress=not args.quiet), "refresh")


def cmd_import(args) -> int:
    from research_lib.data import ingest

    report = ingest.import_snapshot(_store(), args.directory, progress=not args.quiet)
    if report.missing and args.verbose:
        print(f"  not in snapshot: {', '.join(report.missing)}", file=sys.stderr)
    return _print_report(report, f"import {args.directory}")


def cmd_status(args) -> int:
    rows = _store().status()
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'id':<{width}}  {'source':<6} {'first':<10} {'last':<10} {'rows':>6}  {'state':<7} retrieved")
    for r in rows:
        print(
            f"{r['id']:<{width}}  {r['source']:<6} {r.get('first') or '':<10} {r.get('last') or '':<10} "
            f"{r.get('rows') or '':>6}  {r['state']:<7} {r.get('retrieved_at') or ''} {r.get('method') or ''}"
        )
    states = {}
    for r in rows:
        states[r["state"]] = states.get(r["state"], 0) + 1
    print(", ".join(f"{n} {s}" for s, n in sorted(states.items())))
    return 0


def cmd_verify(args) -> int:
    problems = _store().verify()
    for sid, problem in problems:
        print(f"  {sid}: {problem}", file=sys.stderr)
    bad = [p for p in problems if p[0] != "cache"]
    print(f"verify: {len(bad)} bad file(s)" + (" (run `research data import DIR` or `research data refresh ID`)" if bad else ", all checksums and formats ok"))
    return 1 if bad else 0


def cmd_run(args) -> int:
    from research_lib.publish import runner

    summary = runner.run(args.notebooks or None, jobs=args.jobs, force=args.force)
    return 1 if summary.failed else 0


def cmd_scorecard(args) -> int:
    from research_lib.publish import scorecard

    path = scorecard.build()
    print(f"scorecard written: {path}")
    return 0


def cmd_new(args) -> int:
    from research_lib.publish import scaffold

    path = scaffold.new(args.slug, args.title)
    print(f"created {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="research", description="Macro-markets research lab: data, notebooks, scorecard.")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="the local data store").add_subparsers(dest="data_command", required=True)
    p = data.add_parser("refresh", help="fetch series live (FRED, Yahoo Finance)")
    p.add_argument("ids", nargs="*", help="series ids (default: every live catalog series)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_refresh)
    p = data.add_parser("import", help="import a snapshot directory")
    p.add_argument("directory")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-v", "--verbose", action="store_true", help="list catalog series the snapshot lacks")
    p.set_defaults(func=cmd_import)
    p = data.add_parser("status", help="state of every catalog series")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)
    p = data.add_parser("verify", help="re-check checksums and formats")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("run", help="execute notebooks whose inputs changed, then build the site")
    p.add_argument("notebooks", nargs="*", help="notebook names (default: all)")
    p.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: all cores)")
    p.add_argument("--force", action="store_true", help="run even if up to date")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("scorecard", help="collect claim verdicts into reports/scorecard.* and README")
    p.set_defaults(func=cmd_scorecard)
    p = sub.add_parser("new", help="scaffold a new paired notebook")
    p.add_argument("slug", help="NN_slug, e.g. 05_crypto_politics")
    p.add_argument("title")
    p.set_defaults(func=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ResearchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: files already on disk are unchanged", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
