"""Numbers written the French way for people (« 12 500 € », « 80 % », « 3,5 ») and plainly for spreadsheets."""

from decimal import ROUND_HALF_UP, Decimal

THOUSANDS = "\u202f"  # narrow no-break space between groups of digits
BEFORE_UNIT = "\u00a0"  # no-break space before « € » and « % »


def french_number(value, decimals: int = 2) -> str:
    """`value` with digits grouped by three and a decimal comma; trailing zeros dropped."""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = THOUSANDS.join(groups) or "0"
    fraction = fraction.rstrip("0")
    if fraction:
        text += "," + fraction
    return f"-{text}" if number < 0 else text


def euros(value) -> str:
    """An amount in euros, to the euro: « 12 500 € »."""
    return f"{french_number(value, decimals=0)}{BEFORE_UNIT}€"


def percent(value) -> str:
    """A share, to a tenth: « 80 % », « 33,3 % »."""
    return f"{french_number(value, decimals=1)}{BEFORE_UNIT}%"


def spreadsheet_number(value) -> str:
    """A number as a spreadsheet reads it in a CSV: to the cent at most, no trailing zeros, empty when unknown."""
    if value is None:
        return ""
    return f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".")
