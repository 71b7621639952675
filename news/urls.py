"""URLs served by the news app outside the page tree."""

urlpatterns: list = []
