"""Model fields for personal data and for HTCDS multi-select picklists."""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from seawall.cases.protection import cipher

_CODE = re.compile(r"^[A-Za-z0-9_+-]{1,80}$")


class EncryptedTextField(models.TextField):
    """Text stored as an AES-GCM token; the empty string stays empty (so "not recorded" is
    visible without a key, and costs nothing to search)."""

    def __init__(self, *args: Any, max_chars: int = 200, **kwargs: Any) -> None:
        self.max_chars = max_chars
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_chars"] = self.max_chars
        return name, path, args, kwargs

    def _context(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return cipher().encrypt(self.to_plain(value), self._context())

    def to_plain(self, value: Any) -> str:
        return str(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        return self.from_plain(cipher().decrypt(value, self._context()))

    def from_plain(self, text: str) -> Any:
        return text

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if isinstance(value, str) and len(value) > self.max_chars:
            raise ValidationError(f"At most {self.max_chars} characters (this has {len(value)}).")

    def get_lookup(self, lookup_name: str):  # type: ignore[no-untyped-def]
        # Ciphertexts are randomised: any lookup but "is empty" would silently match nothing.
        if lookup_name not in {"exact", "isnull"}:
            return None
        return super().get_lookup(lookup_name)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (list of phones, documents, addresses) encrypted as one token."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("max_chars", 4000)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value: Any) -> Any:
        if value in (None, "", [], {}):
            return ""
        return super().get_prep_value(value)

    def to_plain(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return []
        return super().from_db_value(value, expression, connection)

    def from_plain(self, text: str) -> Any:
        return json.loads(text)

    def validate(self, value: Any, model_instance: Any) -> None:
        if len(self.to_plain(value)) > self.max_chars:
            raise ValidationError(f"Too much data in {self.verbose_name} (at most {self.max_chars} characters).")

    def to_python(self, value: Any) -> Any:
        return value


class MultiCodeField(models.TextField):
    """An HTCDS multi-select picklist stored as "|Code1|Code2|" so that a filter on one code
    is a portable LIKE on SQLite and PostgreSQL alike (lookup `has`)."""

    def __init__(self, *args: Any, picklist: str = "", **kwargs: Any) -> None:
        self.picklist = picklist
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, path, args, kwargs = super().deconstruct()
        kwargs["picklist"] = self.picklist
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        codes = list(value or [])
        return "|" + "|".join(codes) + "|" if codes else ""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[str]:
        return [code for code in (value or "").split("|") if code]

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        return self.from_db_value(value, None, None)

    def validate(self, value: Any, model_instance: Any) -> None:
        from seawall.standard import VocabularyError, picklist

        if not self.blank and not value:
            raise ValidationError("Choose at least one.")
        if self.picklist:
            try:
                picklist(self.picklist).validate_many(list(value))
            except VocabularyError as error:
                raise ValidationError(str(error)) from None

    def value_to_string(self, obj: Any) -> str:
        return self.get_prep_value(self.value_from_object(obj))


@MultiCodeField.register_lookup
class HasCode(models.Lookup):
    lookup_name = "has"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        if not isinstance(self.rhs, str) or not _CODE.match(self.rhs):
            raise ValueError(f"not a picklist code: {self.rhs!r}")
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} LIKE %s", [*lhs_params, f"%|{self.rhs}|%"]
