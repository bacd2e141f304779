"""Loading a synthetic node (seawall.synth.node) into the database: the demo and benchmarks."""

from __future__ import annotations

import base64
import sys
from collections.abc import Callable, Iterable

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from seawall.accounts.models import Agency, User
from seawall.cases import identity
from seawall.cases.codes import taken_codes, unused_case_codes
from seawall.cases.models import ConsentRecord, Person, TraffickingEvent, VictimCase
from seawall.synth.node import AGENCIES, DEMO_USERS, SynthCase, generate_cases

DEMO_PASSWORD = "demo-only-Seawall-2026"


def create_agencies(country: str) -> list[Agency]:
    return [Agency.objects.get_or_create(name=name, defaults={"org_type": org_type, "country": country,
            "focal_point": "Focal point (demo)"})[0] for name, org_type in AGENCIES]


def create_demo_users(agencies: list[Agency]) -> list[tuple[User, str]]:
    """Demo users with a password and, where the role needs one, a confirmed authenticator."""
    made = []
    for username, role, agency_index in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username, defaults={
            "role": role, "agency": agencies[agency_index], "first_name": username.title()})
        user.set_password(DEMO_PASSWORD)
        user.save()
        secret = ""
        if user.needs_second_factor:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
            secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        made.append((user, secret))
    return made


def load_cases(synth: Iterable[SynthCase], agencies: list[Agency], creator: User,
               batch: int = 2000, progress: Callable[[int], None] | None = None) -> int:
    """Insert synthetic cases in batches (bulk inserts; persons indexed explicitly, since
    bulk_create does not call Person.save)."""
    total = 0
    taken = taken_codes()
    chunk: list[SynthCase] = []
    for item in synth:
        chunk.append(item)
        if len(chunk) >= batch:
            total += _insert(chunk, agencies, creator, taken)
            chunk = []
            if progress:
                progress(total)
    if chunk:
        total += _insert(chunk, agencies, creator, taken)
        if progress:
            progress(total)
    return total


@transaction.atomic
def _insert(chunk: list[SynthCase], agencies: list[Agency], creator: User, taken: set[str]) -> int:
    persons = Person.objects.bulk_create([
        Person(owner_agency=agencies[c.identifying_agency], given_names=c.given_names, family_names=c.family_names,
               gender=c.gender, birth_date=c.birth_date, citizenships=c.citizenships, phones=c.phones,
               documents=c.documents, created_by=creator)
        for c in chunk
    ])
    identity.bulk_index(persons)
    codes = unused_case_codes(len(chunk), taken)
    cases = VictimCase.objects.bulk_create([
        VictimCase(code=code, person=p, owner_agency=agencies[c.identifying_agency],
                   identified_by=agencies[c.identifying_agency], identified_on=c.identified_on,
                   age_at_identification=c.age_at_identification,
                   age_group="unknown" if c.age_at_identification is None else ("0-17" if c.age_at_identification < 18 else "18+"),
                   trafficking_status=c.trafficking_status, status_decided_by=c.status_decided_by,
                   exploitation_types=c.exploitation_types, forced_labour_industry=c.forced_labour_industry,
                   sexual_exploitation_types=c.sexual_exploitation_types, methods_of_control=c.methods_of_control,
                   recruitment_methods=c.recruitment_methods, relationship_to_trafficker=c.relationship_to_trafficker,
                   status=c.status, created_by=creator,
                   closure_reason="Support plan completed (synthetic)" if c.status.startswith("Closed") else "")
        for c, p, code in zip(chunk, persons, codes, strict=True)
    ])
    TraffickingEvent.objects.bulk_create([
        TraffickingEvent(case=case, event_type=e.event_type, country=e.country, place=e.place, date=e.date)
        for case, c in zip(cases, chunk, strict=True) for e in c.events
    ])
    ConsentRecord.objects.bulk_create([
        ConsentRecord(case=case, item="Consent", given=True, recorded_on=c.identified_on, recorded_by=creator)
        for case, c in zip(cases, chunk, strict=True)
    ])
    return len(cases)


def load_demo_node(country: str, cases: int, seed: int, out=sys.stdout) -> list[tuple[User, str]]:  # type: ignore[no-untyped-def]
    agencies = create_agencies(country)
    users = create_demo_users(agencies)
    if not VictimCase.objects.exists():
        creator = next(u for u, _ in users if u.role == "caseworker")
        load_cases(generate_cases(cases, seed=seed), agencies, creator,
                   progress=lambda done: out.write(f"\r  {done}/{cases} synthetic cases"))
        out.write("\n")
    return users
