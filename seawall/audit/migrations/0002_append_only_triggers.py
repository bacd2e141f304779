from django.conf import settings
from django.db import migrations


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The test settings turn this off so that live-server tests can empty the tables
    # between tests; seawall/audit/tests/test_triggers.py installs and checks them.
    if getattr(settings, "AUDIT_DB_TRIGGERS", True):
        from seawall.audit import triggers

        triggers.install(schema_editor.connection)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    from seawall.audit import triggers

    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
