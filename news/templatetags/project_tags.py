"""Filters of the progress page: amounts, shares and indicator values written the French way."""

from django import template

from ..project import amounts

register = template.Library()


@register.filter
def euros(value) -> str:
    return "" if value is None else amounts.euros(value)


@register.filter
def percent(value) -> str:
    return "" if value is None else amounts.percent(value)


@register.filter
def french_number(value) -> str:
    return "" if value is None else amounts.french_number(value)
