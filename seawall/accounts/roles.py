"""The roles of a node (DESIGN.md) and what each is for, read from the vocabulary."""

from __future__ import annotations

from seawall.standard import picklist

CASEWORKER = "caseworker"
SERVICE_PROVIDER = "service_provider"
INVESTIGATOR = "investigator"
PROSECUTOR = "prosecutor"
COORDINATOR = "coordinator"
ANALYST = "analyst"
ADMINISTRATOR = "administrator"

ROLE_CHOICES = picklist("seawall_Role").choices()
ALL_ROLES = tuple(code for code, _ in ROLE_CHOICES)

# Roles that may be shown a victim's identity in some circumstance must prove a second
# factor at sign-in; administrators too, because they can create such users.
SECOND_FACTOR_REQUIRED = frozenset(
    {CASEWORKER, SERVICE_PROVIDER, INVESTIGATOR, PROSECUTOR, ADMINISTRATOR}
)
