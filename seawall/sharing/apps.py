from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "seawall.sharing"
    label = "sharing"
    verbose_name = "Releases: k-anonymous data, DP statistics, synthetic data"

    def ready(self) -> None:
        from seawall.sharing import jobs  # noqa: F401  registers the preparation job with the queue
