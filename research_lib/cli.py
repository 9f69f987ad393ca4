"""The `research` command line.

    research data refresh [ID ...]     fetch every catalog row from its live source, merged into the store
               [--budget S] [--timeout S] [--retries N] [--allow-shrink] [--as-of DATE | --vintage first]
    research data history ID           list the stored versions of a series (a refresh keeps the file it replaces)
    research data restore ID VERSION   bring a stored version back
    research data import DIR           import a snapshot directory (fred/, yahoo/, other/)
    research data status [--json]      every catalog series: source, dates, rows, provenance, state
    research data verify               re-check checksums and formats (rebuilds a bad cache)
    research run [NB ...] [--jobs N] [--force]   execute notebooks that are out of date, build the site
    research scorecard                 collect claim records into reports/scorecard.* and README
    research new NN_slug "Title"       scaffold a new paired notebook

User errors print one line (`error: ...`) and exit 2; a refresh with failed series exits 1. Messages
are bounded and never show a secret (the FRED key) or more than a short excerpt of a file. Ctrl-C
says what was already changed (exit 130); a closed pipe (`research data status | head`) ends quietly
(exit 141).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from research_lib.errors import ResearchError, one_line


def _store():
    from research_lib.data.store import default_store

    return default_store()


def _print_report(report, verb: str) -> int:
    by_message: dict[str, list[str]] = {}
    for sid, message in sorted(report.failed.items()):
        by_message.setdefault(one_line(message, 300), []).append(sid)
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

    report = ingest.refresh(_store(), args.ids or None, progress=not args.quiet, timeout=args.timeout,
                            retries=args.retries, budget=args.budget, allow_shrink=args.allow_shrink,
                            as_of=args.as_of, vintage=args.vintage)
    return _refresh_outcome(report)


def _refresh_outcome(report) -> int:
    """Print what a refresh changed, refused and failed; stop `make run` when there is no data at all."""
    for sid, reason in sorted(report.refused.items()):
        print(f"  refused {sid}: {reason}", file=sys.stderr)
    for line in report.change_lines():
        print(f"  {line}")
    if report.added:
        print(f"  added {len(report.added)} series not stored before")
    code = _print_report(report, "refresh")
    if report.failed and not report.network_ok():
        stored = _store().manifest["series"]
        missing = [sid for sid in report.failed if sid not in stored]
        if missing:
            raise ResearchError(f"no data source could be reached and {len(missing)} series have no local data: connect to the "
                                "internet and rerun `make run`, or import a snapshot (`RESEARCH_SNAPSHOT=DIR make run`)")
    return 1 if code or report.refused else 0


def cmd_history(args) -> int:
    from research_lib.data import versions

    store = _store()
    entry = store.catalog.get(args.id)
    rows = versions.history(store, entry)
    if not rows:
        print(f"{entry.id}: nothing stored yet (`research data refresh {entry.id}`)")
        return 0
    print(f"{'version':<26} {'stored':<20} {'first':<10} {'last':<10} {'rows':>6}  origin")
    for r in rows:
        print(f"{r['version']:<26} {r.get('retrieved_at') or '':<20} {r.get('first') or '':<10} {r.get('last') or '':<10} "
              f"{r.get('rows') or '':>6}  {(r.get('method') or '')}: {(r.get('origin') or '')[:70]}")
    return 0


def cmd_restore(args) -> int:
    from research_lib.data import versions

    store = _store()
    entry = store.catalog.get(args.id)
    found = versions.restore(store, entry, args.version)
    print(f"restored {entry.id} version {found['version']} ({found.get('first')}..{found.get('last')}, {found.get('rows')} rows); "
          "the replaced file is kept as a version")
    return 0

def cmd_import(args) -> int:
    from research_lib.data import ingest

    if not args.directory.strip():
        raise ResearchError("the snapshot folder is empty (''): pass the folder that holds fred/, yahoo/, other/")
    if not Path(args.directory).is_dir():  # before taking the store lock
        raise ResearchError(f"snapshot directory {args.directory} does not exist: pass the folder that holds fred/, yahoo/, other/")
    report = ingest.import_snapshot(_store(), args.directory, progress=not args.quiet)
    if not (report.ok or report.unchanged or report.failed):
        raise ResearchError(f"{args.directory} holds none of the catalog's files (expected the snapshot layout: "
                            "fred/<ID>.csv, yahoo/<TICKER>.csv, other/...): pass the snapshot folder itself")
    for sid, how in sorted(report.canonical.items()):
        print(f"  stored in canonical form  {sid}: {how}", file=sys.stderr)
    if report.missing and args.verbose:
        print(f"  not in snapshot: {', '.join(report.missing)}", file=sys.stderr)
    return _print_report(report, f"import {args.directory}")


def cmd_status(args) -> int:
    from research_lib.data.sources.reference import apply_reference_rules

    rows = apply_reference_rules(_store().status())
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    sw = max((len(r["source"]) for r in rows), default=6)
    print(f"{'id':<{width}}  {'source':<{sw}} {'first':<10} {'last':<10} {'rows':>6}  {'state':<7} retrieved")
    for r in rows:
        print(
            f"{r['id']:<{width}}  {r['source']:<{sw}} {r.get('first') or '':<10} {r.get('last') or '':<10} "
            f"{r.get('rows') or '':>6}  {r['state']:<7} {r.get('retrieved_at') or ''} {r.get('method') or ''}"
            + (f"  ({r['action']})" if r.get("action") else "")
        )
    states = {}
    for r in rows:
        states[r["state"]] = states.get(r["state"], 0) + 1
    print(", ".join(f"{n} {s}" for s, n in sorted(states.items())))
    for r in rows:
        if r.get("problem"):
            print(f"  {r['id']}: {one_line(r['problem'], 200)}", file=sys.stderr)
    problem = _store().cache_problem()
    if problem:
        print(f"cache: {problem}: it is rebuilt from raw on the next load (or run `research data verify`)")
    return 0


def cmd_verify(args) -> int:
    problems = _store().verify()
    for sid, problem in problems:
        print(f"  {sid}: {one_line(problem, 300)}", file=sys.stderr)
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


def _refresh_options(p) -> None:
    p.add_argument("--budget", type=float, default=None, metavar="S",
                   help="overall time limit in seconds (default RESEARCH_REFRESH_BUDGET or 1800)")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="per-request timeout for every source")
    p.add_argument("--retries", type=int, default=None, metavar="N", help="retries after a transient failure, every source")
    p.add_argument("--allow-shrink", action="store_true",
                   help="accept answers with a shorter history than stored (default: refuse them)")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--as-of", default=None, metavar="DATE", help="fetch FRED vintages as published on DATE (ALFRED)")
    when.add_argument("--vintage", choices=["first"], default=None, help="fetch FRED first releases (ALFRED)")


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line, like every other error."""

    def error(self, message: str):
        print(f"error: {one_line(message)} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs needs a whole number of parallel notebooks, not {text[:20]!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs must be 1 or more (got {value})")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="research", description="Macro-markets research lab: data, notebooks, scorecard.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    data = sub.add_parser("data", help="the local data store").add_subparsers(dest="data_command", required=True,
                                                                            parser_class=_Parser)
    p = data.add_parser("refresh", help="fetch catalog rows from their live sources, merged into the store")
    p.add_argument("ids", nargs="*", help="series ids (default: every catalog row)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _refresh_options(p)
    p.set_defaults(func=cmd_refresh)
    p = data.add_parser("history", help="list the stored versions of a series")
    p.add_argument("id")
    p.set_defaults(func=cmd_history)
    p = data.add_parser("restore", help="bring a stored version of a series back")
    p.add_argument("id")
    p.add_argument("version", help="a version id from `research data history ID` (or its first characters)")
    p.set_defaults(func=cmd_restore)
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
    p.add_argument("--jobs", type=_jobs, default=None, help="parallel notebooks (default: all cores)")
    p.add_argument("--force", action="store_true", help="run even if up to date")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("scorecard", help="collect claim verdicts into reports/scorecard.* and README")
    p.set_defaults(func=cmd_scorecard)
    p = sub.add_parser("new", help="scaffold a new paired notebook")
    p.add_argument("slug", help="NN_slug, e.g. 05_crypto_politics")
    p.add_argument("title")
    p.set_defaults(func=cmd_new)
    return parser


def _secrets() -> list[str]:
    from research_lib import config

    key = config.env("FRED_API_KEY")
    return [key] if key and len(key) >= 8 else []


def _say(text: str) -> None:
    """One line on stderr, bounded, with any secret masked."""
    text = one_line(text)
    for secret in _secrets():
        text = text.replace(secret, "***")
    print(text, file=sys.stderr)


def _interrupted(args) -> str:
    """What Ctrl-C left behind, truthfully."""
    from research_lib.data.store import changes_this_process

    changed = changes_this_process()
    if args.command == "data":
        if not changed:
            return "interrupted: no series had been stored yet; the store is as it was"
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        return (f"interrupted: {len(changed)} series had already been replaced by their new files ({shown}); the "
                "others are unchanged, and every stored file is whole and matches the manifest; run the command again to finish")
    if args.command == "run":
        return ("interrupted: notebooks that finished were written; the others keep their previous .ipynb "
                "(a notebook stopped mid-run may have updated some claim records: run it again)")
    return "interrupted: files are written whole or not at all; run the command again"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return code
    except ResearchError as exc:
        _say(f"error: {exc}")
        return 2
    except KeyboardInterrupt:
        _say(_interrupted(args))
        return 130
    except BrokenPipeError:  # the reader went away (`research data status | head`): stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 141
    except OSError as exc:  # the environment: a full disk, a folder without permission, ...
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        _say(f"error: {exc.strerror or exc}{where}: check the file or folder and run the command again")
        return 2


if __name__ == "__main__":
    sys.exit(main())
