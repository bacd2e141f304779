from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "seawall.sharing"
    label = "sharing"
    verbose_name = "Releases: k-anonymous data, DP statistics, synthetic data"
