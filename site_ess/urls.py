"""The site's URLs: the admin, each app's own views, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from actors.sitemaps import ActorSitemap
from board.sitemaps import BoardPostSitemap
from home.password_reset import ThrottledPasswordResetView
from home.sitemaps import PageSitemap

# /sitemap.xml: the published pages (news and events included), then each app's records at their own address.
SITEMAPS = {"pages": PageSitemap, "acteurs": ActorSitemap, "annonces": BoardPostSitemap}

urlpatterns = [
    # Before Wagtail's own route of the same name: its form, throttled.
    path("admin/password_reset/", ThrottledPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("home.urls")),
    path("", include("actors.urls")),
    path("", include("news.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The site's French error pages (home/errors.py); the 500 one answers 503 while the database is down.
handler400 = "home.errors.bad_request"
handler403 = "home.errors.permission_denied"
handler404 = "home.errors.page_not_found"
handler500 = "home.errors.server_error"

# Wagtail's page serving comes last: it answers every URL the apps above leave.
urlpatterns.append(path("", include(wagtail_urls)))
