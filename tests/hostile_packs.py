"""Rule packs built to break the loader: each must be refused in one line, quickly.

`hostile_packs()` gives (name, content) pairs: formulas nested or summed past any stack,
literals of a thousand digits or exponents of a billion, constructs outside the language,
message templates that reach into Python objects or pad to a megabyte, YAML nested a
hundred thousand deep or built from aliases, files past the size limit, rule fields that
are not texts, and bytes that are not UTF-8. Content is text or bytes, as written to disk.
"""

from __future__ import annotations

RULE = ("pack: hostile\napplies_to: selfeval_form\nrules:\n"
        "  - id: HX001\n    title: 恶意规则\n    severity: error\n")


def formula_pack(check: str) -> str:
    """A one-rule pack whose check is `check` (written as a YAML literal block)."""
    return RULE + "    check: |-\n      " + check + "\n"


def message_pack(message: str, key: str = "message") -> str:
    quoted = message.replace("\\", "\\\\").replace('"', '\\"')
    return RULE + f"    check: 执行率 <= 100%\n    {key}: \"{quoted}\"\n"


FORMULAS = {
    "unary minus ×100": "-" * 100 + "执行率 == 1",
    "unary minus ×1000": "-" * 1000 + "执行率 == 1",
    "unary minus ×100000": "-" * 100_000 + "执行率 == 1",
    "unary plus ×500": "+" * 500 + "执行率 == 1",
    "not ×200": "not " * 200 + "执行率 == 1",
    "not ×20000": "not " * 20_000 + "执行率 == 1",
    "sum of 20000 terms": " + ".join(["执行率"] * 20_000) + " == 1",
    "sum of 300 terms": "+".join(["执行率"] * 300) + " == 1",
    "product of 100 factors": "*".join(["执行率"] * 100) + " == 1",
    "nested abs ×100": "abs(" * 100 + "执行率" + ")" * 100 + " == 1",
    "nested parentheses ×300": "(" * 300 + "执行率" + ")" * 300 + " == 1",
    "and chain of 200": " and ".join(["执行率 == 1"] * 200),
    "exponent a billion": "执行率 == 1e999999999",
    "exponent minus a billion": "执行率 == 1e-999999999",
    "float overflow": "执行率 == 1e309 * 1e309",
    "a thousand digits": "执行率 == " + "9" * 1000,
    "33 digits": "执行率 == 123456789012345678901234567890123",
    "a thousand decimals": "执行率 == 0." + "0" * 999 + "1",
    "hex literal": "执行率 == 0x10",
    "True literal": "执行率 == True",
    "None literal": "执行率 == None",
    "complex literal": "执行率 == 1j",
    "bytes literal": "执行率 == b'x'",
    "long text literal": "执行率 == '" + "字" * 500 + "'",
    "formula of 100 kB": "执行率 == 1" + " " * 100_000,
    "__import__": "__import__('os').system('true')",
    "dunder attribute": "执行率.__class__ == 1",
    "attribute of a call": "abs(执行率).real == 1",
    "lambda": "(lambda: 1)() == 1",
    "comprehension": "sum([x for x in 执行率]) == 1",
    "subscript": "执行率[0] == 1",
    "power": "执行率 ** 99999999 == 1",
    "floor division": "执行率 // 2 == 1",
    "conditional": "(1 if 执行率 else 2) == 1",
    "f-string": "f'{执行率}' == '1'",
    "walrus": "(x := 执行率) == 1",
    "starred": "sum(*执行率) == 1",
    "double star": "sum(执行率, **执行率) == 1",
    "abs without argument": "abs() == 1",
    "abs of two": "abs(执行率, 执行率) == 1",
    "keyword to abs": "abs(执行率, x=1) == 1",
    "unknown function": "open('/etc/passwd') == 1",
    "matrix product": "执行率 @ 执行率 == 1",
    "shift": "执行率 << 99999 == 1",
    "invert": "~执行率 == 1",
    "is": "执行率 is 执行率",
    "in": "执行率 in 执行率",
    "dict": "{1: 2} == 1",
    "null byte": "执行率 == 1\x00",
}

TEMPLATES = {
    "positional {0}": "{0}",
    "auto-numbered {}": "报告 {}",
    "index {reported[0]}": "{reported[0]}",
    "attribute {reported.__class__}": "{reported.__class__}",
    "globals through attributes": "{subject.__init__.__globals__}",
    "conversion !r": "{reported!r}",
    "conversion !s": "{reported!s}",
    "conversion !a": "{reported!a}",
    "huge padding": "{reported:>999999}",
    "small padding": "{reported:>10}",
    "nested spec": "{reported:{expected}}",
    "unmatched {": "报告 {reported",
    "lone }": "报告 reported}",
    "unknown field": "{password}",
    "unknown field in English": "{secret_key}",
}

# YAML that is the problem before any rule is read.
YAML = {
    "100k nested [": "rules: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "100k nested {": "rules: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
    "100k nested block sequences": "rules:\n" + "- " * 100_000 + "x\n",
    "40 nested mappings": "pack: deep\nvocabulary:\n" + "".join(
        "  " * (i + 1) + f"k{i}:\n" for i in range(40)) + "  " * 41 + "x: 1\n",
    "40 nested lists": "pack: deep\nrules: " + "[" * 40 + "]" * 40 + "\n",
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8)) + "rules: []\n",
    "an alias under an unknown key": "x: &t 标题\n" + RULE.replace("title: 恶意规则", "title: *t")
    + "    check: 执行率 <= 100%\n",
    "file over 1 MB": "# " + "注" * 400_000 + "\nrules: []\n",
    "200k nodes": "pack: wide\nrules: [" + ",".join(["x"] * 200_000) + "]\n",
}

FIELDS = {
    "title a mapping": RULE.replace("title: 恶意规则", "title: {a: 1}") + "    check: 执行率 <= 1\n",
    "title a list": RULE.replace("title: 恶意规则", "title: [1, 2]") + "    check: 执行率 <= 1\n",
    "title of 100k characters": RULE.replace("title: 恶意规则", "title: " + "长" * 100_000)
    + "    check: 执行率 <= 1\n",
    "id a list": RULE.replace("id: HX001", "id: [HX001]") + "    check: 执行率 <= 1\n",
    "check a mapping": RULE + "    check: {a: 1}\n",
    "check a list": RULE + "    check: [执行率, 1]\n",
    "message a list": RULE + "    check: 执行率 <= 1\n    message: [a, b]\n",
    "example a list": RULE + "    check: 执行率 <= 1\n    example: [a]\n",
    "messages section with {0}": "pack: m\nmessages:\n  ui.error: {zh: \"{0}\", en: x}\nrules: []\n",
    "messages section with attribute": "pack: m\nmessages:\n  ui.x: \"{path.__class__}\"\nrules: []\n",
    "messages section a list": "pack: m\nmessages: [a, b]\nrules: []\n",
    "not a mapping": "- a\n- b\n",
    "empty": "",
}

BYTES = {
    "not UTF-8": "rules: []\n# 注释\n".encode("gb18030"),
    "binary": bytes(range(256)) * 8,
}


def hostile_packs() -> list[tuple[str, str | bytes]]:
    packs: list[tuple[str, str | bytes]] = []
    packs += [(f"formula: {name}", formula_pack(check)) for name, check in FORMULAS.items()]
    packs += [(f"template: {name}", message_pack(t, "message_en" if "English" in name else "message"))
              for name, t in TEMPLATES.items()]
    packs += [(f"yaml: {name}", text) for name, text in YAML.items()]
    packs += [(f"field: {name}", text) for name, text in FIELDS.items()]
    packs += [(f"bytes: {name}", data) for name, data in BYTES.items()]
    return packs
