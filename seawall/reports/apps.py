from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "seawall.reports"
    label = "reports"
    verbose_name = "National statistics, SDG 16.2.2 and the annual report"
