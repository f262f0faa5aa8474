"""`mccheck check`: options → Policy per submission → engine.check() → formatters → exit code.

The exit code is derived from the reports' own ``ready`` (all ready → 0), so the verdict a
format prints and the exit code can never disagree; ``--fail-on never`` only keeps a
not-ready verdict from failing the build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.cli.common import (
    FOLLOW_SYMLINKS,
    FORMAT_HELP,
    PATHS_METAVAR,
    TIMEOUT_HELP,
    complete_check,
    complete_credential,
    load_credential_for,
    page_progress,
    policy_for,
    progress,
    read_limits,
    status,
    write_atomic,
)
from mccheck.errors import InputError, MccheckError, UsageError


@app.command()
def check(
    paths: list[str] = typer.Argument(
        None, metavar=PATHS_METAVAR, show_default=False,
        help="Draft files or submission folders (default: the current folder). A file inside a "
        "submission folder (one with an mccheck.yaml) checks that whole submission.",
    ),
    credential: str | None = typer.Option(
        None, "--credential", "-c", metavar="ID", autocompletion=complete_credential,
        help="Credential id (see `mccheck list`) or a spec .yaml path.",
    ),
    config: str | None = typer.Option(
        None, "--config", metavar="FILE",
        help="Use this mccheck.yaml's settings instead of the ones found in and above each folder.",
    ),
    file_only: bool = typer.Option(False, "--file-only", help="Check each named file on its own, even inside a submission folder."),
    submissions_only: bool = typer.Option(
        False, "--submissions-only", help="Skip named files that lie in no submission folder (as the pre-commit hook does)."
    ),
    fmt: str | None = typer.Option(None, "--format", "-f", metavar="FORMAT", help=FORMAT_HELP),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically)."),
    reports: list[str] = typer.Option(
        [], "--report", metavar="FORMAT:FILE", help="Also write FORMAT:FILE, e.g. --report junit:out.xml (repeatable)."
    ),
    fail_on: str | None = typer.Option(
        None, "--fail-on", metavar="LEVEL",
        help="Lowest severity that makes a submission not ready: error or warning; never: always exit 0.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Same as --fail-on warning."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict and the blocking findings."),
    ignore: list[str] = typer.Option(
        [], "--ignore", metavar="ID", autocompletion=complete_check, help="Skip a check by id (repeatable)."
    ),
    only: list[str] = typer.Option(
        [], "--only", metavar="ID", autocompletion=complete_check, help="Run only this check (repeatable)."
    ),
    identity: list[str] = typer.Option(
        [], "--identity", metavar="NAME", help='A name that must not appear, e.g. --identity "Jane Smith" (repeatable).'
    ),
    counter: str | None = typer.Option(None, "--counter", metavar="NAME", help="Word counter: word (as Microsoft Word) or whitespace."),
    jobs: int = typer.Option(0, "--jobs", "-j", metavar="N", help="Parallel workers for many submissions (default: all cores)."),
    shard: str | None = typer.Option(None, "--shard", metavar="K/N", help="Check only the K-th of N slices of the submissions."),
    max_file_size: float | None = typer.Option(None, "--max-file-size", metavar="MB", help="Largest file to read, in MB (default 100)."),
    timeout: float | None = typer.Option(None, "--timeout", metavar="SECONDS", help=TIMEOUT_HELP),
    no_progress: bool = typer.Option(False, "--no-progress", help="Never show a progress bar."),
    follow_symlinks: bool = FOLLOW_SYMLINKS,
) -> None:
    """Check drafts or submission folders against a credential and print a readiness report.

    Exit code 0: ready; 1: not ready; 2: bad usage or unreadable input.
    """
    from mccheck.discover import discover, load_config
    from mccheck.formatters import FORMATS, MACHINE_FORMATS, prepare, render

    paths = paths or ["."]
    if ignore or only:  # the checks' modules load later, while the files are read
        from mccheck.checks import get as get_check

        for check_id in [*ignore, *only]:
            get_check(check_id)
    if fail_on is not None and fail_on not in ("error", "warning", "never"):
        raise UsageError(f'--fail-on must be "error", "warning" or "never", not "{fail_on}"')
    exit_zero = fail_on == "never"  # report as usual, but never fail the build
    if exit_zero:
        fail_on = None  # the verdicts still follow each folder's fail_on (or "error")
    if strict:
        fail_on = "warning"
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    fmt = fmt or ("github" if github else "terminal")
    if fmt not in FORMATS:
        raise UsageError(f'unknown format "{fmt}"; choose one of: {", ".join(FORMATS)}')
    extra = [_parse_report(r) for r in reports]
    limits = read_limits(max_file_size, timeout)
    settings = load_config(Path(config)) if config else None

    # Typed str above: typer would import pydantic to coerce Path.
    submissions = discover([Path(p) for p in paths], file_only, settings, submissions_only, follow_symlinks)
    if not submissions:
        if submissions_only:
            if not quiet:
                status("mccheck: none of the files given lies in a submission folder; nothing to check")
            raise typer.Exit(0)
        raise InputError(paths[0], "has no submission folders or drafts to check")
    if shard:
        total = len(submissions)
        submissions = _shard(submissions, shard)
        if not submissions and not quiet:
            # More shards than submissions (a fixed CI matrix): the empty report below, exit 0.
            status(f"mccheck: shard {shard} has none of the {total} submissions to check")
    show_bar = (
        not no_progress and not quiet and fmt not in MACHINE_FORMATS and sys.stderr.isatty() and not os.environ.get("CI")
    )
    results = check_all(
        submissions, credential, limits, jobs, show_bar=show_bar, single=len(submissions) == 1,
        ignore=ignore, only=only, identity=identity, counter=counter, fail_on=fail_on,
        prepare=lambda: prepare(fmt),
    )

    if github and fmt == "github" and not output:
        annotation_cap_warning(results)  # first: GitHub shows a step's first annotations only
    text = render(fmt, results, quiet=quiet, tty=output is None and sys.stdout.isatty())
    if output:
        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)
    for extra_fmt, extra_path in extra:
        write_atomic(extra_path, render(extra_fmt, results))
    if github:
        write_job_summary(results)
    raise typer.Exit(0 if exit_zero or all(r.ready for r in results) else 1)


def check_all(
    submissions, credential: str | None, limits=None, jobs: int = 0, *, show_bar: bool = False, single: bool = False,
    ignore=(), only=(), identity=(), counter=None, fail_on=None, prepare=None,
):
    """Check every submission: the one function `check` and `watch` build their reports with.
    ``prepare``: the caller's own work (the report format's imports), done while files are read.

    A submission that cannot be checked at all (no drafts, a broken mccheck.yaml, no
    credential) is a report with one finding when it is part of a batch, and the batch goes
    on; when it is the only submission it is the usual one-line error (exit 2).
    """
    from mccheck.engine import failed
    from mccheck.readers.limits import DEFAULT_LIMITS

    limits = limits or DEFAULT_LIMITS
    jobs_list, results = [], {}
    for i, sub in enumerate(submissions):
        try:
            if sub.error is not None:
                raise sub.error
            if not sub.files:
                raise InputError(sub.root, "has no .docx, .pdf, .md or .txt files to check")
            spec = load_credential_for(credential, sub)
            policy = policy_for(sub, ignore, only, identity, counter, fail_on)
        except MccheckError as e:
            if single:
                raise
            results[i] = failed(sub, e, credential or "unknown", "", fail_on or "error")
            continue
        jobs_list.append((i, (sub, spec, policy)))
    checked = _run_all([job for _, job in jobs_list], limits, jobs, show_bar, single, prepare)
    for (i, _), report in zip(jobs_list, checked):
        results[i] = report
    return [results[i] for i in range(len(submissions))]


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


def _check_one(job, limits, single: bool, prepare=None):
    from mccheck import engine

    sub, spec, policy = job
    # Only a lone file given on its own makes an unreadable file exit 2; in a folder it is a finding.
    return engine.check(sub, spec, policy, limits, single=single, meanwhile=prepare)


def _run_all(jobs_list, limits, jobs: int, show_bar: bool, single: bool, prepare=None):
    workers = jobs or os.cpu_count() or 1
    if len(jobs_list) > 1 and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        from mccheck.readers.isolated import one_worker

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs_list)), initializer=one_worker) as pool:
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
            results.append(_check_one(job, limits, single, prepare))
            prepare = None  # done once
            advance()
    return results


def write_job_summary(results) -> None:
    """Append the markdown report to GitHub's job summary; a summary that cannot be written is
    a warning, never a changed verdict."""
    from mccheck.formatters import render
    from mccheck.formatters.markdown import SUMMARY_LIMIT

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    try:
        used = os.path.getsize(summary) if os.path.exists(summary) else 0
        text = render("markdown", results, max_bytes=max(SUMMARY_LIMIT - used, 0))
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as e:
        status(f"mccheck: warning: could not write the job summary {summary} ({e.strerror or e}); the report above stands")


def annotation_cap_warning(results) -> None:
    """A warning annotation when GitHub will not show every finding as an annotation."""
    from mccheck.formatters.github import ANNOTATION_LIMIT

    for severity in ("error", "warning"):
        total = sum(f.severity == severity for r in results for f in r.findings)
        if total > ANNOTATION_LIMIT:
            sys.stdout.write(
                f"::warning::mccheck found {total} {severity}s; GitHub shows only {ANNOTATION_LIMIT} "
                f"{severity} annotations per step: see the job summary or use --report sarif:FILE\n"
            )
