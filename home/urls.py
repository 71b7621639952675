"""URLs served by the home app outside the page tree."""

urlpatterns: list = []
