"""How the core's error messages read on the node's pages."""

from __future__ import annotations

from seawall.errors import InputError


def message(error: InputError, *, capitalise: bool = True) -> str:
    """The core names fields as the CLI does ("--epsilon: must be..."): on a page the message
    sits at its field or stands as a sentence, so the CLI's name goes."""
    text = str(error)
    if error.field and text.startswith(f"{error.field}: "):
        text = text[len(error.field) + 2:]
    return text[:1].upper() + text[1:] if capitalise else text


def sentence(error: InputError) -> str:
    text = message(error).strip()
    return text.rstrip(".") + "."
