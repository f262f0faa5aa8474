"""`mccheck check`: options → CheckOptions → engine.run() per submission → formatters."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.cli.common import (
    FOLLOW_SYMLINKS,
    FORMAT_HELP,
    TIMEOUT_HELP,
    check_options_for,
    load_credential_for,
    page_progress,
    progress,
    read_limits,
    write_atomic,
)
from mccheck.errors import InputError, UsageError


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Draft files or submission folders.", show_default=False),
    credential: str = typer.Option(
        None, "--credential", "-c", help="Credential id (see `mccheck list`) or a spec .yaml path."
    ),
    fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: str = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    reports: list[str] = typer.Option(
        [], "--report", help="Also write FORMAT:FILE, e.g. --report junit:out.xml (repeatable)."
    ),
    fail_on: str = typer.Option(None, "--fail-on", help="Lowest severity that makes a submission not ready: error|warning."),
    strict: bool = typer.Option(False, "--strict", help="Same as --fail-on warning."),
    ignore: list[str] = typer.Option([], "--ignore", help="Skip a check by id (repeatable)."),
    only: list[str] = typer.Option([], "--only", help="Run only this check (repeatable)."),
    identity: list[str] = typer.Option(
        [], "--identity", help='A name that must not appear, e.g. --identity "Jane Smith" (repeatable).'
    ),
    counter: str = typer.Option(None, "--counter", help="Word counter: word (as Microsoft Word) or whitespace."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Parallel workers for many submissions (default: all cores)."),
    shard: str = typer.Option(None, "--shard", help="Check only the K-th of N slices of the submissions: K/N."),
    max_file_size: float = typer.Option(None, "--max-file-size", help="Largest file to read, in MB (default 100)."),
    timeout: float = typer.Option(None, "--timeout", help=TIMEOUT_HELP),
    no_progress: bool = typer.Option(False, "--no-progress", help="Never show a progress bar."),
    follow_symlinks: bool = FOLLOW_SYMLINKS,
) -> None:
    """Check drafts or submission folders against a credential and print a readiness report.

    Exit code 0: ready; 1: not ready; 2: bad usage or unreadable input.
    """
    from mccheck.checks import get as get_check
    from mccheck.discover import discover
    from mccheck.formatters import FORMATS, MACHINE_FORMATS, render

    for check_id in [*ignore, *only]:
        get_check(check_id)
    if fail_on is not None and fail_on not in ("error", "warning"):
        raise UsageError(f'--fail-on must be "error" or "warning", not "{fail_on}"')
    fail_on = "warning" if strict else fail_on
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    fmt = fmt or ("github" if github else "terminal")
    if fmt not in FORMATS:
        raise UsageError(f'unknown format "{fmt}"; choose one of: {", ".join(FORMATS)}')
    extra = [_parse_report(r) for r in reports]
    limits = read_limits(max_file_size, timeout)

    # Typed str above: typer would import pydantic to coerce Path.
    submissions = discover([Path(p) for p in paths], follow_symlinks)
    if not submissions:
        raise InputError(paths[0], "has no submission folders or drafts to check")
    if shard:
        total = len(submissions)
        submissions = _shard(submissions, shard)
        if not submissions:
            # More shards than submissions (a fixed CI matrix): the empty report below, exit 0.
            print(f"mccheck: shard {shard} has none of the {total} submissions to check", file=sys.stderr)
    jobs_list = []
    for sub in submissions:
        if not sub.files:
            raise InputError(sub.root, "has no .docx, .pdf, .md or .txt files to check")
        spec = load_credential_for(credential, sub)
        options = check_options_for(sub, ignore, only, identity, counter, fail_on)
        jobs_list.append((sub, spec, options))

    show_bar = not no_progress and fmt not in MACHINE_FORMATS and sys.stderr.isatty() and not os.environ.get("CI")
    results = _run_all(jobs_list, limits, jobs, show_bar)
    threshold = fail_on or _common_fail_on(jobs_list)

    text = render(fmt, results, fail_on=threshold)
    if output:
        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)
    for extra_fmt, extra_path in extra:
        write_atomic(extra_path, render(extra_fmt, results, fail_on=threshold))
    if github:
        _github_extras(results, threshold, fmt)
    ready = all(r.is_ready(options.fail_on) for r, (_, _, options) in zip(results, jobs_list))
    raise typer.Exit(0 if ready else 1)


def _common_fail_on(jobs_list) -> str:
    levels = {o.fail_on for _, _, o in jobs_list}
    return "warning" if "warning" in levels else "error"


def _parse_report(value: str) -> tuple[str, Path]:
    from mccheck.formatters import FORMATS

    fmt, sep, path = value.partition(":")
    if not sep or not path or fmt not in FORMATS or fmt == "terminal":
        raise UsageError(f'--report takes FORMAT:FILE with FORMAT one of json, markdown, junit, github, sarif, html; got "{value}"')
    return fmt, Path(path)


def _shard(submissions, spec: str):
    try:
        k, n = (int(x) for x in spec.split("/"))
        if not 1 <= k <= n:
            raise ValueError
    except ValueError:
        raise UsageError(f'--shard takes K/N with 1 <= K <= N, e.g. 2/4; got "{spec}"') from None
    # Balanced by bytes, not by count: one folder with a 500-page PDF costs as much as many
    # small ones. Greedy, largest first onto the lightest slice, ties by path: every shard
    # computes the same assignment from the same files, so the slices never overlap.
    ordered = sorted(submissions, key=lambda s: str(s.root))
    import heapq

    weights = [_weight(s) for s in ordered]
    # Slices past the number of submissions stay empty, so they need no place in the heap.
    slices = [(0, j) for j in range(min(n, len(ordered)))]  # (load, slice): a valid heap already
    chosen: set[int] = set()
    for i in sorted(range(len(ordered)), key=lambda i: (-weights[i], i)):
        load, lightest = heapq.heappop(slices)
        heapq.heappush(slices, (load + weights[i], lightest))
        if lightest == k - 1:
            chosen.add(i)
    mine = {id(ordered[i]) for i in chosen}
    return [s for s in submissions if id(s) in mine]


SHARD_BASE_BYTES = 64 * 1024  # a submission's fixed cost (spec, checks), in bytes of input


def _weight(sub) -> int:
    total = SHARD_BASE_BYTES
    for f in sub.files:
        try:
            total += Path(f).stat().st_size
        except OSError:
            pass  # reported when the file is read
    return total


def _check_one(job, limits, single: bool):
    from mccheck import engine

    sub, spec, options = job
    folder = sub.root if sub.is_folder else None
    shown = str(sub.root) if folder else str(sub.files[0])
    # Only a lone file given on its own makes an unreadable file exit 2; in a folder it is a finding.
    single = single and folder is None
    # Files discovery did not read (a video, a recording) still count as artifacts.
    others = tuple(str(p) for p in sub.other_files) if folder else ()
    return engine.run(
        list(sub.files), spec, options, folder=folder, limits=limits, paths=(shown,), single=single, other_files=others
    )


def _run_all(jobs_list, limits, jobs: int, show_bar: bool):
    workers = jobs or os.cpu_count() or 1
    # One file on its own that can't be read is exit 2; among several it is a finding.
    single = len(jobs_list) == 1
    if len(jobs_list) > 1 and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs_list))) as pool:
            futures = [pool.submit(_check_one, job, limits, single) for job in jobs_list]
            with progress(show_bar, len(futures), "checking") as advance:
                results = []
                for future in futures:
                    results.append(future.result())
                    advance()
            return results
    results = []
    with progress(show_bar, len(jobs_list), "checking") as advance, page_progress(show_bar):
        for job in jobs_list:
            results.append(_check_one(job, limits, single))
            advance()
    return results


def _github_extras(results, fail_on: str, fmt: str) -> None:
    """Step summary table, and a warning when GitHub will not show every annotation."""
    from mccheck.formatters import render

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(render("markdown", results, fail_on=fail_on))
    if fmt == "github":
        from mccheck.formatters.github import ANNOTATION_LIMIT

        for severity in ("error", "warning"):
            total = sum(f.severity == severity for r in results for f in r.findings)
            if total > ANNOTATION_LIMIT:
                print(
                    f"::warning::mccheck found {total} {severity}s; GitHub shows only {ANNOTATION_LIMIT} "
                    f"{severity} annotations per step: see the job summary or use --report sarif:FILE",
                    file=sys.stdout,
                )
