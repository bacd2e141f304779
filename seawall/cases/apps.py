from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "seawall.cases"
    label = "cases"
    verbose_name = "Persons and victim cases"
