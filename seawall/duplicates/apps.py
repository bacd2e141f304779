from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "seawall.duplicates"
    label = "duplicates"
    verbose_name = "Finding and merging records of the same person"
