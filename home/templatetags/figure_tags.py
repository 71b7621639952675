"""`{% picture %}` and `{% srcset_image %}`: Wagtail's tags (same arguments), without repeated widths.

Wagtail never enlarges an image: from a 640 px wide original, `width-{480,800,1200}` gives 480, 640 and 640 px
renditions, and a `srcset` naming the same width twice is invalid HTML (the Nu checker refuses it) that browsers
may read as they like. These tags keep the first rendition of each width in each format. Load them after (or
instead of) `wagtailimages_tags`: `{% load figure_tags %}`.
"""

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode, SrcsetImageNode
from wagtail.images.templatetags.wagtailimages_tags import image as parse_image_tag

register = template.Library()


def distinct_widths(renditions: dict) -> dict:
    """The renditions (spec → rendition, in order) less those repeating the width of an earlier one of the same
    format."""
    seen, kept = set(), {}
    for spec, rendition in renditions.items():
        key = (rendition.file.name.rsplit(".", 1)[-1].lower(), rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class DistinctWidthsMixin:
    wrapper = ResponsiveImage

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = distinct_widths(get_renditions_or_not_found(image, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = self.wrapper(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return self.wrapper(renditions, attrs).__html__()


class DistinctSrcsetImageNode(DistinctWidthsMixin, SrcsetImageNode):
    wrapper = ResponsiveImage


class DistinctPictureNode(DistinctWidthsMixin, PictureNode):
    wrapper = Picture


def _tag(node_class):
    def parse(parser, token):
        node = parse_image_tag(parser, token)
        return node_class(node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name)

    return parse


register.tag("picture", _tag(DistinctPictureNode))
register.tag("srcset_image", _tag(DistinctSrcsetImageNode))
