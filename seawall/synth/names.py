"""Name pools by nationality for synthetic people of the region.

These are common given names and surnames, assembled by hand for plausibility; a pool is
chosen by nationality (ISO 3166 alpha-3). No pool is a list of real individuals.
"""

from __future__ import annotations

HISPANIC_GIVEN_F = (
    "María", "María José", "Ana", "Ana Lucía", "Carmen", "Yusleidy", "Daniela", "Valentina",
    "Gabriela", "Mariela", "Yeimy", "Luisa Fernanda", "Andrea", "Rosa", "Yolanda", "Karla",
    "Génesis", "Dayana", "Yuliana", "Leidy", "Isabel", "Milagros", "Yaneisy", "Liliana",
)
HISPANIC_GIVEN_M = (
    "José", "Juan Carlos", "Luis", "Carlos", "Jesús", "Miguel Ángel", "Yoandry", "Jhon",
    "Andrés", "Héctor", "Rafael", "Wilmer", "Yordanis", "Javier", "Eduardo", "Freddy",
)
HISPANIC_SURNAMES = (
    "González", "Rodríguez", "Pérez", "Hernández", "García", "Martínez", "López", "Díaz",
    "Sánchez", "Ramírez", "Torres", "Rojas", "Castillo", "Mendoza", "Guerrero", "Vásquez",
    "Peña", "Núñez", "Suárez", "Jiménez", "Morales", "Báez", "Reyes", "Cabrera", "Fajardo",
)
HAITIAN_GIVEN_F = (
    "Marie-Claire", "Rose-Mine", "Nadège", "Fabienne", "Guerline", "Wideline", "Mirlande",
    "Jésula", "Marie-Ange", "Esther", "Roseline", "Djenane", "Sandra", "Lovely",
)
HAITIAN_GIVEN_M = (
    "Jean-Baptiste", "Jean-Robert", "Wilner", "Frantz", "Pierre-Louis", "Jocelyn", "Dieuseul",
    "Wisly", "Ronald", "Mackenson", "Jean-Claude", "Stevenson", "Fritznel",
)
HAITIAN_SURNAMES = (
    "Joseph", "Jean", "Pierre", "Louis", "Charles", "Saint-Fleur", "Baptiste", "Desir",
    "Etienne", "François", "Noël", "Dorvil", "Théodore", "Augustin", "Célestin", "Michel",
)
ANGLO_CARIB_GIVEN_F = (
    "Keisha", "Shanice", "Tamika", "Latoya", "Kimberly", "Simone", "Tricia", "Alicia",
    "Natasha", "Kerry-Ann", "Shereen", "Camille", "Nadia", "Chantelle", "Rochelle",
)
ANGLO_CARIB_GIVEN_M = (
    "Andre", "Kevin", "Dwayne", "Marlon", "Jermaine", "Ricardo", "Kareem", "Shane", "Troy",
    "Devon", "Nigel", "Rohan", "Delroy", "Kirk",
)
ANGLO_CARIB_SURNAMES = (
    "Williams", "Brown", "Campbell", "Thomas", "Henry", "Charles", "Joseph", "Persaud",
    "Singh", "Ramdass", "Mohamed", "Baptiste", "Alexander", "James", "Grant", "Clarke",
    "Ali", "Narine", "Ramkissoon", "Hinds", "Stewart", "Lewis", "Griffith", "Jagdeo",
)
CHINESE_GIVEN_F = ("Li Na", "Wang Fang", "Zhang Min", "Liu Yan", "Chen Jing", "Yang Li", "Huang Mei")
CHINESE_GIVEN_M = ("Wang Wei", "Li Qiang", "Zhang Lei", "Liu Yang", "Chen Jie", "Zhao Gang")
CHINESE_SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou")
BRAZILIAN_GIVEN_F = ("Ana Paula", "Juliana", "Fernanda", "Larissa", "Camila", "Aline")
BRAZILIAN_GIVEN_M = ("João", "Lucas", "Rafael", "Thiago", "Bruno", "Felipe")
BRAZILIAN_SURNAMES = ("Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida")

# alpha-3 -> (given female, given male, surnames, double surnames?)
POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]] = {
    "VEN": (HISPANIC_GIVEN_F, HISPANIC_GIVEN_M, HISPANIC_SURNAMES, True),
    "COL": (HISPANIC_GIVEN_F, HISPANIC_GIVEN_M, HISPANIC_SURNAMES, True),
    "DOM": (HISPANIC_GIVEN_F, HISPANIC_GIVEN_M, HISPANIC_SURNAMES, True),
    "CUB": (HISPANIC_GIVEN_F, HISPANIC_GIVEN_M, HISPANIC_SURNAMES, True),
    "HTI": (HAITIAN_GIVEN_F, HAITIAN_GIVEN_M, HAITIAN_SURNAMES, False),
    "GUY": (ANGLO_CARIB_GIVEN_F, ANGLO_CARIB_GIVEN_M, ANGLO_CARIB_SURNAMES, False),
    "JAM": (ANGLO_CARIB_GIVEN_F, ANGLO_CARIB_GIVEN_M, ANGLO_CARIB_SURNAMES, False),
    "TTO": (ANGLO_CARIB_GIVEN_F, ANGLO_CARIB_GIVEN_M, ANGLO_CARIB_SURNAMES, False),
    "BRB": (ANGLO_CARIB_GIVEN_F, ANGLO_CARIB_GIVEN_M, ANGLO_CARIB_SURNAMES, False),
    "SUR": (ANGLO_CARIB_GIVEN_F, ANGLO_CARIB_GIVEN_M, ANGLO_CARIB_SURNAMES, False),
    "CHN": (CHINESE_GIVEN_F, CHINESE_GIVEN_M, CHINESE_SURNAMES, False),
    "BRA": (BRAZILIAN_GIVEN_F, BRAZILIAN_GIVEN_M, BRAZILIAN_SURNAMES, True),
}

# Nicknames people give instead of their registered given name.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "José": ("Pepe", "Cheo"),
    "María": ("Mari", "Maruja"),
    "Jesús": ("Chucho", "Chuy"),
    "Francisco": ("Pancho", "Paco"),
    "Guadalupe": ("Lupe",),
    "Rosa": ("Rosita",),
    "Kimberly": ("Kim",),
    "Natasha": ("Tasha",),
    "Jean-Baptiste": ("Ti Jean",),
    "Marie-Claire": ("Claire",),
    "Alicia": ("Ali",),
    "Andrés": ("Andy",),
}
