"""Form widgets of the shared toolkit.

`LongSelect`: a `<select>` written in Python, for filters with hundreds of options (the directory's territories:
every Pays, intercommunality and commune). Django's own `Select` renders one template per option, which costs a
few milliseconds per hundred options on every uncached page; this one writes the same HTML, byte for byte, in
one pass.
"""

from django import forms
from django.utils.html import conditional_escape as escape
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A single-choice `Select` rendered without a template: the same markup as Django's (attributes, option
    groups, the first matching option selected)."""

    def render(self, name, value, attrs=None, renderer=None):
        values = {str(item) for item in self.format_value(value)}
        selected_one = False

        def option(option_value, label) -> str:
            nonlocal selected_one
            option_value = "" if option_value is None else str(option_value)
            selected = not selected_one and option_value in values
            selected_one = selected_one or selected
            mark = " selected" if selected else ""
            return f'\n  <option value="{escape(option_value)}"{mark}>{escape(label)}</option>\n'

        parts = [f'<select name="{escape(name)}"{attributes(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(f'\n  <optgroup label="{escape(option_value)}">')
                parts += [option(value, sub_label) for value, sub_label in label]
                parts.append("\n  </optgroup>")
            else:
                parts.append(option(option_value, label))
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value escaped)


def attributes(attrs: dict) -> str:
    """HTML attributes in their order, as Django's `attrs.html` writes them: `True` alone, `False` left out."""
    return mark_safe(  # noqa: S308 (escaped by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )
