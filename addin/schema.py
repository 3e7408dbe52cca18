"""The team workbook's input tables: their sheets, Excel Table names and columns.

Every input table is described once here. The reader uses the specs to find
a table and map its headers (English or Chinese, any order, any case) onto
canonical column keys; the validator uses the column kinds to parse values;
the template generator uses them to lay out the empty workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal[
    "text",  # free text, kept as typed (trimmed)
    "id",  # identifier kept as text: "00103" stays "00103"
    "name",  # a name matched against another table (rep, stage, criterion)
    "date",
    "amount",  # money or other number that may carry separators and symbols
    "number",  # plain number (days, weight)
    "percent",  # stored as a fraction: 2 % is 0.02
    "yesno",
    "status",  # Open, Won or Lost
    "currency",  # ISO 4217 code
]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input table."""

    key: str
    """Canonical key used in DataFrames, e.g. ``deal_id``."""
    header: str
    """English header as the template writes it, e.g. ``Deal ID``."""
    kind: ColumnKind
    required: bool = False
    """Whether the column must be present in the table."""
    mandatory: bool = False
    """Whether every row must have a value in this column."""
    aliases: tuple[str, ...] = ()
    """Other accepted headers; the first is the Chinese header."""

    def header_in(self, language: str) -> str:
        """Return the header a new workbook in ``language`` writes."""
        return self.aliases[0] if language == "zh-CN" else self.header


@dataclass(frozen=True)
class TableSpec:
    """One input table: where it lives and which columns it has."""

    key: str
    sheet: str
    table_name: str
    columns: tuple[ColumnSpec, ...]
    sheet_aliases: tuple[str, ...] = ()
    id_column: str | None = None
    """Key of the column whose values must be unique."""

    def sheet_in(self, language: str) -> str:
        """Return the sheet name a new workbook in ``language`` uses."""
        return self.sheet_aliases[0] if language == "zh-CN" else self.sheet

    def column(self, key: str) -> ColumnSpec:
        for spec in self.columns:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def required_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(spec for spec in self.columns if spec.required)


def _col(
    key: str,
    header: str,
    kind: ColumnKind,
    *aliases: str,
    required: bool = False,
    mandatory: bool = False,
) -> ColumnSpec:
    return ColumnSpec(key, header, kind, required, mandatory, tuple(aliases))


PROCESS = TableSpec(
    key="process",
    sheet="Process",
    table_name="tblProcess",
    sheet_aliases=("流程", "阶段"),
    id_column="stage",
    columns=(
        _col("stage", "Stage", "name", "阶段", required=True, mandatory=True),
        _col("goal", "Goal", "text", "目标"),
        _col("playbook", "Playbook", "text", "行动指南", "关键动作"),
        _col("max_days", "Max days", "number", "最长天数", "停留上限天数"),
        _col("win_pct", "Win %", "percent", "赢单率", "赢单概率"),
        _col("forecast_category", "Forecast category", "text", "预测类别"),
    ),
)

CRITERIA = TableSpec(
    key="criteria",
    sheet="Criteria",
    table_name="tblCriteria",
    sheet_aliases=("标准", "阶段标准"),
    id_column="criterion",
    columns=(
        _col("stage", "Stage", "name", "阶段", required=True, mandatory=True),
        _col(
            "criterion", "Criterion", "id", "标准", "标准编号",
            required=True, mandatory=True,
        ),
        _col(
            "customer_action", "Customer action", "text", "客户行为", "客户动作",
            required=True,
        ),
        _col("evidence", "Evidence", "text", "证据", "凭证"),
        _col("required", "Required", "yesno", "必需", "是否必需"),
        _col("weight", "Weight", "number", "权重"),
    ),
)

TEAM = TableSpec(
    key="team",
    sheet="Team",
    table_name="tblTeam",
    sheet_aliases=("团队",),
    id_column="rep",
    columns=(
        _col("rep", "Rep", "name", "销售", "业务员", required=True, mandatory=True),
        _col("manager", "Manager", "text", "经理", "主管"),
        _col("monthly_quota", "Monthly quota", "amount", "月度指标", "月指标"),
        _col(
            "commission_rate", "Commission rate (%)", "percent",
            "提成比例（%）", "提成比例(%)", "提成比例", "Commission rate",
        ),
        _col("active", "Active", "yesno", "在职", "是否在职"),
        _col("start_date", "Start date", "date", "入职日期"),
    ),
)

DEALS = TableSpec(
    key="deals",
    sheet="Deals",
    table_name="tblDeals",
    sheet_aliases=("商机", "客户", "订单"),
    id_column="deal_id",
    columns=(
        _col(
            "deal_id", "Deal ID", "id", "商机编号", "编号",
            required=True, mandatory=True,
        ),
        _col("customer", "Customer", "text", "客户", "客户名称", required=True),
        _col("country", "Country", "text", "国家", "国家/地区"),
        _col("rep", "Rep", "name", "销售", "业务员", required=True, mandatory=True),
        _col("product", "Product", "text", "产品"),
        _col("amount", "Amount", "amount", "金额", required=True),
        _col("currency", "Currency", "currency", "币种", "货币"),
        _col("stage", "Stage", "name", "阶段", required=True),
        _col("status", "Status", "status", "状态", required=True, mandatory=True),
        _col("created", "Created", "date", "创建日期", required=True, mandatory=True),
        _col("expected_close", "Expected close", "date", "预计成交日期", "预计成交"),
        _col("closed_on", "Closed on", "date", "成交日期", "关闭日期"),
        _col("lost_reason", "Lost reason", "text", "丢单原因", "输单原因"),
        _col("source", "Source", "text", "来源", "客户来源"),
        _col("note", "Note", "text", "备注"),
    ),
)

EVIDENCE = TableSpec(
    key="evidence",
    sheet="Evidence",
    table_name="tblEvidence",
    sheet_aliases=("证据", "阶段记录"),
    columns=(
        _col("date", "Date", "date", "日期", required=True, mandatory=True),
        _col(
            "deal_id", "Deal ID", "id", "商机编号", "编号",
            required=True, mandatory=True,
        ),
        _col(
            "criterion", "Criterion", "name", "标准", "标准编号",
            required=True, mandatory=True,
        ),
        _col("evidence", "Evidence", "text", "证据", "凭证"),
        _col("logged_by", "Logged by", "name", "记录人"),
        _col("note", "Note", "text", "备注"),
    ),
)

SETTINGS = TableSpec(
    key="settings",
    sheet="Settings",
    table_name="tblSettings",
    sheet_aliases=("设置",),
    id_column="name",
    columns=(
        _col("name", "Setting", "text", "设置项", "名称", required=True, mandatory=True),
        _col("value", "Value", "text", "值", "取值", required=True),
    ),
)

RATES = TableSpec(
    key="rates",
    sheet="Settings",
    table_name="tblRates",
    sheet_aliases=("设置",),
    id_column="currency",
    columns=(
        _col("currency", "Currency", "currency", "币种", "货币", required=True,
             mandatory=True),
        _col("rate", "Rate to reporting currency", "number", "汇率", "Rate",
             required=True, mandatory=True),
    ),
)

CURVE = TableSpec(
    key="curve",
    sheet="Settings",
    table_name="tblCommissionCurve",
    sheet_aliases=("设置",),
    columns=(
        _col("min_score", "Min score", "number", "最低分", required=True,
             mandatory=True),
        _col("payout", "Payout %", "percent", "发放比例", required=True,
             mandatory=True),
    ),
)

INPUT_TABLES: tuple[TableSpec, ...] = (
    PROCESS, CRITERIA, TEAM, DEALS, EVIDENCE, SETTINGS, RATES, CURVE,
)

STATUSES = ("Open", "Won", "Lost")
STATUS_ALIASES = {
    "open": "Open", "进行中": "Open", "跟进中": "Open",
    "won": "Won", "赢单": "Won", "成交": "Won",
    "lost": "Lost", "输单": "Lost", "丢单": "Lost",
}
YES_WORDS = frozenset({"yes", "y", "true", "1", "是", "√", "x"})
NO_WORDS = frozenset({"no", "n", "false", "0", "否", ""})

# Setting names as written in the Settings table, with their defaults.
SETTING_DEFAULTS: dict[str, str] = {
    "Reporting currency": "USD",
    "As-of date": "",
    "Period": "month",
    "Fiscal year start": "1",
    "Luck threshold": "50",
    "Language": "en",
    "Forecast simulations": "10000",
    "Backfill days": "14",
}

# Chinese names of the settings, as a zh-CN workbook writes them.
SETTING_NAMES_ZH: dict[str, str] = {
    "Reporting currency": "报告币种",
    "As-of date": "截至日期",
    "Period": "期间",
    "Fiscal year start": "财年起始月",
    "Luck threshold": "运气阈值",
    "Language": "语言",
    "Forecast simulations": "预测模拟次数",
    "Backfill days": "补录天数",
}

STATUS_NAMES_ZH = {"Open": "进行中", "Won": "赢单", "Lost": "输单"}

FORECAST_CATEGORIES = ("Pipeline", "Best case", "Commit")
FORECAST_CATEGORY_NAMES_ZH = {"Pipeline": "管道", "Best case": "最佳情况", "Commit": "承诺"}
"""Forecast categories a zh-CN workbook writes; both spellings are read."""
"""Status words a zh-CN workbook offers in its dropdown."""

OUTPUT_SHEETS = ("Issues", "Deal audit", "Funnel", "Scorecard", "Forecast", "History")


