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


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` display columns: a CJK character takes two and may end a
    line anywhere; other words break at spaces (click's own wrapping counts characters, so
    a Chinese help text ran to twice the terminal's width)."""
    import re

    from wcwidth import wcswidth

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        line, used = "", 0
        for token in re.findall(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+",
                               " ".join(paragraph.split())):
            size = max(wcswidth(token), len(token)) if not token.isspace() else 1
            if token.isspace():
                if line and used + 1 <= width:
                    line, used = line + " ", used + 1
                continue
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + token, used + size
        if line.strip():
            lines.append(line.rstrip())
        lines.append("")
    return lines[:-1]


class WidthAwareFormatter(click.HelpFormatter):
    """click's help layout, wrapped by display width."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 11)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        from wcwidth import wcswidth

        rows = list(rows)
        first_col = min(max((wcswidth(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if wcswidth(first) <= first_col - col_spacing:
                self.write(" " * (first_col - wcswidth(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class LocalisedContext(click.Context):
    formatter_class = WidthAwareFormatter


class Localised(click.Command):
    """A command whose help comes from the catalogue in the chosen language."""

    lang = "zh"
    context_class = LocalisedContext

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _localise(self, ctx)
        super().format_help(ctx, formatter)


class LocalisedGroup(click.Group):
    """audit-rules itself: picks the language before click parses anything, and makes the
    standard streams safe for a console that cannot show every character."""

    command_class = Localised
    context_class = LocalisedContext

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
