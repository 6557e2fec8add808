"""The `run` command's flow: results streamed from the batch into the report, a progress
bar, the lines for files that could not be read, and the exit status.

Exit status: 0 nothing at or above `--fail-on`; 1 findings at or above it, or any input that
could not be audited; 3 an internal error (one line, the traceback with `--verbose`).
Usage errors (2) are click's, raised before anything runs.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import IO, Callable

import click

from .batch import audit_paths
from .isolation import Budget
from .model import FileResult
from .report import BINARY_FORMATS, FORMATS, Report
from .spool import ResultSpool



@dataclass
class RunOptions:
    fmt: str = "table"
    failing: tuple[str, ...] = ("error",)
    extra_rules: tuple[str, ...] = ()
    lang: str = "zh"
    output: str | None = None
    jobs: int = 1
    timeout: float = 60
    max_memory_mb: int = 2048
    progress: bool | None = None
    cache_dir: str | None = None
    executor: str = "local"
    scheduler: str | None = None
    timings: bool = False
    verbose: bool = False
    # Each file's result through the chosen rules and the baseline (--select, --baseline).
    policy: Callable[[FileResult], FileResult] | None = None
    report_options: dict = field(default_factory=dict)  # sarif_root, baseline, rules_url
    terminal: bool = False  # the table goes to an interactive terminal


def show_progress(wanted: bool | None, stream: IO = sys.stderr) -> bool:
    """On a terminal and not in CI, unless asked either way."""
    if wanted is not None:
        return wanted
    if os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _Progress:
    """Files done, findings so far, rate and time left, on standard error (tqdm)."""

    def __init__(self, total: int, report: Report):
        from tqdm import tqdm

        # No monitor thread: workers are forked while the bar is up.
        tqdm.monitor_interval = 0
        self._findings_word = report.text("ui.batch.progress.findings")
        # A short run is drawn at every file (tqdm's default waits 0.1 s between draws,
        # which can skip a run of a few quick files altogether).
        self._bar = tqdm(total=total, desc=report.text("ui.batch.progress"), unit="file",
                         file=sys.stderr, dynamic_ncols=True, leave=False,
                         mininterval=0 if total <= 200 else 0.1)
        self._findings = 0

    def advance(self, result: FileResult) -> None:
        self._findings += len(result.findings)
        self._bar.set_postfix_str(f"{self._findings_word} {self._findings}", refresh=False)
        self._bar.update(1)

    def clear(self) -> None:
        """Out of the way of a line printed under it (tqdm draws it again on the next file)."""
        self._bar.clear()

    def close(self) -> None:
        self._bar.close()


def _executor(options: RunOptions, say):
    if options.executor != "dask":
        return None
    if not options.scheduler:
        raise click.UsageError(say("ui.batch.executor.scheduler"))
    try:
        from .executors.dask import DaskExecutor
    except ImportError:
        raise click.UsageError(say("ui.batch.executor.missing")) from None
    return DaskExecutor(options.scheduler)


def _problem_line(report: Report, result: FileResult, verbose: bool) -> str:
    line = report.text("ui.file.error", path=result.path, error=result.error)
    if verbose and result.detail:
        line += "\n" + result.detail
    return line


def _check_format(options: RunOptions, say) -> None:
    if options.fmt == "parquet":
        from .report.parquetout import available

        if not available():
            raise click.UsageError(say("ui.batch.parquet.missing"))
        if not options.output:
            raise click.UsageError(say("ui.batch.output.needed", format="parquet"))


def execute(book, files: list[str], options: RunOptions) -> tuple[Report | None, int]:
    """Audits `files`, writes the report, and returns it with the exit status."""
    def say(key: str, **values) -> str:
        template = book.message(key, options.lang) or key
        return template.format(**values) if values else template

    _check_format(options, say)
    executor = _executor(options, say)
    spool = ResultSpool()
    report = Report(spool, book, options.lang, failing=options.failing, timings=options.timings)
    report.options.update(options.report_options)
    report.terminal = options.terminal
    try:
        _run(book, files, options, report, spool, executor)
    except click.ClickException:
        raise
    except Exception as exc:  # noqa: BLE001 — a bug: one line, not a traceback
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        click.echo(say("ui.batch.internal.run", error=first), err=True)
        if options.verbose:
            click.echo(traceback.format_exc().rstrip(), err=True)
        return None, 3
    if spool.internal:
        return report, 3
    if spool.unreadable:
        return report, 1
    if any(report.counts()[level] for level in options.failing):
        return report, 1
    return report, 0


def _run(book, files: list[str], options: RunOptions, report: Report, spool: ResultSpool,
         executor) -> None:
    from .batch import default_jobs

    cache = None
    if options.cache_dir:
        from .cache import ResultCache

        cache = ResultCache(options.cache_dir, tuple(options.extra_rules), options.lang)
    budget = Budget(seconds=options.timeout, memory_mb=options.max_memory_mb)
    module = _format_module(options.fmt)
    streaming = hasattr(module, "open_writer")
    writer, opened = (module.open_writer(report, options.output, _Echo())
                      if streaming else (None, []))
    progress = _Progress(len(files), report) if show_progress(options.progress) else None
    # With the report in a file, a line on standard error for each file that could not be
    # read (the report on standard output already names them).
    problems_to_stderr = bool(options.output)
    started = time.perf_counter()
    try:
        for result in audit_paths(files, book, options.lang, options.jobs or default_jobs(),
                                  tuple(options.extra_rules), budget=budget, cache=cache,
                                  executor=executor):
            if options.policy is not None:
                result = options.policy(result)
            spool.append(result)
            if writer is not None:
                writer.add(result)
            if progress is not None:
                progress.advance(result)
            if result.status == "error" and (problems_to_stderr or options.verbose):
                if progress is not None:
                    progress.clear()
                click.echo(_problem_line(report, result, options.verbose), err=True)
    finally:
        if progress is not None:
            progress.close()
        if writer is not None:
            writer.close()
        for handle in opened:
            handle.close()
    report.seconds = time.perf_counter() - started
    if not streaming:
        _write_report(module, report, options.output)


def _format_module(fmt: str):
    import importlib

    name = FORMATS.get(fmt) or BINARY_FORMATS[fmt]
    return importlib.import_module(f".report.{name}", __package__)


class _Echo:
    """Standard output through click.echo, piece by piece (click's own encoding handling)."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)

    def flush(self) -> None:
        pass


def _write_report(module, report: Report, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            _emit(module, report, handle)
    else:
        _emit(module, report, _Echo())


def _emit(module, report: Report, out: IO[str]) -> None:
    if hasattr(module, "write"):
        module.write(report, out)
    else:
        out.write(module.render(report))
    out.flush()
