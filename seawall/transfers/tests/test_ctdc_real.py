"""The real CTDC v1 file (47,102 k-anonymised cases) imports completely: counts read back
from the database equal those computed from the file itself; exported again as CTDC v1 it
gives the same multiset of rows; undone, it leaves nothing behind."""

from __future__ import annotations

import csv
from collections import Counter

import pycountry
import pytest

from seawall.cases.models import Person, TraffickingEvent, VictimCase
from seawall.transfers.exporting import export_cases
from seawall.transfers.importing import import_path
from seawall.transfers.models import ImportedCase
from seawall.transfers.tests.conftest import table_counts
from seawall.transfers.undo import undo_batch

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

GENDER = {"Female": "Feminine", "Male": "Masculine", "Unknown": "NonSpecifiedUnknown"}
EXPLOITATION = {"isForcedLabour": "ForcedLabour", "isSexualExploit": "SexualExploitation", "isOtherExploit": "Other",
                "isForcedMarriage": "ForcedMarriage", "isForcedMilitary": "ForcedMilitaryByNonStateActors",
                "isOrganRemoval": "OrganRemoval"}
SEX = {"typeOfSexProstitution": "Prostitution", "typeOfSexPornography": "Pornography",
       "typeOfSexRemoteInteractiveServices": "RemoteInteractiveServices",
       "typeOfSexPrivateSexualServices": "PrivateSexualServices"}
KEPT_FLAGS = ("isSexAndLabour", "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging",
              "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
              "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
              "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified")


def _file_rows(path) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _alpha3(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else code  # the file's "Unknown" and "Missing" words


def _flag_counts(field: str, htcds: str, code: str, absent: dict[int, dict[str, list[str]]]) -> Counter[str]:
    """"1" / "0" / "" per case, from the database: the code in the case's column (the
    query the case list filters with), the code recorded as absent beside it, or neither."""
    present = set(VictimCase.objects.filter(source="ctdc-v1", **{f"{field}__has": code}).values_list("pk", flat=True))
    return Counter("1" if pk in present else "0" if code in stored.get(htcds, []) else ""
                   for pk, stored in absent.items())


def test_the_real_ctdc_file_imports_completely_exports_back_and_undoes(ctdc_v1_file, users, make_case):
    """One import of the whole file serves the three checks: it is the slow part."""
    registered = make_case()  # entered by hand: exported with the rest, untouched by the undo
    before = table_counts()
    rows = _file_rows(ctdc_v1_file)
    worker = users["caseworker"]
    result, batch, outcome = import_path(worker, ctdc_v1_file, "ctdc")
    assert result.ok, [str(p) for p in result.errors[:5]]
    assert outcome is not None and outcome.cases == outcome.persons == len(rows) == 47_102
    assert batch.cases_created == 47_102 and batch.schema == "ctdc-v1"
    _check_counts(rows)
    _check_round_trip(ctdc_v1_file, worker)
    removed = undo_batch(batch, worker)
    assert removed == {"cases": 47_102, "persons": 47_102}
    assert table_counts() == before
    assert VictimCase.objects.filter(pk=registered.pk).exists()


def _check_counts(rows: list[dict[str, str]]) -> None:
    imported = VictimCase.objects.filter(source="ctdc-v1")
    assert imported.count() == 47_102
    assert not Person.objects.filter(cases__in=imported, identity_recorded=True).exists()
    assert set(imported.values_list("identified_on_precision", flat=True)) == {"year"}

    assert Counter(Person.objects.filter(cases__in=imported).values_list("gender", flat=True)) == Counter(
        GENDER[r["gender"]] for r in rows)
    assert Counter(imported.values_list("identified_on__year", flat=True)) == Counter(
        int(r["yearOfRegistration"]) for r in rows)
    bands = Counter(ImportedCase.objects.values_list("facts__age_band", flat=True))
    assert bands == Counter(r["ageBroad"] or None for r in rows)

    kept = dict(ImportedCase.objects.values_list("case_id", "source_values"))
    citizenship = Counter(
        (codes[0] if codes else kept[case].get("citizenship", ""))
        for case, codes in imported.values_list("pk", "person__citizenships"))
    assert citizenship == Counter(_alpha3(r["citizenship"]) for r in rows)
    exploited_in = dict(TraffickingEvent.objects.filter(event_type="Exploitation", case__in=imported)
                        .values_list("case_id", "country"))
    assert Counter(exploited_in.get(case) or values.get("CountryOfExploitation", "") for case, values in kept.items()) \
        == Counter(_alpha3(r["CountryOfExploitation"]) for r in rows)

    absent = {case: stored or {} for case, stored in ImportedCase.objects.values_list("case_id", "recorded_absent")}
    for column, code in EXPLOITATION.items():
        assert _flag_counts("exploitation_types", "vic_TypeOfExploitation", code, absent) == Counter(
            r[column] for r in rows), column
    for column, code in SEX.items():
        assert _flag_counts("sexual_exploitation_types", "vic_TypeOfSexExploitation", code, absent) == Counter(
            r[column] for r in rows), column
    for column in KEPT_FLAGS:  # CTDC flags with no HTCDS code: kept verbatim beside the case
        assert Counter(values.get(column, "") for values in kept.values()) == Counter(r[column] for r in rows), column


def _check_round_trip(path, worker) -> None:  # type: ignore[no-untyped-def]
    made = export_cases(worker, "ctdc-v1")
    exported = list(csv.reader(made.content.decode("utf-8").splitlines()))
    with path.open(encoding="utf-8", newline="") as handle:
        original = list(csv.reader(handle))
    assert exported[0] == original[0]
    # The file's rows, every one as often as in the file, plus the case registered by hand.
    assert made.count == 47_103
    extra = Counter(map(tuple, exported[1:]))
    extra.subtract(Counter(map(tuple, original[1:])))
    assert +extra == Counter({tuple(exported[1]): 1}) and not -extra
