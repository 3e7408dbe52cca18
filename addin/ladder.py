"""The default stage ladder of an export-trade sales team.

A ladder is the Process table (stages in order) plus the Criteria table (the
customer actions that complete each stage). The template writes it into a
new workbook; the team then edits it to fit their own way of selling.

All of a ladder's text lives in the records below, one ladder per language,
so that a translated ladder is a new entry in :data:`LADDERS` and not a
change to the template code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageSpec:
    """One row of the Process table."""

    stage: str
    goal: str
    playbook: str
    """The key rep actions that move a deal from this stage to the next."""
    max_days: int
    """Days a deal may sit in this stage before it counts as stuck."""
    win_pct: float
    """The manager's estimate of the win chance from this stage, 0.35 for 35 %."""
    forecast_category: str
    """Pipeline, Best case or Commit; in Chinese 管道, 最佳情况 or 承诺."""


@dataclass(frozen=True)
class CriterionSpec:
    """One row of the Criteria table: a customer action that completes a stage."""

    stage: str
    criterion: str
    """Short unique id such as ``NC1``."""
    customer_action: str
    """Action of the customer, written with the customer as the subject."""
    evidence: str
    """Proof that the customer did it."""
    required: bool
    """Required criteria gate the stage; optional ones only add to the score."""
    weight: float


@dataclass(frozen=True)
class Ladder:
    """A stage ladder: its stages in order and their exit criteria."""

    stages: tuple[StageSpec, ...]
    criteria: tuple[CriterionSpec, ...]

    def stage_names(self) -> list[str]:
        return [spec.stage for spec in self.stages]

    def criteria_of(self, stage: str) -> list[CriterionSpec]:
        """Return the criteria that complete ``stage``, in table order."""
        return [spec for spec in self.criteria if spec.stage == stage]


EXPORT_LADDER_EN = Ladder(
    stages=(
        StageSpec(
            "Inquiry",
            "The customer has told us what the inquiry is for and why they "
            "are buying now.",
            "Reply within 24 hours. Ask about the end use, the project, the "
            "timeline and who decides. Look up the company's website and "
            "import records.",
            7,
            0.05,
            "Pipeline",
        ),
        StageSpec(
            "Needs confirmed",
            "The customer has confirmed specifications, quantity and target "
            "price in writing.",
            "Send a requirements checklist. Confirm specifications, quantity, "
            "packing, certificates and target price, and repeat them back to "
            "the customer in writing.",
            14,
            0.10,
            "Pipeline",
        ),
        StageSpec(
            "Customer acknowledged",
            "The customer agrees that our solution and our factory can meet the need.",
            "Present the solution with test reports, certificates and "
            "reference customers. Offer a video call or a factory visit. "
            "Answer every technical question in writing.",
            21,
            0.20,
            "Pipeline",
        ),
        StageSpec(
            "Sample paid",
            "The customer has paid for samples, which shows a real intention to buy.",
            "Issue the sample invoice. Ship the samples with tracking. Agree "
            "the test plan and the date of the customer's feedback.",
            30,
            0.35,
            "Best case",
        ),
        StageSpec(
            "Proposal accepted",
            "The customer accepts the quotation and asks for a proforma invoice.",
            "Send the quotation with Incoterms, lead time and validity. "
            "Handle the objections. Issue the proforma invoice as soon as the "
            "customer asks for it.",
            21,
            0.55,
            "Best case",
        ),
        StageSpec(
            "Risk assessed",
            "Payment terms, delivery and the customer's credit are settled "
            "before production starts.",
            "Agree payment terms and the delivery date. Check the customer's "
            "credit with the credit insurer or a credit report. Confirm the "
            "shipping documents.",
            14,
            0.75,
            "Commit",
        ),
        StageSpec(
            "Order",
            "The customer has committed money or a signature: the deal is won.",
            "Confirm that the deposit has arrived. Send the order "
            "confirmation and the production schedule.",
            14,
            1.00,
            "Commit",
        ),
    ),
    criteria=(
        CriterionSpec(
            "Inquiry",
            "IQ1",
            "Customer explains the project background in detail: end use, "
            "timeline and who decides",
            "E-mail or call notes in the customer's own words",
            True,
            2,
        ),
        CriterionSpec(
            "Inquiry",
            "IQ2",
            "Customer shares company details: website, registration, import history",
            "E-mail, business card or registration document",
            False,
            1,
        ),
        CriterionSpec(
            "Needs confirmed",
            "NC1",
            "Customer confirms specifications, quantity and target price",
            "Requirements sheet or e-mail confirmed by the customer",
            True,
            2,
        ),
        CriterionSpec(
            "Needs confirmed",
            "NC2",
            "Customer sends drawings, a sample or a reference product",
            "Drawing file or courier tracking number",
            False,
            1,
        ),
        CriterionSpec(
            "Customer acknowledged",
            "CA1",
            "Customer acknowledges that our solution and capability meet the "
            "requirements",
            "E-mail or meeting minutes confirmed by the customer",
            True,
            2,
        ),
        CriterionSpec(
            "Customer acknowledged",
            "CA2",
            "Customer joins a video call or visits the factory",
            "Meeting invitation or visitor record",
            False,
            1,
        ),
        CriterionSpec(
            "Sample paid",
            "SP1",
            "Customer pays the sample fee",
            "Bank slip or payment notice",
            True,
            3,
        ),
        CriterionSpec(
            "Sample paid",
            "SP2",
            "Customer sends written feedback on the samples",
            "Test report or feedback e-mail",
            False,
            1,
        ),
        CriterionSpec(
            "Proposal accepted",
            "PA1",
            "Customer accepts the quotation or asks for a proforma invoice",
            "E-mail accepting the quotation or requesting the PI",
            True,
            3,
        ),
        CriterionSpec(
            "Risk assessed",
            "RA1",
            "Customer confirms payment terms and the delivery schedule",
            "Countersigned PI terms or confirming e-mail",
            True,
            2,
        ),
        CriterionSpec(
            "Risk assessed",
            "RA2",
            "Customer provides documents for the credit check: registration "
            "and bank reference",
            "Registration certificate, bank reference or insurer approval",
            False,
            1,
        ),
        CriterionSpec(
            "Order",
            "OR1",
            "Customer pays the deposit or signs the purchase order",
            "Bank slip, signed PO or countersigned PI",
            True,
            3,
        ),
    ),
)

EXPORT_LADDER_ZH = Ladder(
    stages=(
        StageSpec(
            "询盘",
            "客户已说明询盘的用途，以及为什么现在要采购。",
            "24 小时内回复。询问最终用途、项目、时间表和决策人。查看客户网站和"
            "进口记录。",
            7,
            0.05,
            "管道",
        ),
        StageSpec(
            "需求确认",
            "客户已书面确认规格、数量和目标价。",
            "发送需求确认清单。确认规格、数量、包装、认证和目标价，并以书面形式"
            "向客户复述确认。",
            14,
            0.10,
            "管道",
        ),
        StageSpec(
            "客户认可",
            "客户认可我方的方案和工厂能够满足需求。",
            "用检测报告、认证证书和参考客户展示方案。邀请视频会议或验厂。"
            "书面答复每一个技术问题。",
            21,
            0.20,
            "管道",
        ),
        StageSpec(
            "样品付费",
            "客户已支付样品费，说明有真实的采购意向。",
            "开具样品发票。寄送样品并提供物流单号。约定测试方案和客户反馈的日期。",
            30,
            0.35,
            "最佳情况",
        ),
        StageSpec(
            "报价接受",
            "客户接受报价并索要形式发票。",
            "发送包含贸易术语、交期和有效期的报价单。处理客户异议。客户一索要就"
            "开具形式发票。",
            21,
            0.55,
            "最佳情况",
        ),
        StageSpec(
            "风险评估",
            "开始生产之前，付款方式、交期和客户信用都已落实。",
            "商定付款方式和交货日期。通过信用保险公司或资信报告核查客户信用。"
            "确认出货单据。",
            14,
            0.75,
            "承诺",
        ),
        StageSpec(
            "订单",
            "客户已付款或签字确认：商机赢单。",
            "确认定金已到账。发送订单确认和生产计划。",
            14,
            1.00,
            "承诺",
        ),
    ),
    criteria=(
        CriterionSpec(
            "询盘",
            "IQ1",
            "客户详细介绍项目背景：最终用途、时间表和决策人",
            "客户原话的邮件或通话记录",
            True,
            2,
        ),
        CriterionSpec(
            "询盘",
            "IQ2",
            "客户提供公司信息：网站、注册信息、进口记录",
            "邮件、名片或注册文件",
            False,
            1,
        ),
        CriterionSpec(
            "需求确认",
            "NC1",
            "客户确认规格、数量与目标价",
            "客户确认的需求表或邮件",
            True,
            2,
        ),
        CriterionSpec(
            "需求确认",
            "NC2",
            "客户发来图纸、样品或参考产品",
            "图纸文件或快递单号",
            False,
            1,
        ),
        CriterionSpec(
            "客户认可",
            "CA1",
            "客户认可我方方案与能力满足要求",
            "客户确认的邮件或会议纪要",
            True,
            2,
        ),
        CriterionSpec(
            "客户认可",
            "CA2",
            "客户参加视频会议或来厂参观",
            "会议邀请或访客记录",
            False,
            1,
        ),
        CriterionSpec(
            "样品付费",
            "SP1",
            "客户支付样品费",
            "银行水单或付款通知",
            True,
            3,
        ),
        CriterionSpec(
            "样品付费",
            "SP2",
            "客户书面反馈样品意见",
            "测试报告或反馈邮件",
            False,
            1,
        ),
        CriterionSpec(
            "报价接受",
            "PA1",
            "客户接受报价或索要形式发票",
            "接受报价或索要形式发票的邮件",
            True,
            3,
        ),
        CriterionSpec(
            "风险评估",
            "RA1",
            "客户确认付款方式与交期",
            "客户回签的形式发票条款或确认邮件",
            True,
            2,
        ),
        CriterionSpec(
            "风险评估",
            "RA2",
            "客户提供资信审核材料：注册证明和银行资信证明",
            "注册证书、银行资信证明或信保批复",
            False,
            1,
        ),
        CriterionSpec(
            "订单",
            "OR1",
            "客户支付定金或签署采购订单",
            "银行水单、签字的采购订单或回签的形式发票",
            True,
            3,
        ),
    ),
)

LADDERS: dict[str, Ladder] = {"en": EXPORT_LADDER_EN, "zh-CN": EXPORT_LADDER_ZH}
"""Default ladder by language; languages without their own use English."""


def default_ladder(language: str = "en") -> Ladder:
    """Return the default export-trade ladder in ``language``, else English."""
    return LADDERS.get(language, EXPORT_LADDER_EN)
