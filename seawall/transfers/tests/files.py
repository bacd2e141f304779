"""Small files for the page tests, written as a unit would: HTCDS codes in the first row."""

from __future__ import annotations

from pathlib import Path

HEADER = ("prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Citizenship,vic_TraffickingStatus,"
          "vic_TypeOfExploitation,prs_MobilePhone\n")
GOOD_ROWS = [
    "Yuliana,Fajardo Núñez,2007-03-02,Feminine,VEN,ActualVictimOfTrafficking,SexualExploitation,+58 412 555 0101",
    "Marie-Claire,Joseph,1999-11-20,Feminine,HTI,PossibleVictimOfTrafficking,ForcedLabour;Servitude,",
    "Devon,Baptiste,1988-06-14,Masculine,GUY,ActualVictimOfTrafficking,ForcedLabour,",
]
# The same rows with two mistakes: a code the standard does not have, and an impossible date.
BAD_ROWS = [
    GOOD_ROWS[0],
    GOOD_ROWS[1].replace("Feminine", "Female"),
    GOOD_ROWS[2].replace("1988-06-14", "1988-02-30"),
]


def htcds_csv(folder: Path, rows: list[str], name: str = "cases.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def many_rows(count: int) -> list[str]:
    """Distinct synthetic rows (the same person twice would be a duplicate-row error)."""
    return [f"Persona{n},Ejemplo,1990-01-01,Feminine,VEN,PossibleVictimOfTrafficking,ForcedLabour," for n in range(count)]
