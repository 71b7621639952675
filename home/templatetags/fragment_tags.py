"""Parts of pages kept in the shared cache until the content changes: the site's shell, a profile's sections.

`{% fragment_cache "name" value… %}…{% endfragment_cache %}` keeps what it encloses under the content's generation
(home/page_cache.py: every publication, every save of content starts a new one, on every server at once), the
request's site and the values given, which must be all the enclosed part depends on beyond the content (an actor,
the section the address stands in). With `daily` among the values, today's date is one of them: for what the
passing of a day changes (upcoming events, posts past their expiry date). A value that is None keeps nothing:
the part is built as without the cache, and so it is for a preview. Off without a shared cache (no generation on the request) or with
FRAGMENT_CACHE_SECONDS at 0. Unlike the page cache, a fragment serves every page that shows it: the menu every
page of a section, an actor's news its profile at every address it has.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

register = template.Library()

DAILY = "daily"


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, values, daily):
        self.nodelist = nodelist
        self.name = name
        self.values = values
        self.daily = daily

    def render(self, context):
        request = context.get("request")
        generation = getattr(request, "content_generation", None)
        values = [value.resolve(context) for value in self.values]
        # A preview shows what is not published yet: it neither reads nor keeps anything.
        previewing = getattr(request, "is_preview", False)
        if generation is None or settings.FRAGMENT_CACHE_SECONDS <= 0 or previewing or None in values:
            return self.nodelist.render(context)
        if self.daily:
            values.append(timezone.localdate().isoformat())
        site = getattr(request, "_wagtail_site", None)
        key = ":".join(["fragment", str(generation), str(site.pk if site else ""), self.name, *map(str, values)])
        fragment = cache.get(key)
        if fragment is None:
            fragment = self.nodelist.render(context)
            cache.set(key, fragment, settings.FRAGMENT_CACHE_SECONDS)
        return fragment


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
