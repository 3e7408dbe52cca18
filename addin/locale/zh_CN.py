"""Simplified Chinese texts; keys missing here fall back to English."""

TEXTS: dict[str, str] = {
}
