"""Agencies and users. The user model is custom from the first migration, as Django advises."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from seawall.accounts import roles
from seawall.standard import picklist
from seawall.standard.geo import country_code_validator


class Agency(models.Model):
    """An organisation of the node (HTCDS org_): a police unit, a shelter, a ministry."""

    name = models.CharField(max_length=200, unique=True)
    org_type = models.CharField("type (org_Type)", max_length=40, choices=picklist("org_Type").choices())
    country = models.CharField(max_length=3, validators=[country_code_validator])
    focal_point = models.CharField(
        max_length=200, blank=True, help_text="Whom other agencies ask about a possible match."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class SeawallUserManager(UserManager):
    use_in_migrations = True


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=roles.ROLE_CHOICES)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="users")
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    REQUIRED_FIELDS = ["email", "role", "agency"]
    objects = SeawallUserManager()

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        return dict(roles.ROLE_CHOICES).get(self.role, self.role)

    @property
    def needs_second_factor(self) -> bool:
        return self.role in roles.SECOND_FACTOR_REQUIRED

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()
