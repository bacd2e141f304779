"""Nicknames people of the region give instead of their registered given name.

The generator and the linker share this table: a nickname is standardised to the given name
it stands for, so "Pepe" and "José" compare as the same name. Keys are given names as written;
seawall.synth.names.NICKNAMES is included so the demo data and the linker never disagree.
"""

from __future__ import annotations

from seawall.synth.names import NICKNAMES as _SYNTH_NICKNAMES

NICKNAMES: dict[str, tuple[str, ...]] = {
    **_SYNTH_NICKNAMES,
    "Alejandro": ("Alex", "Jando"),
    "Concepción": ("Concha", "Conchita"),
    "Dolores": ("Lola",),
    "Enrique": ("Quique",),
    "Guillermo": ("Memo", "Guille"),
    "Ignacio": ("Nacho",),
    "Mercedes": ("Meche",),
    "Roberto": ("Beto",),
    "Josefina": ("Fina", "Pepa"),
    "Jean-Claude": ("Jean-Jean",),
    "Jean-Pierre": ("Ti Pierre",),
    "Marie-Ange": ("Ange",),
    "Marie-Michelle": ("Micheline",),
    "Natasha": ("Tasha",),
    "Stevenson": ("Steve",),
    "Nigel": ("Nige",),
    "Kimberly": ("Kim",),
    "Rochelle": ("Shelly",),
}
