"""The volunteers' guide (docs/guide-benevoles.md) rendered in the admin: the « Aide » menu leads there."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import path, reverse
from markdown_it import MarkdownIt

GUIDE = Path(settings.BASE_DIR) / "docs" / "guide-benevoles.md"
PICTURES = GUIDE.parent / "screenshots" / "guide"
PICTURE_PREFIX = "screenshots/guide/"


def guide_html() -> str:
    """The guide as HTML (raw HTML in the file is escaped), its pictures served by guide_picture_view."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    pictures_url = reverse("volunteers_guide_picture", args=["x.png"]).removesuffix("x.png")
    return markdown.render(GUIDE.read_text(encoding="utf-8").replace(f"]({PICTURE_PREFIX}", f"]({pictures_url}"))


def guide_view(request):
    context = {"guide": guide_html(), "page_title": "Guide des bénévoles", "header_icon": "help"}
    return render(request, "home/admin/guide.html", context)


def guide_picture_view(request, name):
    picture = PICTURES / name
    if picture.parent != PICTURES or picture.suffix != ".png" or not picture.is_file():
        raise Http404("Image introuvable.")
    return FileResponse(picture.open("rb"), content_type="image/png")


urlpatterns = [
    path("guide/", guide_view, name="volunteers_guide"),
    path("guide/images/<str:name>", guide_picture_view, name="volunteers_guide_picture"),
]
