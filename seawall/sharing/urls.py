from django.urls import path

from seawall.sharing.views import budget, decide, download, index, prepare, release

app_name = "sharing"

urlpatterns = [
    path("", index.index, name="index"),
    path("new/", prepare.choose, name="choose"),
    path("new/<str:kind>/<str:schema>/", prepare.prepare, name="prepare"),
    path("budget/", budget.budget, name="budget"),
    path("<int:pk>/", release.detail, name="detail"),
    path("<int:pk>/progress/", release.progress, name="progress"),
    path("<int:pk>/decide/", decide.decide, name="decide"),
    path("<int:pk>/download/", download.download, name="download"),
    path("<int:pk>/signature/", download.signature, name="signature"),
]
