"""The `audit-rules` command."""

from __future__ import annotations

import sys

import click

from . import __version__
from .cliconfig import selection_options, show_config_option
from .clitext import LocalisedGroup
from .limits import limit_options
from .report import BINARY_FORMATS, FORMATS

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


def _batch_options(command):
    """The batch runner's options: budgets, progress, cache, executor, diagnostics."""
    options = [
        click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True,
                     help="Seconds one file may take before it is stopped and reported "
                          "(0: no limit)."),
        click.option("--max-memory-mb", type=click.IntRange(min=0), default=2048,
                     show_default=True,
                     help="Memory one file may take, in MB, before it is stopped and reported "
                          "(0: no limit; with --timeout 0 too, files run in this process)."),
        click.option("--progress/--no-progress", default=None,
                     help="A progress bar on standard error (default: on a terminal, not in CI)."),
        click.option("--cache", "cache_dir", type=click.Path(file_okay=False),
                     help="Keep each file's result in this folder; unchanged files are not "
                          "audited again and an interrupted run resumes."),
        click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True,
                     help="Where files are audited: worker processes here, or a Dask cluster."),
        click.option("--scheduler", help="Address of the Dask scheduler (tcp://HOST:8786)."),
        click.option("--timings", is_flag=True,
                     help="Per-file seconds in the data formats (off: the same inputs give "
                          "the same bytes)."),
        click.option("--verbose", "-v", is_flag=True,
                     help="The technical detail behind a file that could not be read, and the "
                          "traceback of an internal error."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# Help texts and click's messages come from rules/messages/cli.yaml in the chosen language
# (clitext.py); the help= strings below are the English fallback.
@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]})
# The version from the package itself: importlib.metadata would cost more than the rest of
# `--version` (pyproject.toml reads the same attribute, so the two cannot differ).
@click.version_option(version=__version__)
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Read options from this file instead of the nearest .audit-rules.toml or "
                   "pyproject.toml [tool.audit-rules].")
@click.option("--no-config", is_flag=True, help="Read no configuration file.")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, no_config: bool) -> None:
    """Consistency auditor for Chinese government budget disclosures."""
    from .cliconfig import apply_config

    apply_config(ctx, config_path, no_config)


@main.command()
@show_config_option
@selection_options
@click.option("--baseline", "baseline_file", type=click.Path(exists=True, dir_okay=False),
              help="Report only findings this baseline file (audit-rules baseline) does not hold.")
@click.option("--sarif-root", type=click.Path(file_okay=False), default=".",
              show_default=True, help="Folder the SARIF artifact URIs are relative to.")
@click.option("--rules-url", metavar="URL",
              help="Published address of docs/rules.md: SARIF rules link to their entry in it.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice([*FORMATS, *BINARY_FORMATS]),
              default="table", show_default=True,
              help="Output format: table (for a person), json, html (one self-contained page), "
                   "sarif (SARIF 2.1.0), junit (JUnit XML), csv or parquet (a row per finding; "
                   "with -o, a second table of checks beside it).")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="error",
              show_default=True, help="Exit 1 when a finding at or above this level exists.")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder); may be repeated.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True,
              help="Worker processes for large batches (0: one per core).")
@click.option("--annotate", "annotate_to", type=click.Path(dir_okay=False),
              help="Write a copy of the (one) input workbook with the cells that have "
                   "findings marked and a first sheet listing them.")
@click.option("--annotate-dir", type=click.Path(file_okay=False),
              help="Write <name>.annotated.xlsx into this folder for every input workbook.")
@limit_options
@_batch_options
def run(paths: tuple[str, ...], fmt: str, fail_on: str, extra_rules: tuple[str, ...],
        lang: str, output: str | None, jobs: int, annotate_to: str | None,
        annotate_dir: str | None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
        severity: tuple[str, ...] = (), baseline_file: str | None = None,
        sarif_root: str = ".", rules_url: str | None = None, **batch) -> None:
    """Audit workbooks and documents; folders are searched for supported files."""
    from .cliconfig import baseline_line, chosen
    from .runflow import RunOptions, execute

    book, files = _book_and_files(extra_rules, paths, lang)
    _check_outputs(files, output, annotate_to, annotate_dir)
    policy, book, known = chosen(book, lang, select, ignore, severity, baseline_file)
    options = RunOptions(fmt=fmt, failing=FAIL_LEVELS[fail_on], extra_rules=extra_rules,
                         lang=lang, output=output, jobs=jobs, policy=policy,
                         report_options=dict(sarif_root=sarif_root, baseline=known,
                                             rules_url=rules_url),
                         terminal=not output and sys.stdout.isatty(), **batch)
    report, code = execute(book, files, options)
    if report is not None and (annotate_to or annotate_dir):
        _annotate(report, files, annotate_to, annotate_dir)
    if report is not None and known is not None:
        click.echo(baseline_line(report, known, files), err=True)
    sys.exit(code)


def _book(extra_rules: tuple[str, ...], lang: str = "zh"):
    """The rule book, or a usage error naming the pack that is wrong. Imported here, not at
    the top: `--version` and `--help` need none of the pipeline."""
    from .checks import refusals
    from .checks.pack import RulePackError, load_rulebook

    try:
        return load_rulebook(extra_rules)
    except RulePackError as exc:
        raise click.UsageError(refusals.text("pack.refused", lang, error=exc.text(lang))) from None


def _book_and_files(extra_rules: tuple[str, ...], paths: tuple[str, ...], lang: str = "zh"):
    """The rule book and the input files, or a usage error naming what is wrong."""
    from .batch import expand

    from .readers import supported_extensions

    book = _book(extra_rules, lang)
    files = expand(paths)
    if not files:
        raise click.UsageError(book.message("ui.batch.no.files", "en").format(
            paths=", ".join(paths), extensions=" ".join(supported_extensions())))
    return book, files


def _check_outputs(files: list[str], output: str | None, annotate_to: str | None,
                   annotate_dir: str | None) -> None:
    """Refuses, before any work, an output that would overwrite an input."""
    from .annotate import WRITABLE, same_file

    if annotate_to and annotate_dir:
        raise click.UsageError("--annotate and --annotate-dir exclude each other")
    for target, option in ((output, "--output"), (annotate_to, "--annotate")):
        if target and any(same_file(target, given) for given in files):
            raise click.UsageError(f"{option} {target} is an input file; refusing to overwrite it")
    if annotate_to:
        workbooks = [f for f in files if f.lower().endswith(WRITABLE)]
        if len(workbooks) != 1:
            raise click.UsageError(
                f"--annotate writes one workbook but {len(workbooks)} .xlsx inputs were given; "
                "use --annotate-dir DIR for several")


def _annotate(report, files: list[str], annotate_to: str | None,
              annotate_dir: str | None) -> None:
    """Annotated copies of the input workbooks; one line each on standard error."""
    from pathlib import Path

    from .annotate import WRITABLE, AnnotateError, annotate_workbook, annotated_name
    from .report.safe import terminal_text

    taken = {Path(f).resolve() for f in files}
    for result in report.results:
        is_workbook = result.path.lower().endswith(WRITABLE)
        if annotate_to:
            if not is_workbook:
                continue
            target = Path(annotate_to)
        else:
            target = annotated_name(result.path, Path(annotate_dir), taken)
        try:
            annotate_workbook(result, target, report, files)
        except AnnotateError as exc:
            click.echo(terminal_text(str(exc)), err=True)
            continue
        click.echo(terminal_text(report.text("ui.annotate.written", path=result.path,
                                             output=target)), err=True)


@main.command("baseline")
@show_config_option
@selection_options
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The baseline file to write (JSON; .yaml for YAML is read too).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder); may be repeated.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the messages recorded beside each entry.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True,
              help="Worker processes for large batches (0: one per core).")
def record_baseline(paths: tuple[str, ...], output: str, extra_rules: tuple[str, ...],
                    lang: str, jobs: int, select: tuple[str, ...] = (),
                    ignore: tuple[str, ...] = (), severity: tuple[str, ...] = ()) -> None:
    """Record today's findings, so that `run --baseline FILE` reports only new ones."""
    from pathlib import Path

    from .baseline import write_baseline
    from .batch import audit_paths, default_jobs
    from .cliconfig import chosen
    from .report import Report

    book, files = _book_and_files(extra_rules, paths, lang)
    _check_outputs(files, output, None, None)
    policy, book, _ = chosen(book, lang, select, ignore, severity, None)
    results = [policy(r) for r in audit_paths(files, book, lang, jobs or default_jobs(),
                                              extra_rules)]
    report = Report(results, book, lang)
    for result in results:
        if result.status == "error":
            click.echo(report.text("ui.file.error", path=result.path, error=result.error),
                       err=True)
    count = write_baseline(Path(output), results, report.where)
    click.echo(report.text("ui.baseline.written", path=output, count=count,
                           files=len(results)), err=True)
    sys.exit(2 if all(r.status == "error" for r in results) else 0)


@main.command("facts")
@show_config_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: for a person; json: for a program.")
@click.option("--kind", "kinds", multiple=True,
              help="Show only forms and tables of this kind (a prefix: t1, selfeval, prose); "
                   "may be repeated.")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder) whose vocabulary is used.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@limit_options
def facts(paths: tuple[str, ...], fmt: str, kinds: tuple[str, ...], extra_rules: tuple[str, ...],
          lang: str, output: str | None) -> None:
    """Show what was recognised: every fact the rules see, and what was not read."""
    from .annotate import same_file
    from .factsview import facts_data, render_json, render_table
    from .pipeline import recognise_file
    from .readers import ReadError
    from .report.safe import terminal_text

    book, files = _book_and_files(extra_rules, paths, lang)
    if output and any(same_file(output, given) for given in files):
        raise click.UsageError(f"--output {output} is an input file; refusing to overwrite it")
    items = []
    for path in files:
        try:
            recognised = recognise_file(path, book)
        except ReadError as exc:
            click.echo(terminal_text(book.message("ui.file.error", lang).format(
                path=path, error=exc.message(book, lang))), err=True)
            continue
        items.append(facts_data(recognised, book, kinds))
    text = render_json(items) if fmt == "json" else render_table(items, book, lang)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)
    sys.exit(0 if items else 2)


@main.command("rules")
@show_config_option
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder); may be repeated.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True,
              help="markdown: the reference page (docs/rules.md is this output).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the catalogue to this file instead of standard output.")
def list_rules(extra_rules: tuple[str, ...], fmt: str, lang: str, output: str | None) -> None:
    """List the rules of the built-in packs and of any --rules packs."""
    from .catalogue import render_rules

    book = _book(extra_rules, lang)
    text = render_rules(book, fmt, lang)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; by default only this machine can connect.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.1), default=50, show_default=True,
              help="Largest upload accepted, in MB; larger ones are refused.")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder); may be repeated.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def serve_command(host: str, port: int, max_upload_mb: float, extra_rules: tuple[str, ...],
                  lang: str) -> None:
    """A local web page: drop files in the browser, get the report and annotated copies."""
    from .serve import CannotListen, MissingExtra, Site, serve

    book = _book(extra_rules, lang)
    site = Site(book, lang, max_upload_mb)
    try:
        serve(site, host, port, lambda line: click.echo(line, err=True))
    except MissingExtra:
        click.echo(book.message("ui.serve.missing", lang), err=True)
        sys.exit(2)
    except CannotListen as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    main()
