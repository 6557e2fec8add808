"""Text tables lined up by spaces: each figure is placed by where it stands under the header."""

import unicodedata

from auditor.pipeline import audit_file
from auditor.readers.layouttables import find_layout_tables


def _w(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line(cells: list[tuple[str, int, str]]) -> str:
    """Cells at display columns: (text, column, 'l' left-aligned at it / 'r' ending at it)."""
    out = ""
    for text, column, align in cells:
        start = column if align == "l" else column - _w(text)
        out += " " * max(start - _w(out), 2 if out else 0) + text
    return out


HEADER = [("科目编码", 0, "l"), ("科目名称", 10, "l"), ("本年收入合计", 34, "l"), ("财政拨款收入", 48, "l"),
          ("事业收入", 62, "l"), ("其他收入", 72, "l")]


def _income_table(total: str, other_at: int = 80) -> str:
    rows = [HEADER,
            [("合计", 10, "l"), (total, 46, "r"), ("5,512.30", 60, "r"), ("274.12", other_at, "r")],
            [("201", 0, "l"), ("一般公共服务支出", 10, "l"), ("4,778.74", 46, "r"), ("4,504.62", 60, "r"),
             ("274.12", other_at, "r")],
            [("208", 0, "l"), ("社会保障和就业支出", 10, "l"), ("1,007.68", 46, "r"), ("1,007.68", 60, "r")]]
    return ("某局2021年度部门决算\n收入决算表\n金额单位：万元\n" + "\n".join(_line(r) for r in rows)
            + "\n注：本表反映部门本年度取得的各项收入情况。\n")


def test_a_space_aligned_table_is_read_by_its_columns(tmp_path, book):
    ok = tmp_path / "ok.txt"
    ok.write_text(_income_table("5,786.42"), encoding="utf-8")
    result = audit_file(str(ok), book)
    assert "FA020" in {e.rule for e in result.evaluations if e.verdict == "pass"}
    assert not [f for f in result.findings if f.severity == "error"]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(_income_table("5,836.42"), encoding="utf-8")
    found = {(f.rule, f.reported, f.expected) for f in audit_file(str(wrong), book).findings}
    assert ("FA020", "5836.42万元", "5786.42万元") in found  # 5,512.30 + 274.12


def test_a_figure_between_two_columns_leaves_the_table_as_text(tmp_path, book):
    # 274.12 straddling 事业收入 and 其他收入, as far from the end of each: which is a guess.
    lines = _income_table("5,836.42", other_at=75).splitlines()
    assert find_layout_tables(lines, "x.txt", set()) == {}
    path = tmp_path / "gap.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not [f for f in audit_file(str(path), book).findings if f.rule == "FA020"]


def test_ruled_lines_under_the_title_and_header_draw_nothing(tmp_path, book):
    lines = _income_table("5,836.42").splitlines()
    header = lines.index(next(l for l in lines if l.startswith("科目编码")))
    lines.insert(header + 1, "-" * 80)
    lines.insert(header, "=" * 80)
    path = tmp_path / "ruled.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {(f.rule, f.reported) for f in audit_file(str(path), book).findings}
    assert ("FA020", "5836.42万元") in found


def test_a_grid_tables_borders_do_not_split_it(tmp_path, book):
    text = ("某局2021年度部门决算\n支出决算表\n单位：万元\n"
            "+------+----------+----------+--------+--------+\n"
            "|科目编码|科目名称|本年支出合计|基本支出|项目支出|\n"
            "+------+----------+----------+--------+--------+\n"
            "|      |合计      |  {total}|  80.00|  20.00|\n"
            "|201   |一般公共服务支出| 100.00|  80.00|  20.00|\n"
            "+------+----------+----------+--------+--------+\n")
    path = tmp_path / "grid.txt"
    path.write_text(text.format(total="100.00"), encoding="utf-8")
    result = audit_file(str(path), book)
    assert not [f for f in result.findings if f.rule in ("FA202", "AR001") or f.severity == "error"]
    path.write_text(text.format(total="110.00"), encoding="utf-8")
    assert any(f.reported == "110.00万元" for f in audit_file(str(path), book).findings
               if f.severity == "error")
