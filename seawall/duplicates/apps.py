from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "seawall.duplicates"
    label = "duplicates"
    verbose_name = "Finding and merging records of the same person"

    def ready(self) -> None:
        from seawall.duplicates import jobs, signals  # noqa: F401  register the jobs and the re-keying of saved persons
