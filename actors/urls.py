"""URLs served by the actors app outside the page tree."""

urlpatterns: list = []
