"""English texts. Keys are grouped by the part of salesflow that shows them."""

TEXTS: dict[str, str] = {
}
