"""The `audit-rules` command."""

from __future__ import annotations

import sys
import time

import click

from .checks.pack import RulePackError, load_rulebook

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="audit-rules")
def main() -> None:
    """Consistency auditor for Chinese government budget disclosures."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
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
def run(paths: tuple[str, ...], fmt: str, fail_on: str, extra_rules: tuple[str, ...],
        lang: str, output: str | None, jobs: int) -> None:
    """Audit workbooks and documents; folders are searched for supported files."""
    from .batch import audit_paths, default_jobs, expand
    from .report import Report, render

    try:
        book = load_rulebook(extra_rules)
    except RulePackError as exc:
        raise click.UsageError(f"rule pack: {exc}") from None
    files = expand(paths)
    if not files:
        raise click.UsageError("no supported files found in the given paths")
    started = time.perf_counter()
    results = list(audit_paths(files, book, lang, jobs or default_jobs(), extra_rules))
    report = Report(results, book, lang, time.perf_counter() - started)
    text = render(report, fmt)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)
    if all(r.status == "error" for r in results):
        sys.exit(2)
    failing = FAIL_LEVELS[fail_on]
    if any(f.severity in failing for r in results for f in r.findings):
        sys.exit(1)
    sys.exit(0)


@main.command("rules")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="An extra rule pack (.yaml file or folder); may be repeated.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(extra_rules: tuple[str, ...], fmt: str, lang: str) -> None:
    """List the rules of the built-in packs and of any --rules packs."""
    from .catalogue import render_rules

    try:
        book = load_rulebook(extra_rules)
    except RulePackError as exc:
        raise click.UsageError(f"rule pack: {exc}") from None
    click.echo(render_rules(book, fmt, lang), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
