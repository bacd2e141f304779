"""The node's cipher and blind indexer, built once from settings (and rebuilt when keys change)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from seawall.vault import BlindIndexer, FieldCipher, Keyring, parse_key


@cache
def cipher() -> FieldCipher:
    return FieldCipher(Keyring.parse(settings.FIELD_KEYS))


@cache
def indexer() -> BlindIndexer:
    return BlindIndexer(parse_key(settings.INDEX_KEY, "SEAWALL_INDEX_KEY"))


def reset() -> None:
    cipher.cache_clear()
    indexer.cache_clear()


@receiver(setting_changed)
def _keys_changed(*, setting: str, **kwargs: object) -> None:
    if setting in {"FIELD_KEYS", "INDEX_KEY"}:
        reset()
