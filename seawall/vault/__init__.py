"""Protecting personal data at rest: field encryption with rotating keys, and blind indexes.

Pure Python (no Django) so that the CLI and the hub can use the same code on files.
"""

from seawall.vault.blind import BlindIndexer, name_terms
from seawall.vault.cipher import DecryptionError, FieldCipher
from seawall.vault.keys import Keyring, parse_key

__all__ = ["BlindIndexer", "DecryptionError", "FieldCipher", "Keyring", "name_terms", "parse_key"]
