"""The configuration file: `[tool.audit-rules]` in pyproject.toml, or `.audit-rules.toml`.

The file is found from the current folder upwards (in each folder `.audit-rules.toml`
first, then a `pyproject.toml` that has a `[tool.audit-rules]` table). Its keys are the
long names of the commands' options (`fail-on`, `lang`, `select`, `max-part-mb` …), so an
option added to a command can be set from the file without more code; a table named after
a command (`[tool.audit-rules.run]`) holds values for that command only. `severity` is a
table of rule codes (`SE009 = "info"`). The values reach click as its `default_map`:
whatever is given on the command line wins.

    [tool.audit-rules]
    fail-on = "warning"
    ignore = ["SE009"]
    rules = ["rules/our-region.yaml"]   # paths are relative to the file
    [tool.audit-rules.severity]
    PR050 = "info"

A file that cannot be used raises `ConfigError` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import click

DEDICATED = ".audit-rules.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass
class Config:
    """The file's values as click's `default_map` ({command: {parameter name: value}})."""

    path: Path | None = None
    default_map: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (command, parameter name) → the key as written in the file, for --show-config
    keys: dict[tuple[str, str], str] = field(default_factory=dict)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest configuration file from `start` (the current folder) upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        dedicated = candidate / DEDICATED
        if dedicated.is_file():
            return dedicated
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    import tomllib  # only when there is a file to read: most runs have none

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        # A broken pyproject.toml of a project that does not configure audit-rules is not
        # our business; one that mentions the table is read (and refused) as ours.
        try:
            return "[tool.audit-rules" in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(data.get("tool", {}).get("audit-rules"), dict)


def read_table(path: Path) -> dict[str, Any]:
    """The audit-rules table of a configuration file."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("audit-rules", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.audit-rules must be a table")
        return table
    return data


def option_keys(command: click.Command) -> dict[str, click.Parameter]:
    """A command's options by their long names without dashes (`fail-on` → its parameter)."""
    keys: dict[str, click.Parameter] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden or param.name is None:
            continue
        if param.name in ("help", "show_config", "version"):
            continue
        # `--no-progress` is not a key: `progress = false` says it.
        for opt in param.opts:
            if opt.startswith("--"):
                keys.setdefault(opt[2:], param)
    return keys


def severity_items(value: Any, where: str) -> list[str]:
    """`severity = {SE009 = "info"}` as the option's `CODE=LEVEL` strings."""
    from .selection import SelectionError, parse_severity

    if isinstance(value, dict):
        items = [f"{code}={level}" for code, level in value.items()]
    elif isinstance(value, list):
        items = [str(v) for v in value]
    else:
        raise ConfigError(f"{where}: a table of rule codes, e.g. SE009 = \"info\"")
    try:
        parse_severity(items)
    except SelectionError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return items


def _convert(path: Path, key: str, param: click.Parameter, value: Any) -> Any:
    """The file's value as click would take it, or a ConfigError naming the key."""
    where = f"{path}: {key}"
    if key == "severity":
        return severity_items(value, where)
    if param.multiple:
        values = value if isinstance(value, list) else [value]
    elif isinstance(value, (list, dict)):
        raise ConfigError(f"{where}: one value expected, not a {type(value).__name__}")
    else:
        values = [value]
    converted = []
    for item in values:
        if isinstance(item, (dict, list)):
            raise ConfigError(f"{where}: a list of single values expected")
        if isinstance(param.type, click.Path) and isinstance(item, str):
            # Paths in the file are relative to the file, wherever the command is run.
            item = str((path.parent / item)) if not Path(item).is_absolute() else item
        try:
            converted.append(param.type.convert(item, param, None))
        except click.BadParameter as exc:
            raise ConfigError(f"{where}: {exc.message}") from None
    return converted if param.multiple else converted[0]


def load_config(path: Path, group: click.Group) -> Config:
    """The file's table checked against the group's commands and turned into a default_map."""
    table = read_table(path)
    commands = dict(group.commands)
    config = Config(path=path)
    shared: dict[str, Any] = {}
    per_command: dict[str, dict[str, Any]] = {}
    for key, value in table.items():
        if key in commands and isinstance(value, dict):
            per_command[key] = value
        else:
            shared[key] = value
    known_anywhere = {k for c in commands.values() for k in option_keys(c)}
    for key in shared:
        if key not in known_anywhere:
            raise ConfigError(f"{path}: unknown key {key!r}; known keys: "
                              f"{', '.join(sorted(known_anywhere))}")
    for name, command in commands.items():
        keys = option_keys(command)
        values: dict[str, Any] = {}
        for key, value in shared.items():
            if key in keys:
                values[keys[key].name] = _convert(path, key, keys[key], value)
                config.keys[(name, keys[key].name)] = key
        for key, value in per_command.get(name, {}).items():
            if key not in keys:
                raise ConfigError(f"{path}: {name}.{key}: not an option of '{name}'; known: "
                                  f"{', '.join(sorted(keys))}")
            values[keys[key].name] = _convert(path, f"{name}.{key}", keys[key], value)
            config.keys[(name, keys[key].name)] = f"{name}.{key}"
        if values:
            config.default_map[name] = values
    return config


def describe(ctx: click.Context, config: Config | None,
             words: dict[str, str]) -> list[tuple[str, str, str]]:
    """The effective value of every option of the running command and where it came from."""
    from click.core import ParameterSource

    command_name = ctx.info_name or ""
    rows = []
    for key, param in option_keys(ctx.command).items():
        if _primary(param) != key:  # a --flag/--no-flag pair is shown once
            continue
        value = ctx.params.get(param.name)
        source = ctx.get_parameter_source(param.name)
        if source is ParameterSource.DEFAULT_MAP and config is not None and config.path:
            written = config.keys.get((command_name, param.name), key)
            origin = words["file"].format(path=config.path, key=written)
        elif source in (ParameterSource.COMMANDLINE, ParameterSource.PROMPT):
            origin = words["command_line"]
        elif source is ParameterSource.ENVIRONMENT:
            origin = words["environment"]
        else:
            origin = words["default"]
        rows.append((key, _show(value), origin))
    return rows


def _primary(param: click.Parameter) -> str:
    return next(o[2:] for o in param.opts if o.startswith("--"))


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) if value else "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def split_codes(values: Iterable[str]) -> list[str]:
    """`--select SE,PR0 --select FA` → [SE, PR0, FA]."""
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]
