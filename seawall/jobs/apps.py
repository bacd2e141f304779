from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "seawall.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
