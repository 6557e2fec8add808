"""Rate columns of the tables (完成预算%, 完成年初预算%, 执行率), row by row against the two
amount columns they are computed from (FA042), and a 科目's rate stated in the prose
without its budget against the budget of its one table row (FA314). Made-up documents."""

import pytest

from auditor.pipeline import audit_file


def _audit(tmp_path, book, text, name="doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return audit_file(str(path), book)


def _checked(result, rule):
    return [e for e in result.evaluations if e.rule == rule and e.verdict != "skip"]


def _found(result, rule):
    return [f for f in result.findings if f.rule == rule]


# ---------------------------------------------------------------- 05表 with its rate column

def _t5(rate_header="完成年初预算%", rows=None, budget_headers=("年初预算",)):
    """A 决算's 一般公共预算财政拨款支出决算表 as Word's tab export: 年初预算 | 决算数 | rate."""
    rows = rows or [("", "合计", "500.00", "480.00", "96.00"),
                    ("212", "城乡社区支出", "500.00", "480.00", "96.00"),
                    ("21201", "城乡社区管理事务", "500.00", "480.00", "96.00"),
                    ("2120101", "行政运行", "300.00", "310.00", "103.33"),
                    ("2120104", "城管执法", "200.00", "170.00", "85.00")]
    header = ["科目编码", "科目名称", *budget_headers, "决算数", rate_header]
    lines = ["某区城市管理局2023年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元",
             "\t".join(header)]
    for row in rows:
        code, label, *figures = row
        if len(budget_headers) == 2:
            figures = [figures[0], figures[0], *figures[1:]]
        lines.append("\t".join([code, label, *figures]))
    return "\n".join(lines) + "\n\n第三部分 情况说明\n"


def test_rates_that_agree_with_their_rows(tmp_path, book):
    result = _audit(tmp_path, book, _t5())
    assert not _found(result, "FA042")
    assert len(_checked(result, "FA042")) == 5  # 合计, the 类, the 款 and the two 项


def test_a_rate_that_is_not_spending_over_budget(tmp_path, book):
    rows = [("", "合计", "500.00", "480.00", "96.00"),
            ("212", "城乡社区支出", "500.00", "480.00", "96.00"),
            ("21201", "城乡社区管理事务", "500.00", "480.00", "96.00"),
            ("2120101", "行政运行", "300.00", "310.00", "130.33"),  # 310 ÷ 300 = 103.33%
            ("2120104", "城管执法", "200.00", "170.00", "85.00")]
    result = _audit(tmp_path, book, _t5(rows=rows))
    [finding] = _found(result, "FA042")
    assert finding.reported == "130.33%" and finding.expected == "103.33%"
    assert finding.location.line == 8
    # The figures it used, each with its place: the rate, the 决算 and the 年初预算 of the row.
    shown = {(figure.shown, figure.location.line) for figure in finding.figures}
    assert shown == {("130.33%", 8), ("310.00万元", 8), ("300.00万元", 8)}


@pytest.mark.parametrize("rate", ["103.33", "103.3", "103"])
def test_a_rate_inside_the_amounts_rounding(tmp_path, book, rate):
    rows = [("2120101", "行政运行", "300.00", "310.00", rate)]
    assert not _found(_audit(tmp_path, book, _t5(rows=rows)), "FA042")


def test_a_row_of_no_budget_or_no_rate_is_not_checked(tmp_path, book):
    rows = [("2120101", "行政运行", "0.00", "310.00", "—"),       # 预算 0, rate "—"
            ("2120104", "城管执法", "0.00", "170.00", "100.00"),   # 预算 0: no rate of it
            ("2120199", "其他城乡社区管理事务支出", "50.00", "20.00", "—")]
    result = _audit(tmp_path, book, _t5(rows=rows))
    assert not _found(result, "FA042") and not _checked(result, "FA042")


def test_a_rate_that_names_no_base_beside_two_budgets_is_not_checked(tmp_path, book):
    # 完成率 beside 年初预算 and 调整预算: which budget it is of is not said.
    rows = [("2120101", "行政运行", "300.00", "310.00", "130.33")]
    text = _t5(rate_header="完成率%", rows=rows, budget_headers=("年初预算", "调整预算"))
    assert not _checked(_audit(tmp_path, book, text), "FA042")
    # …but 完成年初预算% says it: checked against 年初预算.
    text = _t5(rows=rows, budget_headers=("年初预算", "调整预算"))
    assert [f.expected for f in _found(_audit(tmp_path, book, text), "FA042")] == ["103.33%"]


def test_a_rate_column_named_as_a_share_of_its_budget(tmp_path, book):
    # 决算数占全年预算数比例（%） beside 年初预算 and 全年预算: of the 全年预算.
    rows = [("2120101", "行政运行", "300.00", "310.00", "103.33")]
    text = _t5(rate_header="决算数占全年预算数比例（%）", rows=rows, budget_headers=("年初预算", "全年预算"))
    assert [e.verdict for e in _checked(_audit(tmp_path, book, text), "FA042")] == ["pass"]
    rows = [("2120101", "行政运行", "300.00", "310.00", "124.44")]
    text = _t5(rate_header="决算数占全年预算数比例（%）", rows=rows, budget_headers=("年初预算", "全年预算"))
    assert [f.expected for f in _found(_audit(tmp_path, book, text), "FA042")] == ["103.33%"]


def test_a_rate_column_of_another_meaning_is_not_read(tmp_path, book):
    rows = [("2120101", "行政运行", "300.00", "310.00", "130.33")]
    assert not _checked(_audit(tmp_path, book, _t5(rate_header="增减率%", rows=rows)), "FA042")


def test_an_economic_rate_column_without_its_budget_is_not_checked(tmp_path, book):
    # 决算数为年初预算数的% with no 年初预算 column: its base is not in the table.
    text = ("某局2023年度部门决算\n一般公共预算财政拨款支出决算表\n单位：万元\n"
            "科目编码\t科目名称\t决算数\t决算数为年初预算数的%\n"
            "2120101\t行政运行\t310.00\t130.33\n\n第三部分 情况说明\n")
    assert not _checked(_audit(tmp_path, book, text), "FA042")


# ---------------------------------------------------------------- 三公 table's rate column

def _three(rates=("75.00", "—", "80.00", "—", "80.00", "62.50")):
    items = [("合计", "20.00", "15.00"), ("因公出国（境）费", "0.00", "0.00"),
             ("公务用车购置及运行维护费", "12.00", "9.60"), ("其中：公务用车购置费", "0.00", "0.00"),
             ("公务用车运行维护费", "12.00", "9.60"), ("公务接待费", "8.00", "5.40")]
    lines = ["某局2023年度部门决算", "财政拨款“三公”经费支出决算表", "单位：万元",
             "项目\t预算数\t决算数\t完成预算%"]
    lines += ["\t".join([*item, rate]) for item, rate in zip(items, rates)]
    return "\n".join(lines) + "\n\n第三部分 情况说明\n"


def test_three_public_rates_that_agree(tmp_path, book):
    # 15.00 ÷ 20.00 = 75%, 9.60 ÷ 12.00 = 80%, 5.40 ÷ 8.00 = 67.5%.
    result = _audit(tmp_path, book, _three(rates=("75.00", "—", "80.00", "—", "80.00", "67.50")))
    assert not _found(result, "FA042") and len(_checked(result, "FA042")) == 4
    assert not [f for f in result.findings if f.rule == "AR002" and "完成预算" in f.message]


def test_a_three_public_rate_that_disagrees(tmp_path, book):
    [finding] = _found(_audit(tmp_path, book, _three()), "FA042")
    assert finding.reported == "62.50%" and finding.expected == "67.50%"
    assert "公务接待费" in finding.message and finding.location.line == 10


# ---------------------------------------------------------------- a 科目's rate in the prose

def _prose(stated_rate, rows=None, extra=""):
    rows = rows or [("", "合计", "1,300.00", "1,204.36"), ("213", "农林水支出", "1,300.00", "1,204.36"),
                    ("21301", "农业农村", "1,300.00", "1,204.36"),
                    ("2130153", "农田建设", "1,300.00", "1,204.36")]
    table = "\n".join("\t".join(row) for row in rows)
    return ("某县农业农村局2023年度部门决算\n"
            "一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t年初预算\t支出决算\n"
            f"{table}\n{extra}\n"
            "第三部分 2023年度部门决算情况说明\n"
            "五、一般公共预算财政拨款支出决算情况说明\n"
            f"1.农田建设（项）：支出决算1,204.36万元，完成年初预算的{stated_rate}%，主要是部分标段工程款按进度结转。\n")


def test_a_prose_rate_of_a_row_that_agrees(tmp_path, book):
    result = _audit(tmp_path, book, _prose("92.64"))
    assert not _found(result, "FA314") and len(_checked(result, "FA314")) == 1


def test_a_prose_rate_of_a_row_that_disagrees(tmp_path, book):
    result = _audit(tmp_path, book, _prose("96.24"))
    [finding] = _found(result, "FA314")
    assert finding.reported == "96.24%" and finding.expected == "92.64%"
    lines = {figure.shown: figure.location.line for figure in finding.figures}
    # The stated rate and spending on the prose line, the 年初预算 on the table's row.
    assert lines == {"96.24%": 12, "1204.36万元": 12, "1300.00万元": 8}


def test_a_prose_rate_of_a_name_two_rows_bear_is_not_checked(tmp_path, book):
    rows = [("", "合计", "1,300.00", "1,204.36"), ("213", "农林水支出", "1,300.00", "1,204.36"),
            ("21301", "农业农村", "650.00", "602.18"), ("2130153", "农田建设", "650.00", "602.18"),
            ("21305", "巩固脱贫攻坚成果衔接乡村振兴", "650.00", "602.18"),
            ("2130553", "农田建设", "650.00", "602.18")]
    result = _audit(tmp_path, book, _prose("96.24", rows=rows))
    assert not _checked(result, "FA314") and not _found(result, "FA314")
    assert result.not_checked.get("table_claim")


def test_a_prose_rate_of_a_row_of_no_budget_is_not_checked(tmp_path, book):
    rows = [("", "合计", "0.00", "1,204.36"), ("213", "农林水支出", "0.00", "1,204.36"),
            ("21301", "农业农村", "0.00", "1,204.36"), ("2130153", "农田建设", "0.00", "1,204.36")]
    result = _audit(tmp_path, book, _prose("96.24", rows=rows))
    assert not _found(result, "FA314") and not _checked(result, "FA314")


def test_a_prose_rate_without_the_budget_column_is_not_checked(tmp_path, book):
    text = _prose("96.24").replace("年初预算\t支出决算", "支出决算\t基本支出")
    result = _audit(tmp_path, book, text)
    assert not _checked(result, "FA314") and result.not_checked.get("rate_operands")


def test_a_three_public_item_rate_of_the_initial_budget(tmp_path, book):
    # 完成年初预算的 is the 三公 table's 预算数 too: 4.87 ÷ 6.50 = 74.92%, not 79.42%.
    text = ("某局2023年度部门决算\n财政拨款“三公”经费支出决算表\n单位：万元\n项目\t预算数\t决算数\n"
            "合计\t24.50\t20.49\n因公出国（境）费\t0.00\t0.00\n公务用车购置及运行维护费\t18.00\t15.62\n"
            "其中：公务用车购置费\t0.00\t0.00\n公务用车运行维护费\t18.00\t15.62\n公务接待费\t6.50\t4.87\n\n"
            "第三部分 2023年度部门决算情况说明\n五、“三公”经费财政拨款支出决算情况说明\n"
            "其中：公务用车购置及运行维护费15.62万元，完成年初预算的86.78%；"
            "公务接待费4.87万元，完成年初预算的{rate}%。\n")
    assert not _found(_audit(tmp_path, book, text.format(rate="74.92")), "FA313")
    [finding] = _found(_audit(tmp_path, book, text.format(rate="79.42")), "FA313")
    assert finding.expected == "74.92%"
