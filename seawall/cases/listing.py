"""The case list query: need-to-know filter first, then search and filters, then a page."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape  # Django's escape() is the same, behind a lazy-string wrapper
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from seawall import policy
from seawall.cases.identity import persons_matching
from seawall.cases.models import Person, VictimCase
from seawall.standard import picklist

PAGE_SIZE = 25
# A list counts at most this many matches: counting 100,000 cases on every page view costs
# more than the page itself, and nobody pages through more than 40 pages of 25.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A paginator whose count stops at COUNT_CAP; `capped` says the real number is larger."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, list):
            return len(self.object_list)
        # Without order_by() the database would sort every match before cutting at the cap;
        # with the row's columns it would read every match's row, not only the index.
        return self.object_list.order_by().values("pk")[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def cap(self) -> int:
        return COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // self.per_page))
_CASE_CODE = re.compile(r"^[A-Z]{3}-[0-9A-Z]{1,7}$")


@dataclass
class CaseRow:
    pk: int  # the case's
    name: str | None  # None when the user may not see who she is
    url: str
    code: str
    exploitation: str
    identified: str
    status: str
    age_group: str


@dataclass
class Listing:
    page: Page
    rows: list[CaseRow]
    searched: bool
    search_kind: str  # "", "code", "identity", "refused"
    show_names: bool  # a name column: some row shows a name, or the role searches by name

    def rows_html(self) -> SafeString:
        """The table's rows. Written here rather than in the template: the list is the page
        people open most, and 25 rows of template variables were half its rendering time."""
        out = []
        for row in self.rows:
            if not self.show_names:
                name = ""
            elif row.name is None:
                name = '<td><span class="muted">—</span></td>'
            else:
                name = f"<td>{escape(row.name or '(no name recorded)')}</td>"
            out.append(f'<tr><td><a href="{escape(row.url)}">{escape(row.code)}</a></td>{name}'
                       f"<td>{escape(row.identified)}</td><td>{escape(row.status)}</td>"
                       f"<td>{escape(row.exploitation or '—')}</td><td>{escape(row.age_group)}</td></tr>\n")
        return mark_safe("".join(out))


def filtered_cases(user: Any, filters: dict[str, Any]) -> tuple[QuerySet[VictimCase], str, list[int]]:
    """The cases the user may see that meet the filters, how the search was read, and for a
    name or phone search the matching persons, best first."""
    cases = policy.visible_cases(user)
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("exploitation"):
        cases = cases.filter(exploitation_types__has=filters["exploitation"])
    if filters.get("gender"):
        cases = cases.filter(person__gender=filters["gender"])
    if filters.get("age_group"):
        cases = cases.filter(age_group=filters["age_group"])
    if filters.get("nationality"):
        cases = cases.filter(person__citizenships__has=filters["nationality"])
    if filters.get("year"):
        cases = cases.filter(identified_on__year=filters["year"])
    kind = ""
    ranking: list[int] = []
    query = (filters.get("q") or "").strip()
    if query:
        code = query.upper()
        if _CASE_CODE.match(code):
            kind = "code"
            cases = cases.filter(code__startswith=code)
        elif policy.may_search_identity(user):
            kind = "identity"
            ranking = persons_matching(query)[:500]
            cases = cases.filter(_person_among(ranking))
        else:
            kind = "refused"
            cases = cases.none()
    return cases, kind, ranking


def _person_among(person_ids: list[int]) -> Q | RawSQL:
    """`person_id IN (ids)` as one parameter: Django prepares each of up to 500 values
    one by one, which for a common name cost more than the database's whole answer."""
    quote = connection.ops.quote_name
    column = f"{quote(VictimCase._meta.db_table)}.{quote(VictimCase._meta.get_field('person').column)}"
    if connection.vendor == "sqlite":
        # Written out, not passed as one JSON parameter: SQLite's planner must see how few
        # they are, or without table statistics it walks the agency's cases instead. They
        # are integers from the index query, each made an int again here.
        listed = ", ".join(str(int(pid)) for pid in person_ids) or "NULL"
        return RawSQL(f"{column} IN ({listed})", [], output_field=BooleanField())
    if connection.vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", [list(person_ids)], output_field=BooleanField())
    return Q(person_id__in=person_ids)


# The columns a list row shows, read as named tuples: building 25 model instances cost a
# third of the page query.
_ROW_FIELDS = ("pk", "code", "identified_on", "identified_on_precision", "status", "exploitation_types",
               "age_group", "owner_agency_id", "person_id")


def list_cases(user: Any, filters: dict[str, Any], page_number: Any) -> Listing:
    cases, kind, ranking = filtered_cases(user, filters)
    if kind == "identity":
        # At most a few hundred matches: rank them in memory, best match first, then newest.
        # Unordered in SQL, so that the database fetches them through the person index
        # rather than walking the agency's cases in list order.
        rank = {pid: n for n, pid in enumerate(ranking)}
        ranked = sorted(cases.order_by().values_list(*_ROW_FIELDS, named=True),
                        key=lambda c: (rank.get(c.person_id, len(rank)), -c.identified_on.toordinal(), -c.pk))
        page = CappedPaginator(ranked, PAGE_SIZE).get_page(page_number)
    else:
        rows = cases.order_by("-identified_on", "-id").values_list(*_ROW_FIELDS, named=True)
        page = CappedPaginator(rows, PAGE_SIZE).get_page(page_number)
    shown = list(page.object_list)
    identity_ids = policy.cases_with_identity(user, shown)
    names = _names_of({c.person_id for c in shown if c.pk in identity_ids})
    # One reverse() and plain label lookups instead of a template tag per row: the list is
    # the page people open most, and per-row tags were most of its time.
    detail = reverse("cases:detail", args=["CODE"])
    forms, statuses, ages = (picklist(f).labels for f in ("vic_TypeOfExploitation", "cas_Status", "seawall_AgeGroup"))
    return Listing(page=page, searched=bool(filters.get("q")), search_kind=kind,
                   show_names=bool(identity_ids) or policy.may_search_identity(user), rows=[
        CaseRow(pk=c.pk, name=names.get(c.person_id) if c.pk in identity_ids else None,
                url=detail.replace("CODE", c.code), code=c.code,
                exploitation=", ".join(forms.get(code, code) for code in c.exploitation_types),
                identified=_as_precise_as_known(c.identified_on, c.identified_on_precision),
                status=statuses.get(c.status, c.status), age_group=ages.get(c.age_group, c.age_group))
        for c in shown
    ])


def _names_of(person_ids: set[int]) -> dict[int, str]:
    """The names of persons whose identity the policy has already let the user see.
    A plain SELECT by primary key: the ORM took four times as long to build this query as
    the database took to answer it. Each value is decrypted by its own model field."""
    if not person_ids:
        return {}
    given, family = (Person._meta.get_field(name) for name in ("given_names", "family_names"))
    quote = connection.ops.quote_name
    key = quote(Person._meta.pk.column)
    ids = sorted(person_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, {quote(given.column)}, {quote(family.column)} "
                       f"FROM {quote(Person._meta.db_table)} WHERE {key} IN ({', '.join(['%s'] * len(ids))})", ids)
        rows = cursor.fetchall()
    return {pk: " ".join(part for part in (given.from_db_value(g, None, connection),
                                           family.from_db_value(f, None, connection)) if part)
            for pk, g, f in rows}


def _as_precise_as_known(day: dt.date, precision: str) -> str:
    """Imported datasets often know only the year: do not show 1 January as if it were known."""
    text = day.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(precision, text)
