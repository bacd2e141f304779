from django.urls import path

from seawall.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/<str:code>/", views.case_detail, name="detail"),
    path("cases/<str:code>/edit/", views.case_edit, name="edit"),
    path("cases/<str:code>/access-log/", views.case_access_log, name="access_log"),
]
