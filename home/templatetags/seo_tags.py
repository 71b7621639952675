"""`{% seo_tags %}`: meta description, canonical URL, Open Graph and Twitter card tags of any page."""

from django import template

from ..models import SiteSettings
from ..seo import seo_data, site_json_ld

register = template.Library()


def _site_settings(context):
    """The settings of the request's site (cached on the request, shared with the `settings` context)."""
    request = context.get("request")
    return SiteSettings.for_request(request) if request is not None else None


@register.inclusion_tag("includes/seo_tags.html", takes_context=True)
def seo_tags(context, title=None, description=None, image=None, logo=None):
    """Views outside the page tree (or showing a record) pass their own title, description and image; a record's
    logo (`logo=`) is shared, whole, only when neither the page nor the site has an image."""
    request = context.get("request")
    data = seo_data(request, context.get("page"), _site_settings(context), title, description, image, logo)
    return {"seo": data}


@register.simple_tag(takes_context=True)
def site_structured_data(context):
    """The club's Organization and the site's WebSite (with its SearchAction), for the home page."""
    from .structured_data_tags import json_ld

    return json_ld(site_json_ld(context["request"], _site_settings(context)))
