from django.urls import include, path

from seawall import views

urlpatterns = [
    path("accounts/", include("seawall.accounts.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("", include("seawall.cases.urls")),
]

handler403 = "seawall.views.forbidden"
handler404 = "seawall.views.not_found"
