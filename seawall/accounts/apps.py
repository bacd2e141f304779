from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "seawall.accounts"
    label = "accounts"
    verbose_name = "Users, roles and agencies"
