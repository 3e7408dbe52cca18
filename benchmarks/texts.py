"""Seeded text of the lengths reps type: names, notes and evidence descriptions.

Lengths matter to the benchmark because string cells make up most of the
sheet XML and the shared strings table. On size S, customer names run 10 to
57 characters (median 31, one in ten in Chinese), deal notes 46 to 137,
evidence texts 51 to 117 (median 90) and evidence notes 19 to 48. Nine
evidence texts in ten are unique, because references, amounts and dates
make them so in real logs.
"""

from __future__ import annotations

import datetime as dt
import random

FIRST_NAMES = (
    "Ann",
    "Bob",
    "Chen",
    "Daria",
    "Emre",
    "Fatima",
    "Georg",
    "Hana",
    "Ivan",
    "Julia",
    "Kenji",
    "Lena",
    "Mateo",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tariq",
    "Uma",
    "Victor",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
)
LAST_NAMES = (
    "Almeida",
    "Becker",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Huang",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Li",
    "Moreau",
    "Nakamura",
    "Olsen",
    "Petrov",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Wang",
    "Yilmaz",
    "Zhou",
)
ROLES = (
    "purchasing manager",
    "project engineer",
    "general manager",
    "buyer",
    "technical director",
    "quality manager",
    "owner",
    "sourcing lead",
)
CITIES = (
    "Hamburg",
    "Lyon",
    "Milan",
    "Rotterdam",
    "Izmir",
    "Dubai",
    "Mumbai",
    "Jakarta",
    "Monterrey",
    "Sao Paulo",
    "Lagos",
    "Nairobi",
    "Busan",
    "Perth",
    "Houston",
    "Toronto",
    "Gdansk",
    "Valencia",
    "Casablanca",
    "Ho Chi Minh",
)
WORDS = (
    "Bright",
    "Star",
    "North",
    "Blue",
    "River",
    "Delta",
    "Summit",
    "Atlas",
    "Global",
    "Pioneer",
    "Harbor",
    "Crown",
    "Golden",
    "Eagle",
    "Pacific",
    "Union",
    "Vertex",
    "Orion",
    "Prime",
    "Metro",
    "Green",
    "Silver",
    "Apex",
)
INDUSTRIES = (
    "Industrial",
    "Trading",
    "Engineering",
    "Building Materials",
    "Electric",
    "Packaging",
    "Machinery",
    "Logistics",
    "Hardware",
    "Construction",
)
SUFFIXES = ("Co., Ltd.", "GmbH", "S.A.", "LLC", "Ltd", "S.r.l.", "B.V.", "Inc.")
CHINESE_CITIES = ("杭州", "宁波", "深圳", "苏州", "佛山", "青岛", "厦门", "成都")
CHINESE_WORDS = ("明辉", "华盛", "远航", "金桥", "恒通", "新源", "博达", "永信")
CHINESE_INDUSTRIES = ("工业", "贸易", "机械", "电气", "建材", "包装")
COUNTRIES = (
    "Germany",
    "France",
    "Italy",
    "Netherlands",
    "Turkey",
    "United Arab Emirates",
    "India",
    "Indonesia",
    "Mexico",
    "Brazil",
    "Nigeria",
    "Kenya",
    "South Korea",
    "Australia",
    "United States",
    "Canada",
    "Poland",
    "Spain",
    "Morocco",
    "Vietnam",
    "China",
)
PRODUCTS = tuple(
    f"{family} {model}"
    for family in (
        "Steel door",
        "Fire door",
        "Aluminium window",
        "Curtain wall panel",
        "Glass partition",
        "Roller shutter",
    )
    for model in ("S100", "S200", "X300", "Pro 40", "Lite")
)
SOURCES = (
    "Trade fair",
    "Website",
    "Referral",
    "Cold call",
    "Alibaba",
    "LinkedIn",
    "Existing customer",
    "Distributor",
)
LOST_REASONS = (
    "Price too high",
    "Chose a local supplier",
    "Project cancelled",
    "Lead time too long",
    "No budget this year",
    "Did not pass the sample test",
    "Stopped answering",
)
BANKS = ("HSBC", "Deutsche Bank", "BNP Paribas", "Citibank", "Bank of China", "ING")
DOCUMENTS = (
    "quotation",
    "payment terms",
    "sample test report",
    "specification sheet",
    "non-disclosure agreement",
    "purchase order",
)
ASKS = (
    "asks for the price list and lead times for {quantity:,} units",
    "confirms the dimensions and the fire rating of the project",
    "sends the drawings of the second phase and asks for a revised offer",
    "agrees that our product fits the specification",
    "requests a proforma invoice for the first batch of {quantity:,} units",
    "shares two credit references and the bank details",
    "asks whether we can deliver before the end of the quarter",
)
NOTE_PARTS = (
    "Customer compares us with two local suppliers.",
    "Decision expected after the board meeting next month.",
    "Budget approved, but the tender may be delayed by the city.",
    "Price is the main concern; offered free shipping for the first order.",
    "Met them at the trade fair; they know our brand from a distributor.",
    "Second project for this customer, last order delivered on time.",
    "Engineer asked for the fire test certificates in English.",
    "Payment by letter of credit; check with finance before confirming.",
    "They want samples in two colours before the visit.",
    "Follow up after Chinese New Year, the factory is closed until then.",
)
EVIDENCE_NOTES = (
    "Scanned copy in the shared folder.",
    "Original sent by courier.",
    "Copied the manager.",
    "Amount differs from the invoice by the bank fee.",
    "Logged late, the customer sent it last week.",
    "Customer asked to keep this confidential.",
    "See the attachment in the CRM e-mail thread.",
)


def rep_names(rng: random.Random, count: int) -> list[str]:
    """Return ``count`` distinct rep names such as ``Priya Costa``."""
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in names:
            names.append(name)
    return names


def customer_names(rng: random.Random, count: int) -> list[str]:
    """Return ``count`` company names, one in ten in Chinese."""
    names = []
    for _ in range(count):
        if rng.random() < 0.1:
            names.append(
                rng.choice(CHINESE_CITIES)
                + rng.choice(CHINESE_WORDS)
                + rng.choice(CHINESE_INDUSTRIES)
                + "有限公司"
            )
            continue
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()}"
        if rng.random() < 0.5:
            name = f"{rng.choice(CITIES)} {name}"
        if rng.random() < 0.1:
            name = f"{name} & {rng.choice(LAST_NAMES)}"
        names.append(f"{name} {rng.choice(INDUSTRIES)} {rng.choice(SUFFIXES)}")
    return names


def contact(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def deal_note(rng: random.Random) -> str:
    """Return one or two sentences of a rep's note on a deal."""
    return " ".join(rng.sample(NOTE_PARTS, rng.randint(1, 2)))


def evidence_note(rng: random.Random) -> str:
    return rng.choice(EVIDENCE_NOTES)


def proof(rng: random.Random, kind: str, day: dt.date) -> str:
    """Return the Evidence text of one customer action of the given proof kind."""
    if kind == "payment":
        amount = rng.randrange(200, 250_000, 50)
        return (
            f"Payment slip {rng.choice(BANKS)} ref {rng.randrange(10**9):09d}, "
            f"USD {amount:,} received {day:%d %b}"
        )
    if kind == "document":
        return (
            f"Signed {rng.choice(DOCUMENTS)} no. Q-{day:%y%m}-{rng.randrange(9999):04d}"
            f", scanned and filed"
        )
    if kind == "visit":
        return (
            f"Visit report: met {contact(rng)} and {rng.randint(2, 6)} engineers "
            f"at the {rng.choice(CITIES)} plant on {day:%d %b}"
        )
    ask = rng.choice(ASKS).format(quantity=rng.randrange(100, 20_000, 100))
    if kind == "call":
        return f"Call {day:%d %b}: {contact(rng)} ({rng.choice(ROLES)}) {ask}"
    return f"E-mail from {contact(rng)}, {rng.choice(ROLES)}: {ask}"
