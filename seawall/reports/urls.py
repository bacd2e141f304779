from django.urls import path

from seawall.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("charts/<slug:name>.<str:fmt>", views.chart_download, name="chart"),
    path("sdg-16-2-2/", views.sdg_page, name="sdg"),
    path("sdg-16-2-2.csv", views.sdg_csv, name="sdg_csv"),
    path("annual/", views.annual_page, name="annual"),
    path("annual/report.<str:fmt>", views.annual_export, name="annual_export"),
    path("annual/tables/<slug:name>.csv", views.annual_table_csv, name="annual_table"),
]
