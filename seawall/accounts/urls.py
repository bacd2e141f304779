from django.urls import path

from seawall.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("verify/", views.verify_view, name="verify"),
    path("enroll/", views.enroll_view, name="enroll"),
    path("logout/", views.logout_view, name="logout"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_edit, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/reset-2fa/", views.user_reset_second_factor, name="user_reset_2fa"),
    path("agencies/new/", views.agency_edit, name="agency_new"),
    path("agencies/<int:pk>/", views.agency_edit, name="agency_edit"),
]
