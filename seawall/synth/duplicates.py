"""Registrations of the same synthetic people by several agencies, with ground truth.

Each synthetic person of the region is registered 1..k times by different agencies (police,
immigration, a shelter, a hotline, ...). Every registration is written the way such forms are
filled in: double surnames partly used, hyphens dropped or split, given and family names
swapped, accents dropped, typos, nicknames, day and month swapped, only the year known,
fields missing, phones written locally or with the country code. Hard negatives are added on
purpose: different people with the same common name, sex, nationality and birth year, and
people who give the same contact phone (a shelter's, a recruiter's).

The output has the columns of `seawall link dedupe` INPUT.csv plus `person_id`, the truth,
which `write_csv` can put in a separate file. Deterministic by seed; ~1 s per 100,000 records.

    python -m seawall.synth.duplicates 20000 input.csv --truth truth.csv --seed 7
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import phonenumbers
from anyascii import anyascii

from seawall.linkage.nicknames import NICKNAMES
from seawall.synth.names import POOLS

INPUT_COLUMNS = ["record_id", "source", "given_name", "family_name", "sex", "date_of_birth",
                 "nationality", "phone"]

AGENCIES = ("police", "immigration", "shelter", "hotline", "labour_inspection", "ngo",
            "iom_office", "social_services")

# Where the people registered at one node come from (a Trinidad and Tobago node by default).
NATIONALITY_WEIGHTS = {
    "VEN": 0.20, "HTI": 0.18, "DOM": 0.14, "COL": 0.08, "CUB": 0.06, "JAM": 0.08, "GUY": 0.07,
    "TTO": 0.08, "BRB": 0.02, "SUR": 0.02, "CHN": 0.04, "BRA": 0.03,
}

# More names than seawall.synth.names holds, so that a population of 100,000 people has the
# long tail of names a real one has; the pools there come first and stay the commonest, so
# namesakes ("María González", born the same year) remain frequent.
EXTRA_GIVEN = {
    "HISPANIC_F": (
        "Mercedes", "Dolores", "Guadalupe", "Josefina", "Marisol", "Yenny", "Nathaly",
        "Katherine", "Yessica", "Francis", "Norelys", "Maribel", "Zuleima", "Adriana",
        "Beatriz", "Claudia", "Diana", "Elena", "Fabiola", "Gloria", "Irene", "Jennifer",
        "Johana", "Karina", "Laura", "Lorena", "Marta", "Mónica", "Natalia", "Noemí",
        "Patricia", "Paola", "Raquel", "Sandra", "Silvia", "Sofía", "Teresa", "Verónica",
        "Ximena", "Yaritza", "Yuleisy", "Zoraida", "Anyelina", "Branyelis", "Dariannys",
        "Estefanía", "Fiorella", "Greisy", "Heidy", "Idalmis", "Jackeline", "Kenia",
        "Leonor", "Maryuri", "Nairobi", "Odalys", "Rosmery", "Susana", "Tatiana", "Wendy"),
    "HISPANIC_M": (
        "Francisco", "Ignacio", "Alejandro", "Roberto", "Guillermo", "Enrique", "Yohandry",
        "Wuilmer", "Deivis", "Ramón", "Óscar", "Víctor", "Ángel", "Nelson", "Adrián",
        "Alberto", "Antonio", "Armando", "César", "Daniel", "Diego", "Edgar", "Elvis",
        "Ernesto", "Fernando", "Gabriel", "Gustavo", "Hugo", "Iván", "Jairo", "Jorge",
        "Julio", "Leonardo", "Manuel", "Mario", "Néstor", "Orlando", "Pablo", "Pedro",
        "Raúl", "Ricardo", "Rubén", "Samuel", "Sergio", "Tomás", "Yeison", "Yorman",
        "Anderson", "Brayan", "Darwin", "Eliecer", "Franklin", "Greiber", "Johan"),
    "HAITIAN_F": (
        "Marie-Michelle", "Rose-Merline", "Mimose", "Islande", "Natacha", "Judeline",
        "Fedeline", "Rose-Andrée", "Yolette", "Micheline", "Anne-Marie", "Bernadette",
        "Carline", "Darline", "Edeline", "Farah", "Gina", "Immacula", "Josiane", "Kettly",
        "Lourdie", "Manoucheka", "Nathalie", "Ornella", "Phara", "Rachelle", "Sherline",
        "Tamara", "Vanessa", "Widlène", "Yveline", "Marie-Flore", "Rose-Carmelle",
        "Jeanne-Marie", "Claudette", "Edwige", "Mireille", "Nadine", "Solange", "Ginette"),
    "HAITIAN_M": (
        "Jean-Pierre", "Jean-Marc", "Wesner", "Jonas", "Fénel", "Rodny", "Wilfrid",
        "Jean-Ronel", "Peterson", "Evens", "Alix", "Bernard", "Claudel", "Dieuvens",
        "Emmanuel", "Fednel", "Gérald", "Herns", "Ismaël", "Jacquelin", "Kervens",
        "Lesly", "Max-Robert", "Nesly", "Olivier", "Patrick", "Reginald", "Samson",
        "Thony", "Vladimir", "Wilguens", "Yvon", "Jean-Wesley", "Paul-Henri", "Roosevelt"),
    "ANGLO_F": (
        "Shanelle", "Kadian", "Tanisha", "Renee", "Sasha", "Kezia", "Anisha", "Nicole",
        "Stacy-Ann", "Donna", "Marsha", "Savitri", "Abigail", "Brianna", "Candice",
        "Danielle", "Ebony", "Felicia", "Gail", "Indira", "Janelle", "Kamla", "Lisa",
        "Melissa", "Nisha", "Odessa", "Petal", "Renuka", "Sherry-Ann", "Tiffany",
        "Vashti", "Whitney", "Yasmin", "Zenobia", "Annalisa", "Charmaine", "Deborah",
        "Giselle", "Jodi-Ann", "Krystal", "Monique", "Rhonda", "Sharlene", "Trudy-Ann"),
    "ANGLO_M": (
        "Jason", "Ryan", "Akeem", "Omari", "Sean", "Trevor", "Ravi", "Sunil", "Curtis",
        "Garfield", "Leon", "Winston", "Anthony", "Brent", "Christopher", "Damian",
        "Everton", "Fitzroy", "Gregory", "Horace", "Isaiah", "Jerome", "Keron", "Lennox",
        "Michael", "Neville", "Orville", "Patrick", "Quincy", "Rajesh", "Stephon",
        "Terrence", "Vijay", "Wayne", "Xavier", "Andrew", "Clive", "Dexter", "Errol",
        "Floyd", "Hemant", "Junior", "Kishore", "Lloyd", "Marvin", "Nkosi", "Roger"),
}
EXTRA_SURNAMES = {
    "HISPANIC": (
        "Aguilar", "Blanco", "Contreras", "Delgado", "Escobar", "Flores", "Gil", "Herrera",
        "Ibáñez", "Lozano", "Medina", "Navarro", "Ortega", "Pacheco", "Quintero", "Ríos",
        "Salazar", "Toledo", "Urdaneta", "Valero", "Zambrano", "Acosta", "Bermúdez",
        "Carrasco", "Durán", "Espinoza", "Figueroa", "Gutiérrez", "Molina", "Ortiz",
        "Paredes", "Rivas", "Soto", "Tovar", "Villalobos", "Yépez", "Álvarez", "Ramos",
        "Romero", "Ruiz", "Alonso", "Moreno", "Muñoz", "Castro", "Vargas", "Silva",
        "Mejía", "Cruz", "Gómez", "Fernández", "Marín", "Chávez", "Rondón", "Colmenares",
        "Briceño", "Carrillo", "Linares", "Márquez", "Montilla", "Pineda", "Quiroz",
        "Rangel", "Sequera", "Uzcátegui", "Velásquez", "Zerpa", "Albornoz", "Barrios",
        "Camacho", "Dávila", "Echeverría", "Farías", "Graterol", "Hidalgo", "Infante",
        "Jaimes", "León", "Mora", "Nieves", "Osorio", "Padilla", "Quevedo", "Rosales",
        "Sosa", "Trujillo", "Useche", "Valera", "Avendaño", "Bastidas", "Cordero",
        "Daza", "Escalona", "Fuentes", "Galindo", "Heredia", "Iriarte", "Lugo",
        "Manzano", "Nava", "Oropeza", "Pérez-Luna", "Rincón", "Sarmiento", "Terán",
        "Valbuena", "Almonte", "Batista", "Encarnación", "Féliz", "Hierro", "Matos",
        "Ozuna", "Polanco", "Rosario", "Santana", "Tejada", "Ureña", "Ventura"),
    "HAITIAN": (
        "Alexis", "Bien-Aimé", "Cadet", "Destin", "Exantus", "Fleurant", "Georges",
        "Hyppolite", "Innocent", "Jeune", "Laguerre", "Mondésir", "Pierre-Louis", "Raymond",
        "Simon", "Thermidor", "Valcourt", "Zéphir", "Jean-Louis", "Lafortune", "Altidor",
        "Belizaire", "Casimir", "Delva", "Edouard", "Fils-Aimé", "Guerrier", "Hilaire",
        "Isidor", "Joachim", "Lamour", "Metellus", "Narcisse", "Octavius", "Paul",
        "Rémy", "Sainvil", "Toussaint", "Victor", "Vilsaint", "Appolon", "Bastien",
        "Charlemagne", "Dorméus", "Estimé", "Fénelon", "Germain", "Jacques", "Lubin",
        "Moïse", "Nelson", "Philippe", "Romain", "Salomon", "Thélusma", "Ulysse", "Vincent"),
    "ANGLO": (
        "Bailey", "Cummings", "Daniel", "Edwards", "Francis", "Gordon", "Harris", "Jackson",
        "King", "Lall", "Maharaj", "Nelson", "Phillips", "Rampersad", "Samuel", "Taylor",
        "Walcott", "Young", "Boodram", "Khan", "Roberts", "Sealy", "Mitchell", "Browne",
        "Allen", "Bishop", "Cox", "Dixon", "Ellis", "Forde", "Gibson", "Hall", "Ince",
        "Joseph-Lee", "Knights", "Lindo", "Morris", "Nurse", "Osborne", "Powell", "Reid",
        "Scott", "Thompson", "Walker", "Wright", "Achong", "Baboolal", "Chin", "Dookhan",
        "Gopaul", "Hosein", "Jaggernauth", "Kissoon", "Lutchman", "Mohammed", "Persad",
        "Ramdial", "Seepersad", "Sookdeo", "Beckles", "Cadogan", "Drakes", "Greenidge",
        "Haynes", "Jordan", "Marshall", "Moore", "Parris", "Small", "Watson", "Blackman",
        "Campbell-Ross", "Fraser", "Greene", "Hylton", "McKenzie", "Palmer", "Spence"),
    "CHINESE": ("Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Liang",
                "Zheng", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng"),
    "BRAZILIAN": ("Rodrigues", "Ferreira", "Alves", "Lima", "Gomes", "Ribeiro", "Carvalho",
                  "Araújo", "Martins", "Rocha", "Barbosa", "Cardoso", "Teixeira", "Moreira",
                  "Nascimento", "Vieira", "Mendes", "Freitas", "Barros", "Pinto"),
}


@dataclass(frozen=True)
class Noise:
    """Rates of each kind of difference between a registration and the person's identity."""

    nickname: float = 0.12
    hyphen_space: float = 0.25
    hyphen_joined: float = 0.08
    compound_first_only: float = 0.25
    paternal_only: float = 0.35
    maternal_only: float = 0.05
    surnames_hyphenated: float = 0.06
    swap_names: float = 0.06
    typo_given: float = 0.05
    typo_family: float = 0.05
    accents_dropped: float = 0.4
    upper_case: float = 0.2
    dob_missing: float = 0.05
    dob_year_only: float = 0.08
    dob_year_only_off_by_one: float = 0.02
    dob_day_month_swap: float = 0.05
    dob_typo: float = 0.03
    sex_missing: float = 0.05
    nationality_missing: float = 0.07
    person_has_phone: float = 0.75
    phone_omitted: float = 0.25
    phone_changed: float = 0.05
    phone_typo: float = 0.02
    shared_contact_phone: float = 0.02
    namesakes: float = 0.06


def _zipf_weights(n: int, exponent: float = 0.7) -> np.ndarray:
    # Name frequencies in a population are heavy-tailed: a few very common names, a long tail.
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


@cache
def _pools(nationality: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    female, male, surnames, double = POOLS[nationality]
    family = {"HTI": "HAITIAN", "CHN": "CHINESE", "BRA": "BRAZILIAN"}.get(nationality) or (
        "HISPANIC" if double else "ANGLO")
    if f"{family}_F" in EXTRA_GIVEN:
        female = female + EXTRA_GIVEN[f"{family}_F"]
        male = male + EXTRA_GIVEN[f"{family}_M"]
    surnames = surnames + EXTRA_SURNAMES[family]
    return female, male, surnames, double


_REGION = {"VEN": "VE", "HTI": "HT", "DOM": "DO", "COL": "CO", "CUB": "CU", "JAM": "JM",
           "GUY": "GY", "TTO": "TT", "BRB": "BB", "SUR": "SR", "CHN": "CN", "BRA": "BR"}


@cache
def _mobile_template(alpha3: str) -> tuple[int, str]:
    example = phonenumbers.example_number_for_type(_REGION[alpha3],
                                                   phonenumbers.PhoneNumberType.MOBILE)
    return example.country_code, str(example.national_number)


def _make_phone(alpha3: str, rng: np.random.Generator) -> tuple[int, str]:
    code, national = _mobile_template(alpha3)
    # Keep the operator prefix of the example (so the number stays valid), vary the rest.
    keep = max(len(national) - 6, 1)
    tail = "".join(str(d) for d in rng.integers(0, 10, len(national) - keep))
    return code, national[:keep] + tail


def _write_phone(code: int, national: str, style: float) -> str:
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    if style < 0.3:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if style < 0.6:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if style < 0.7:
        return "00" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _typo(text: str, u: float, v: float) -> str:
    """One keyboard slip: substitute, delete, transpose or insert a letter (not the first)."""
    if len(text) < 3:
        return text
    position = 1 + int(v * (len(text) - 2))
    letter = "aeioulnrst"[int(u * 1000) % 10]
    kind = int(u * 4)
    if kind == 0:
        return text[:position] + letter + text[position + 1:]
    if kind == 1:
        return text[:position] + text[position + 1:]
    if kind == 2 and position + 1 < len(text):
        return text[:position] + text[position + 1] + text[position] + text[position + 2:]
    return text[:position] + letter + text[position:]


def _people(n_people: int, noise: Noise, rng: np.random.Generator) -> pd.DataFrame:
    codes = list(NATIONALITY_WEIGHTS)
    probabilities = np.array(list(NATIONALITY_WEIGHTS.values()))
    nationality = rng.choice(codes, n_people, p=probabilities / probabilities.sum())
    sex = np.where(rng.random(n_people) < 0.62, "F", "M")
    birth = (np.datetime64("1966-01-01")
             + rng.integers(0, 365 * 44, n_people).astype("timedelta64[D]"))
    given = np.empty(n_people, dtype=object)
    family = np.empty(n_people, dtype=object)
    for code in codes:  # vectorised per pool: draw Zipf-weighted indices in one call
        for s in ("F", "M"):
            mask = (nationality == code) & (sex == s)
            count = int(mask.sum())
            if not count:
                continue
            female, male, surnames, double = _pools(code)
            pool = female if s == "F" else male
            given[mask] = np.array(pool, dtype=object)[
                rng.choice(len(pool), count, p=_zipf_weights(len(pool)))]
            paternal = np.array(surnames, dtype=object)[
                rng.choice(len(surnames), count, p=_zipf_weights(len(surnames)))]
            if double:
                maternal = np.array(surnames, dtype=object)[
                    rng.choice(len(surnames), count, p=_zipf_weights(len(surnames)))]
                paternal = paternal + " " + maternal
            family[mask] = paternal
    has_phone = rng.random(n_people) < noise.person_has_phone
    local = rng.random(n_people) < 0.6
    phone_code = np.zeros(n_people, dtype=np.int64)
    phone_national = np.empty(n_people, dtype=object)
    for i in np.flatnonzero(has_phone):
        phone_code[i], phone_national[i] = _make_phone("TTO" if local[i] else nationality[i], rng)
    people = pd.DataFrame({
        "person_id": np.arange(n_people), "given": given, "family": family, "sex": sex,
        "nationality": nationality, "birth": birth, "phone_code": phone_code,
        "phone_national": phone_national,
    })
    # Namesakes: another person with the same name, sex, nationality and birth year, a
    # different day and phone: the hard negatives a linker must keep apart.
    clones = np.flatnonzero(rng.random(n_people) < noise.namesakes)
    originals = rng.integers(0, n_people, len(clones))
    for column in ("given", "family", "sex", "nationality"):
        people.loc[clones, column] = people[column].to_numpy()[originals]
    year_start = people["birth"].to_numpy()[originals].astype("datetime64[Y]")
    people.loc[clones, "birth"] = year_start + rng.integers(0, 365, len(clones)).astype(
        "timedelta64[D]")
    # Shared contact phones: small groups giving one shelter's or recruiter's number.
    sharing = np.flatnonzero(rng.random(n_people) < noise.shared_contact_phone)
    hubs = sharing[rng.integers(0, max(len(sharing) // 4, 1), len(sharing))] if len(
        sharing) else sharing
    people.loc[sharing, "phone_code"] = people["phone_code"].to_numpy()[hubs]
    people.loc[sharing, "phone_national"] = people["phone_national"].to_numpy()[hubs]
    return people


def _strip_accents(text: str) -> str:
    return anyascii(text)


def _register(person: dict, u: np.ndarray, noise: Noise, rng: np.random.Generator) -> dict:
    """One agency's registration of a person; u holds this registration's uniform draws."""
    given: str = person["given"]
    family: str = person["family"]
    # Given name: nickname, hyphen handling, compound names.
    nicknames = NICKNAMES.get(given)
    if nicknames and u[0] < noise.nickname:
        given = nicknames[int(u[1] * len(nicknames))]
    elif "-" in given:
        if u[2] < noise.hyphen_space:
            given = given.replace("-", " ")
        elif u[2] < noise.hyphen_space + noise.hyphen_joined:
            given = given.replace("-", "")
    elif " " in given and u[2] < noise.compound_first_only:
        given = given.split(" ")[0]
    # Family name: Spanish double surnames used in part, or joined by a hyphen.
    if " " in family:
        paternal, maternal = family.split(" ", 1)
        if u[3] < noise.paternal_only:
            family = paternal
        elif u[3] < noise.paternal_only + noise.maternal_only:
            family = maternal
        elif u[3] < noise.paternal_only + noise.maternal_only + noise.surnames_hyphenated:
            family = f"{paternal}-{maternal}"
    if u[4] < noise.typo_given:
        given = _typo(given, u[5], u[6])
    if u[7] < noise.typo_family:
        family = _typo(family, u[8], u[6])
    if u[9] < noise.accents_dropped:
        given, family = _strip_accents(given), _strip_accents(family)
    if u[10] < noise.upper_case:
        given, family = given.upper(), family.upper()
    if u[11] < noise.swap_names:
        given, family = family, given
    # Date of birth.
    birth = pd.Timestamp(person["birth"])
    year, month, day = birth.year, birth.month, birth.day
    if u[12] < noise.dob_missing:
        dob = ""
    elif u[12] < noise.dob_missing + noise.dob_year_only:
        dob = f"{year:04d}-01-01"  # "only the year known" is written as 1 January
    elif u[12] < noise.dob_missing + noise.dob_year_only + noise.dob_year_only_off_by_one:
        dob = f"{year + (1 if u[13] < 0.5 else -1):04d}-01-01"  # an estimated age
    elif day <= 12 and day != month and u[13] < noise.dob_day_month_swap / 0.4:
        dob = f"{year:04d}-{day:02d}-{month:02d}"
    elif u[14] < noise.dob_typo:
        dob = _dob_typo(year, month, day, u[15])
    else:
        dob = f"{year:04d}-{month:02d}-{day:02d}"
    sex = "" if u[16] < noise.sex_missing else person["sex"]
    nationality = "" if u[17] < noise.nationality_missing else person["nationality"]
    phone = ""
    if isinstance(person["phone_national"], str) and u[18] >= noise.phone_omitted:
        code, national = int(person["phone_code"]), person["phone_national"]
        if u[19] < noise.phone_changed:
            code, national = _make_phone("TTO", rng)
        elif u[19] < noise.phone_changed + noise.phone_typo:
            national = _typo(national, u[20], u[5]).translate(_DIGIT_FOR_LETTER)
        phone = _write_phone(code, national, u[20])
    return {"given_name": given, "family_name": family, "sex": sex, "date_of_birth": dob,
            "nationality": nationality, "phone": phone}


_DIGIT_FOR_LETTER = str.maketrans("aeioulnrst", "0123456789")


def _dob_typo(year: int, month: int, day: int, u: float) -> str:
    # A single wrong digit in the day or the year, kept a valid date.
    if u < 0.5:
        day = day + 10 if day <= 18 else day - 10
    else:
        year = year + 10 if year < 1990 else year - 10
    return f"{year:04d}-{month:02d}-{day:02d}"


def generate(n_records: int, seed: int = 0, *, max_registrations: int = 5,
             noise: Noise | None = None) -> pd.DataFrame:
    """n_records registrations of synthetic people; person_id is the ground truth."""
    noise = noise or Noise()
    rng = np.random.default_rng(seed)
    shares = np.array([0.45, 0.28, 0.15, 0.08, 0.04][:max_registrations])
    counts_for = rng.choice(np.arange(1, len(shares) + 1), n_records, p=shares / shares.sum())
    cumulative = np.cumsum(counts_for)
    n_people = int(np.searchsorted(cumulative, n_records) + 1)
    counts = counts_for[:n_people].copy()
    counts[-1] -= cumulative[n_people - 1] - n_records
    people = _people(n_people, noise, rng)
    owner = np.repeat(np.arange(n_people), counts)
    # Distinct agencies for one person's registrations: a random permutation per person.
    rank = np.arange(n_records) - np.repeat(np.cumsum(counts) - counts, counts)
    permutations = np.argsort(rng.random((n_people, len(AGENCIES))), axis=1)
    source = np.array(AGENCIES)[permutations[owner, rank]]
    draws = rng.random((n_records, 21))
    records = people.to_dict("records")
    rows = [_register(records[p], draws[i], noise, rng) for i, p in enumerate(owner)]
    out = pd.DataFrame(rows)
    out.insert(0, "source", source)
    out["person_id"] = owner
    out = out.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    out.insert(0, "record_id", [f"R{i:07d}" for i in range(1, n_records + 1)])
    return out[INPUT_COLUMNS + ["person_id"]]


def write_csv(records: pd.DataFrame, path: str | Path, truth_path: str | Path | None = None
              ) -> None:
    """INPUT.csv of `seawall link dedupe`; the truth goes to truth_path when given, else
    stays in the file as the extra column person_id (which the linker ignores)."""
    if truth_path is not None:
        records[["record_id", "person_id"]].to_csv(truth_path, index=False)
        records = records[INPUT_COLUMNS]
    records.to_csv(path, index=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seawall.synth.duplicates",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("n_records", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--truth", type=Path, help="write record_id,person_id here")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_csv(generate(args.n_records, args.seed), args.out, args.truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
