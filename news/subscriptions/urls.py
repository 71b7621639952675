"""The subscription's addresses: the form, then signed links only (no address, no name in a URL)."""

from django.urls import path

from . import views

urlpatterns = [
    path("abonnement/", views.subscribe, name="news_subscribe"),
    path("abonnement/confirmer/<str:token>/", views.confirm, name="news_subscription_confirm"),
    path("abonnement/gerer/<str:token>/", views.manage, name="news_subscription_manage"),
    path("abonnement/desabonner/<str:token>/", views.unsubscribe, name="news_unsubscribe"),
]
