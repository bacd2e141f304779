"""A URL configuration without the case pages, for the navigation tests."""

from django.urls import include, path

urlpatterns = [path("accounts/", include("seawall.accounts.urls"))]
