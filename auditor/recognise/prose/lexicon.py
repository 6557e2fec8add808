"""The words of budget prose that give a figure its meaning.

Data, not logic: which words make an amount a budget or a spending, a percentage a share,
a growth or a named rate, and which words open or close a list of parts. The grammar
(`grammar.py`) looks words up here; nothing here knows a document.
"""

from __future__ import annotations

import re

# What an amount is, by the word that ends its label. The head of a Chinese noun phrase
# comes last, so the keyword ending last in a label wins (一般公共预算财政拨款支出: 支出).
AMOUNT_ROLES: dict[str, str] = {
    "年初预算": "年初预算",
    "全年预算": "全年预算",
    "调整后预算": "全年预算",
    "预算": "预算",
    "计划投入": "计划",
    "计划资金": "计划",
    "批复": "预算",
    "决算": "执行数",
    "支出": "执行数",
    "执行": "执行数",
    "支付": "执行数",
    "完成": "执行数",
    "使用": "执行数",
    "花费": "执行数",
    "采购": "执行数",
    "结余": "结余",
    "结转结余": "结余",
    "结转和结余": "结余",
    # What was not spent is no spending: 未支出的6.53万元 is the balance.
    "未支出": "结余",
    "未使用": "结余",
    "未执行": "结余",
    "未支付": "结余",
    "未拨付": "结余",
    "未完成": "结余",
    "到位": "到位",
    "收入": "收入",
    "拨款": "收入",
}
COUNT_ROLES: dict[str, str] = {
    "受理": "受理",
    "接收": "受理",
    "接到": "受理",
    "收到": "受理",
    "接件": "受理",
    "总数": "受理",
    "办结": "办结",
    "办理": "办结",
    "回复": "回复",
    "合格": "合格",
    "完好": "完好",
    "处置": "处置",
    "结案": "结案",
    "检查": "受理",
    "抽查": "受理",
}
SCORE_ROLES: dict[str, str] = {
    "得分": "得分",
    "评分": "得分",
    "自评分": "得分",
    "综合评价": "得分",
    "评价": "得分",
    "总分": "得分",
}
# Roles of one kind of money: a part listed under a budget cannot be a spending.
ROLE_FAMILY = {"年初预算": "预算", "全年预算": "预算", "预算": "预算", "计划": "预算",
               "执行数": "执行", "结余": "结余", "到位": "执行", "收入": "收入",
               "受理": "受理", "办结": "办结", "回复": "回复", "合格": "合格", "完好": "完好",
               "处置": "处置", "结案": "结案"}

# Words that make a label relative to the passage it stands in (实际完成目标, 该项目预算):
# such a label does not name one quantity across a document.
RELATIVE_WORDS = ("实际", "目标", "当年", "项目", "资金", "该", "本", "其", "总体", "全部", "累计",
                  "共", "合计", "总计", "年度", "全年", "经费")

# Labels that name an amount of money: a bare 万/亿 after them is 万元/亿元.
MONEY_WORDS = ("预算", "决算", "经费", "资金", "支出", "收入", "拨款", "费", "金额", "元",
               "采购", "成本", "投资", "结余", "结转", "支付", "补助", "工资", "额")

# Named rates: the words before a percentage → the rate's canonical name. Longest first.
RATE_WORDS: dict[str, str] = {
    "完成年初预算数的": "年初预算完成率",
    "完成年初预算的": "年初预算完成率",
    "年初预算完成率": "年初预算完成率",
    "完成全年预算数的": "全年预算完成率",
    "完成全年预算的": "全年预算完成率",
    "全年预算完成率": "全年预算完成率",
    "完成预算数的": "预算完成率",
    "完成预算的": "预算完成率",
    "预算完成率": "预算完成率",
    "预算执行率": "执行率",
    "预算执行进度": "执行率",
    "执行率": "执行率",
    "执行进度": "执行率",
    "支出进度": "执行率",
    "结转结余率": "结余率",
    "结余率": "结余率",
    "预决算差异率": "差异率",
    "差异率": "差异率",
    "节约率": "节约率",
    "资金到位率": "到位率",
    "到位率": "到位率",
}
# Rates of counts: 办结率 = 办结 ÷ 受理. The stem before 率 names the numerator.
COUNT_RATE = re.compile(r"(按期办结|办结|回复|合格|完好|处置|结案|响应|解决|满意)率$")

GROWTH_UP = ("增长率", "增长", "增幅", "上升", "提高", "增加")
GROWTH_DOWN = ("下降率", "下降", "降幅", "降低", "减少", "减幅")
CHANGE_UP = ("增加", "增长", "上升", "提高", "多支出", "多")
CHANGE_DOWN = ("减少", "下降", "降低", "节约", "少支出", "少")
# A value of the year before, stated beside this year's (`上年执行数0.00万元`): the base of
# the change stated with it, not a value of this year. 上年结转 is this year's money.
# A bare 上年 names it too (`…38.62万元，上年为35.17万元，比上年增加…`).
PREVIOUS_YEAR = re.compile(r"^(?:上一?年度?|去年)(?:同期)?(?:的?(?:年初)?(?:预算|执行|决算|实际支出|支出|收入)"
                           r"(?:数|额|金额|合计|总计|总额)?)?$")
ADJUST_UP = ("调增", "追加", "增拨")
ADJUST_DOWN = ("调减", "核减", "压减", "追减", "收回")
# A change stated once for several subjects named in shorthand: `收入、支出各减少…`. The
# names are joined by these words and closed by one of EACH_WORDS (not 分别: `分别增加a、b`
# gives each its own change).
SHORTHAND_JOINS = "、和与及"
EACH_WORDS = ("各", "均", "都")
# 占 that is not a share: 占地76.23亩, 占用…
NOT_SHARE = ("占地", "占用", "占有", "占据", "占位", "占道", "占压")
# A 科目 named at the head of a paragraph with its amount (`“…行政运行（项）”科目938.99万元`),
# and the words that restate that amount later in the paragraph, with the role each names.
CLASSIFIED_HEAD = re.compile(r"[（(][类款项][)）][”\"」』]?(?:科目)?$")
RESTATEMENTS = {
    "执行数": re.compile(r"^(?:本年|当年)?(?:支出决算|决算支出|决算|实际支出)(?:数|金额)?$"),
    "预算": re.compile(r"^(?:本年|当年)?(?:预算安排|安排预算|预算)(?:数|金额)?$"),
}
# Words that open a list of parts of the figure before them.
# `主要是` only before a colon: without one it gives a reason (增加50万元，主要是人员经费增加).
PART_OPENERS = ("主要用于以下方面", "主要用于如下方面", "主要包括", "具体包括", "包括", "分别为",
                "分别是", "具体为", "具体如下", "明细如下", "构成如下", "主要内容如下", "主要有",
                "主要是：", "主要是:", "主要为：", "主要为:")
WHERE_OF = "其中"
# Words opening a clause about something besides the list before it (另有退休人员14人).
BESIDES = ("另有", "另外", "此外")
# The kinds a 政府采购 total is split into; after them a `；` ends the list (授予中小企业…
# is a share of the whole, across the kinds).
PROCUREMENT_KINDS = re.compile(r"^(?:其中)?(?:货物|工程|服务)(?:类|采购)?(?:支出|合同)?(?:金额)?$")
# A value that is a target (目标任务22000件) is not the total of the parts listed after it.
TARGET = re.compile(r"(?:目标|任务|指标)(?:数|值|量)?$")
# A target met, named by what is done and the target (完成年度目标12000剂次 …的103.75%),
# or after the target was stated (…年度目标为350人，完成目标的89.14%).
TARGET_MET = re.compile(r"^(?:已|共|累计|超额)?完成(?:了)?(?:年度|全年|本年)?(?:目标|任务|计划)"
                        r"(?:任务)?(?:数|值|量)?$")
TARGET_MET_WORDS = re.compile(r"(?:已|共|累计|超额)?完成(?:了)?(?:年度|全年|本年)?(?:目标|任务|计划)"
                              r"(?:任务)?(?:数|值|量)?的(?:比例)?(?:为|是|达)?")
# Parts that are not of one measure with the others (核定编制数 among 在编 and 临聘 people):
# a quota beside headcounts, a plan beside actuals. A list holding one is not summed.
QUOTA = re.compile(r"编制|核定|定额|限额|目标|计划|指标|预计")
# People a staff count (在编教职工2318名，其中专任教师…；离退休人员…；在校学生…) never holds:
# listed after it, they are other counts, not its parts.
STAFF = re.compile(r"在编|在职|实有|教职工|职工|干部|工作人员")
NOT_STAFF = re.compile(r"离退休|退休|离休|学生|在校生|学员|服务对象|群众|居民|患者")
INCLUDED = ("含", "包含", "其中")  # inside brackets after a figure: （含联合发文支付662.86万元）
CLOSING_TOTALS = ("合计", "共计", "总计", "累计", "小计")
# A paragraph that ends with one of these introduces the numbered items that follow.
LIST_INTRO = re.compile(r"(?:其中|如下|以下方面|以下几个方面|具体情况|明细|包括|主要内容)"
                        r"[^，,；;。]{0,6}[:：]\s*$")
LIST_INTRO_LABEL = re.compile(r"(?P<label>[^，,；;。:：]{2,30}?)(?:的)?(?:主要内容|具体情况|明细|构成)"
                              r"?(?:如下|包括)[:：]\s*$")

# Classifications whose classes are named alike (基本支出, 项目支出): a label that is one
# of them beside another of the same is a class, whatever its words alone would suggest
# (项目支出 alone may be a project's spending). Each is a set of labels, as compared.
FIXED_CLASSES = (
    frozenset({"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"}),
)
# Leading words that are not part of what a figure is.
LEAD_WORDS = ("其中", "另外", "另有", "此外", "以及", "主要包括", "具体包括", "包括", "分别为", "分别是",
              "其余", "及", "和", "与", "含", "即", "为", "共", "主要用于以下方面", "主要用于",
              "具体为", "按大类")
TRAIL_WORDS = ("为", "是", "达到", "达", "约", "了", "的", "到", "至", "共", "共计",
               "累计", "总共", "仅", "已", "只")
GENERIC_SUBJECTS = {"", "预算", "项目", "本项目", "该项目", "资金", "项目资金", "总体", "整体", "部门",
                    "单位", "年度", "全年", "综合", "本年", "当年", "项目预算", "财政资金", "经费",
                    "项目经费", "资金总体", "部门整体", "项目总体", "实际", "其", "总", "合计"}

# The end of a project's name in a report: 接诉即办工作经费项目，…
PROJECT_SUFFIX = re.compile(r"(?:项目|经费|费用|专项|工程|服务费|维护费|运维费|资金|费)"
                            r"(?:[（(][^）)]{1,10}[)）](?:经费|费用)?)?$")
