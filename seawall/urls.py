from django.urls import include, path

from seawall import views

urlpatterns = [
    path("accounts/", include("seawall.accounts.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("jobs/", include("seawall.jobs.urls")),
    path("imports/", include("seawall.transfers.urls")),
    path("reports/", include("seawall.reports.urls")),
    path("releases/", include("seawall.sharing.urls")),
    path("duplicates/", include("seawall.duplicates.urls")),
    path("", include("seawall.cases.urls")),
]

handler403 = "seawall.views.forbidden"
handler404 = "seawall.views.not_found"
