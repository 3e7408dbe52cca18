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
    """Pipeline, Best case or Commit."""


@dataclass(frozen=True)
class CriterionSpec:
    """One row of the Criteria table: a customer action that completes a stage."""

    stage: str
    criterion: str
    """Short unique id such as ``NC1``."""
    customer_action: str
    """What the customer does, with the customer as the subject."""
    evidence: str
    """What proves that the customer did it."""
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

LADDERS: dict[str, Ladder] = {"en": EXPORT_LADDER_EN}
"""Default ladder by language; languages without their own use English."""


def default_ladder(language: str = "en") -> Ladder:
    """Return the default export-trade ladder in ``language``, else English."""
    return LADDERS.get(language, EXPORT_LADDER_EN)
