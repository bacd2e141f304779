from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "seawall.audit"
    label = "audit"
    verbose_name = "Audit trail"
