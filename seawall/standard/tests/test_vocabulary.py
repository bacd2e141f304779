from __future__ import annotations

import pytest

from seawall.standard import VocabularyError, normalise_phone, picklist, picklists, validate_country, validate_language


def test_every_picklist_the_issue_names_is_declared():
    for field in ("vic_TypeOfExploitation", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation",
                  "vic_MethodsOfControl", "vic_MethodOfRecruitment", "vic_RelationshipToTrafficker",
                  "vic_TraffickingStatus", "vic_TraffickingStatusDecisionMakingOrg", "per_RoleInProcess",
                  "cas_Status", "spl_Type", "org_Type", "prs_Gender", "con_Item"):
        assert picklist(field).codes, field


def test_htcds_codes_are_as_the_standard_spells_them():
    assert "Unaquainted" in picklist("vic_RelationshipToTrafficker").codes  # sic, HTCDS 2.0
    assert picklist("cas_Status").codes == ("Active", "FollowUp", "Closed", "ClosedReferred")
    assert len(picklist("vic_ForcedLabourIndustry").codes) == 21  # ISIC sections A-U


def test_extensions_are_marked():
    assert all(not v.extension for v in picklist("vic_TypeOfExploitation").values)
    unknown = [v for v in picklist("vic_RelationshipToTrafficker").values if v.code == "Unknown"][0]
    assert unknown.extension


def test_codes_are_unique_within_each_picklist():
    for field, lst in picklists().items():
        assert len(set(lst.codes)) == len(lst.codes), field


def test_unknown_code_message_names_field_and_allowed_codes():
    with pytest.raises(VocabularyError, match=r"cas_Status: 'Open' is not a known code; allowed: Active, FollowUp"):
        picklist("cas_Status").validate("Open")


def test_countries_languages_and_phones():
    assert validate_country("tt") == "TTO" and validate_country("HTI") == "HTI"
    with pytest.raises(VocabularyError, match="ISO 3166"):
        validate_country("Ayiti")
    assert validate_language("es") == "spa" and validate_language("hat") == "hat"
    assert normalise_phone("600 1234", "GUY") == "+5926001234"
    assert normalise_phone("+1 (868) 555-0101", "GUY") == "+18685550101"
    with pytest.raises(VocabularyError, match="phone"):
        normalise_phone("12", "GUY")
