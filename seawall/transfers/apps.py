from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "seawall.transfers"
    label = "transfers"
    verbose_name = "Imports and exports (HTCDS, CTDC, unit spreadsheets)"

    def ready(self) -> None:
        from seawall.transfers import jobs  # noqa: F401  registers the import job with the queue
