"""The command line's side of configuration: the file as click's default_map,
`--show-config`, and `--select/--ignore/--severity/--baseline` turned into one policy.

Imported when the CLI starts: nothing here loads the pipeline.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable

import click

CONFIG_KEY = "audit_rules.config"


def apply_config(ctx: click.Context, config_path: str | None, no_config: bool) -> None:
    """Finds and reads the configuration file; its values become the commands' defaults."""
    from .config import ConfigError, find_config, load_config

    if no_config:
        return
    path = Path(config_path) if config_path else find_config()
    if path is None:
        return
    if not path.is_file():
        click.echo(f"{path}: configuration file not found", err=True)
        ctx.exit(2)
    try:
        config = load_config(path, ctx.command)  # type: ignore[arg-type]
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        ctx.exit(2)
    ctx.meta[CONFIG_KEY] = config
    ctx.default_map = config.default_map


def show_config_option(command: Callable) -> Callable:
    """Adds `--show-config`: print each option's effective value and its source, and stop."""

    @functools.wraps(command)
    def wrapper(*args: Any, show_config: bool = False, **kwargs: Any) -> Any:
        if show_config:
            _print_config(click.get_current_context())
            return None
        return command(*args, **kwargs)

    return click.option("--show-config", is_flag=True, is_eager=True, callback=_lenient,
                        help="Print the effective configuration and where each value "
                             "comes from, then stop.")(wrapper)


def _lenient(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    # `audit-rules run --show-config` needs no input paths: nothing will be audited.
    if value:
        ctx.resilient_parsing = True
    return value


def _words(lang: str) -> tuple[Callable[..., str], dict[str, str]]:
    from .checks.pack import load_rulebook

    book = load_rulebook()

    def text(key: str, **values: Any) -> str:
        template = book.message(key, lang) or key
        return template.format(**values) if values else template

    words = {name: text(f"ui.config.{name}") for name in
             ("command_line", "default", "environment")}
    words["file"] = book.message("ui.config.file", lang) or "{path} ({key})"
    return text, words


def _print_config(ctx: click.Context) -> None:
    from tabulate import tabulate

    from .config import describe

    lang = ctx.params.get("lang") or "zh"
    text, words = _words(lang)
    config = ctx.find_root().meta.get(CONFIG_KEY)
    if config is not None:
        click.echo(text("ui.config.header", path=config.path))
    else:
        click.echo(text("ui.config.none"))
    rows = describe(ctx, config, words)
    headers = [text("ui.config.col.key"), text("ui.config.col.value"),
               text("ui.config.col.source")]
    click.echo(tabulate(rows, headers=headers, tablefmt="simple"))


def selection_options(command: Callable) -> Callable:
    """`--select`, `--ignore` and `--severity`, shared by `run` and `baseline`."""
    options = [
        click.option("--select", multiple=True, metavar="CODES",
                     help="Report only these rules: codes or prefixes (SE009, PR0), "
                          "comma-separated or repeated."),
        click.option("--ignore", multiple=True, metavar="CODES",
                     help="Do not report these rules: codes or prefixes, comma-separated "
                          "or repeated."),
        click.option("--severity", multiple=True, metavar="CODE=LEVEL",
                     help="Report a rule at another level: SE009=info (error, warning, info); "
                          "may be repeated."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def chosen(book, lang: str, select, ignore, severity, baseline_file: str | None):
    """(what to do with each file's result, the book as reported, the baseline or None);
    a usage error names a code or a baseline that cannot be used."""
    from .baseline import BaselineError, read_baseline
    from .selection import Selection, SelectionError

    try:
        selection = Selection.parse(select, ignore, severity)
        selection.check_codes(book)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from None
    baseline = None
    if baseline_file:
        try:
            baseline = read_baseline(Path(baseline_file))
        except BaselineError as exc:
            raise click.UsageError(str(exc)) from None

    def policy(result):
        selection.apply(result)
        if baseline is not None:
            baseline.apply(result)
        return result

    return policy, selection.apply_to_book(book), baseline


def baseline_line(report, baseline, files: list[str]) -> str:
    return baseline.summary(report.text, files)
