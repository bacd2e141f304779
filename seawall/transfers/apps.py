from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "seawall.transfers"
    label = "transfers"
    verbose_name = "Imports and exports (HTCDS, CTDC, unit spreadsheets)"
