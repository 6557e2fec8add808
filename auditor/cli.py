"""The `audit-rules` command."""

from __future__ import annotations

import sys

import click

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="audit-rules")
def main() -> None:
    """Consistency auditor for Chinese government budget disclosures."""


@main.command()
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
@_batch_options
def run(paths: tuple[str, ...], fmt: str, fail_on: str, extra_rules: tuple[str, ...],
        lang: str, output: str | None, jobs: int, annotate_to: str | None,
        annotate_dir: str | None, **batch) -> None:
    """Audit workbooks and documents; folders are searched for supported files."""
    from .runflow import RunOptions, execute

    book, files = _book_and_files(extra_rules, paths)
    _check_outputs(files, output, annotate_to, annotate_dir)
    options = RunOptions(fmt=fmt, failing=FAIL_LEVELS[fail_on], extra_rules=extra_rules,
                         lang=lang, output=output, jobs=jobs, **batch)
    report, code = execute(book, files, options)
    if report is not None and (annotate_to or annotate_dir):
        _annotate(report, files, annotate_to, annotate_dir)
    sys.exit(code)


def _book(extra_rules: tuple[str, ...]):
    """The rule book, or a usage error naming the pack that is wrong. Imported here, not at
    the top: `--version` and `--help` need none of the pipeline."""
    from .checks.pack import RulePackError, load_rulebook

    try:
        return load_rulebook(extra_rules)
    except RulePackError as exc:
        raise click.UsageError(f"rule pack: {exc}") from None


def _book_and_files(extra_rules: tuple[str, ...], paths: tuple[str, ...]):
    """The rule book and the input files, or a usage error naming what is wrong."""
    from .batch import expand

    from .readers import supported_extensions

    book = _book(extra_rules)
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
            click.echo(str(exc), err=True)
            continue
        click.echo(report.text("ui.annotate.written", path=result.path, output=target), err=True)


@main.command("facts")
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
def facts(paths: tuple[str, ...], fmt: str, kinds: tuple[str, ...], extra_rules: tuple[str, ...],
          lang: str, output: str | None) -> None:
    """Show what was recognised: every fact the rules see, and what was not read."""
    from .annotate import same_file
    from .factsview import facts_data, render_json, render_table
    from .pipeline import recognise_file
    from .readers import ReadError

    book, files = _book_and_files(extra_rules, paths)
    if output and any(same_file(output, given) for given in files):
        raise click.UsageError(f"--output {output} is an input file; refusing to overwrite it")
    items = []
    for path in files:
        try:
            recognised = recognise_file(path, book)
        except ReadError as exc:
            click.echo(book.message("ui.file.error", lang).format(path=path, error=exc), err=True)
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

    book = _book(extra_rules)
    text = render_rules(book, fmt, lang)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
