"""`{% fragment_cache "name" value… %}…{% endfragment_cache %}`: a part of a page kept until the content changes.

What it encloses is kept by home/kept.py under the content's generation, the request's site and the values given,
which must be all the enclosed part depends on beyond the content (an actor, the section the address stands in).
With `daily` among the values, today's date is one of them: for what the passing of a day changes (upcoming events,
posts past their expiry date). A value that is None keeps nothing, and a preview neither reads nor keeps. Unlike
the page cache, a fragment serves every page that shows it: the menu every page of a section, an actor's news its
profile at every address it has.
"""

from django import template
from django.utils import timezone

from ..kept import kept

register = template.Library()

DAILY = "daily"


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, values, daily):
        self.nodelist = nodelist
        self.name = name
        self.values = values
        self.daily = daily

    def render(self, context):
        values = [value.resolve(context) for value in self.values]
        if self.daily:
            values.append(timezone.localdate().isoformat())
        return kept(context.get("request"), self.name, values, lambda: self.nodelist.render(context))


@register.tag
def fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a fragment name and the values it depends on.")
    name = bits[1].strip("\"'")
    daily = DAILY in bits[2:]
    values = [parser.compile_filter(bit) for bit in bits[2:] if bit != DAILY]
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, name, values, daily)
