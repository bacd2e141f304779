"""Authentication backend: Django's, loading the user's agency with the user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from seawall.accounts.models import User


class UserWithAgencyBackend(ModelBackend):
    """Every page shows the user's agency and every need-to-know filter reads it: one query
    with a join per request instead of two."""

    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("agency").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
