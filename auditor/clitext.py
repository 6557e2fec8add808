"""The command line in one language: help texts and click's usage errors from a catalogue.

`--lang` is an option of each command, but click builds `--help` and its usage errors
while it parses, before any option's value is known. So the language is decided first,
from the arguments as given (`--lang en` / `--lang=en` anywhere on the line), else from
the `AUDIT_RULES_LANG` environment variable, else Chinese. Help texts come from
`rules/messages/cli.yaml` keyed by command and option name; click's own words (`Usage:`,
`Missing argument`, `No such option` …) go through its gettext calls, which are pointed at
the same catalogue. A text missing from the catalogue falls back to the English in the
code, and a test fails on any option without both languages.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

import click

LANG_ENV = "AUDIT_RULES_LANG"
LANGS = ("zh", "en")
# click's modules that translate through a module-level `_` / `ngettext`.
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types",
                  "termui", "utils")


@lru_cache(maxsize=1)
def catalogue() -> dict:
    import yaml

    try:
        from importlib import resources

        text = resources.files("auditor.rulepacks").joinpath("messages/cli.yaml").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # running from a source checkout
        text = (Path(__file__).resolve().parents[1] / "rules" / "messages" / "cli.yaml"
                ).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def language(args: list[str]) -> str:
    """The language asked for on the command line, else by the environment, else zh."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGS:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    from_env = os.environ.get(LANG_ENV, "").strip().lower()
    return from_env if from_env in LANGS else "zh"


def text(key: str, lang: str) -> str | None:
    entry = catalogue().get(key)
    if isinstance(entry, dict):
        return entry.get(lang) or None
    return None


def option_help(command: str, param: click.Parameter, lang: str) -> str | None:
    """An option's help in `lang`: `option.COMMAND.--flag`, else `option.--flag`."""
    flags = [o for o in (*param.opts, *param.secondary_opts) if o.startswith("--")]
    for flag in flags:
        found = text(f"option.{command}.{flag}", lang) or text(f"option.{flag}", lang)
        if found:
            return found
    return None


# click words the help option's text on every parse; the help shown comes from the
# catalogue's option.--help (see _localise), so the catalogue need not be read for it.
_HELP_OPTION_TEXT = {"Show this message and exit."}


def _translator(lang: str):
    # The catalogue is read on the first message shown, not before: `--version` and a
    # run without usage errors never read it.
    def gettext(message: str) -> str:
        if lang != "zh" or message in _HELP_OPTION_TEXT:
            return message
        return (catalogue().get("click") or {}).get(message, message)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    return gettext, ngettext


def use(lang: str, group: click.Group) -> None:
    """Speaks `lang` from now on: click's messages, and (when help is shown) every command's
    and option's help."""
    gettext, ngettext = _translator(lang)
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    Localised.lang = lang
    # The output follows the same choice as the help. Set on every run, both ways: the
    # commands are objects that live as long as the process (a test runs many).
    env_lang = os.environ.get(LANG_ENV, "").strip().lower()
    for command in group.commands.values():
        for param in command.params:
            if param.name == "lang":
                param.default = env_lang if env_lang in LANGS else "zh"


def _localise(command: click.Command, ctx: click.Context) -> None:
    """Puts the catalogue's help on the command and its options (the help option too,
    which click makes afresh)."""
    lang = Localised.lang
    command.help = text(f"command.{command.name or 'main'}", lang) or command.help
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            param.help = option_help(command.name or "main", param, lang) or param.help


class Localised(click.Command):
    """A command whose help comes from the catalogue in the chosen language."""

    lang = "zh"

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localise(self, ctx)
        super().format_help(ctx, formatter)


class LocalisedGroup(click.Group):
    """audit-rules itself: picks the language before click parses anything, and makes the
    standard streams safe for a console that cannot show every character."""

    command_class = Localised

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localise(self, ctx)
        for name, command in self.commands.items():
            command.help = text(f"command.{name}", Localised.lang) or command.help
            command.short_help = None
        super().format_help(ctx, formatter)

    def main(self, args=None, *rest, **options):
        from .report.safe import never_fail_on_encoding

        never_fail_on_encoding()
        given = list(sys.argv[1:] if args is None else args)
        use(language(given), self)
        return super().main(args, *rest, **options)
