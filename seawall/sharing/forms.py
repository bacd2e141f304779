"""Forms of the release pages. Parameters are checked with the core's own rules, so the web
page and `seawall release ...` refuse the same input with the same words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from seawall.errors import InputError
from seawall.release import kanon
from seawall.release.columns import identity_columns, refuse_identity_columns
from seawall.release.ledger import check_delta, check_epsilon
from seawall.sharing import planning
from seawall.sharing.dataset import default_quasi_identifiers, offered_columns
from seawall.sharing.models import Release
from seawall.sharing.wording import message

MAX_SYNTH_RECORDS = 200_000  # pac-synth samples ~5-25 ms a record: beyond this, hours
SMALL_NODE = 500  # cases; below this a low epsilon often makes pac-synth fail (see SynthForm)
MIN_REASON = 10  # characters: "no" says nothing a later reader can act on

# The core names fields as the CLI does; the form shows the message at its own field.
FIELD_OF = {"--k": "k", "--quasi": "quasi_identifiers", "--epsilon": "epsilon", "--delta": "delta",
            "--by": "group_by", "--records": "records", "epsilon": "epsilon", "delta": "delta"}


class ColumnsField(forms.MultipleChoiceField):
    """Only the schema's de-identified columns are offered; a forged POST that names an
    identifying column is refused with the core's own reason before anything else."""

    widget = forms.CheckboxSelectMultiple

    def validate(self, value: Any) -> None:
        if identity_columns(list(value or [])):
            try:
                refuse_identity_columns(list(value))
            except InputError as error:
                raise ValidationError(f"Refused: {message(error, capitalise=False)}", code="identity_column") from None
        super().validate(value)


class ChooseForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of release", choices=Release.KINDS, widget=forms.RadioSelect)
    schema = forms.ChoiceField(label="Columns (CTDC schema)", choices=Release.SCHEMAS, widget=forms.RadioSelect,
                               initial="v1")


class ReleaseForm(forms.Form):
    kind = ""

    def __init__(self, *args: Any, schema: str, cases: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.cases = cases
        self.charge: tuple[float, float] | None = None  # (epsilon, delta), for DP releases

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.cases == 0:
            raise ValidationError("The node has no cases yet: there is nothing to release.", code="empty")
        return data

    def _core(self, check: Any) -> Any:
        """Run a core check; its InputError becomes an error on the field it names."""
        try:
            return check()
        except InputError as error:
            self.add_error(FIELD_OF.get(error.field or "", None), message(error))
            return None


def _columns_choices(schema: str) -> list[tuple[str, str]]:
    return [(name, name) for name in offered_columns(schema)]


class KanonForm(ReleaseForm):
    kind = Release.KANON
    k = forms.IntegerField(label="k (smallest group of identical records)", initial=11,
                           help_text="Every combination of the chosen columns occurs at least k times in the file. "
                                     "CTDC uses 11.")
    quasi_identifiers = ColumnsField(label="Quasi-identifiers (columns someone could know about a victim)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quasi_identifiers"].choices = _columns_choices(self.schema)
        self.fields["quasi_identifiers"].initial = default_quasi_identifiers(self.schema)
        self.fields["quasi_identifiers"].help_text = ("Preselected: CTDC's own set. Values are generalised along "
                                                      "documented hierarchies before any record is suppressed.")

    def clean_k(self) -> int:
        try:
            return kanon.check_k(self.cleaned_data["k"])
        except InputError as error:
            raise ValidationError(message(error, capitalise=False)) from None  # "k must be...", not "K"


class DpForm(ReleaseForm):
    epsilon = forms.FloatField(label="Epsilon (privacy cost of this release)",
                               widget=forms.NumberInput(attrs={"step": "any"}),
                               help_text="Smaller is more private and noisier. It is charged to the node's budget "
                                         "before any noise is drawn and never refunded.")
    delta = forms.FloatField(label="Delta (optional)", required=False,
                             widget=forms.NumberInput(attrs={"step": "any"}))

    def clean_epsilon(self) -> float:
        try:
            return check_epsilon(self.cleaned_data["epsilon"], "epsilon")
        except InputError as error:
            raise ValidationError(message(error)) from None

    def clean_delta(self) -> float | None:
        value = self.cleaned_data.get("delta")
        if value is None:
            return None
        try:
            return check_delta(value, "delta")
        except InputError as error:
            raise ValidationError(message(error)) from None


class DpCountsForm(DpForm):
    kind = Release.DP_COUNTS
    group_by = ColumnsField(label="Count by")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group_by"].choices = _columns_choices(self.schema)
        self.fields["delta"].help_text = ("Only used when a chosen column has no public list of values (e.g. "
                                          "RecruiterRelationship); default 1e-7.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and data.get("group_by"):
            self.charge = self._core(lambda: planning.counts_charge(
                self.schema, data["group_by"], data["epsilon"], data.get("delta")))
        return data


class SynthForm(DpForm):
    kind = Release.SYNTH
    records = forms.IntegerField(label="Records to make (optional)", required=False,
                                 help_text="Empty: as many as the noisy count of cases. Sampling more costs no "
                                           "budget, only time.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delta"].help_text = "Default min(1e-7, 1/(n ln n)) for n cases."
        if self.cases < SMALL_NODE:
            # Measured: 97 cases fail ~1 run in 5 at epsilon 2, ~1 in 30 at 4, none in 100 at 8.
            self.fields["epsilon"].help_text += (
                f" With {self.cases} cases, pac-synth often fails below epsilon 4 (its noisy count of "
                "records comes out negative), and a failed release keeps its charge.")

    def clean_records(self) -> int | None:
        value = self.cleaned_data.get("records")
        if value is not None and not 1 <= value <= MAX_SYNTH_RECORDS:
            raise ValidationError(f"Between 1 and {MAX_SYNTH_RECORDS:,}, or empty.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors:
            self.charge = self._core(lambda: planning.synth_charge(data["epsilon"], data.get("delta"), self.cases))
        return data


FORMS: dict[str, type[ReleaseForm]] = {Release.KANON: KanonForm, Release.DP_COUNTS: DpCountsForm,
                                       Release.SYNTH: SynthForm}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve and sign"), ("reject", "Reject")],
                                 widget=forms.RadioSelect, label="Decision")
    reason = forms.CharField(label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000, help_text="Required to reject: the analyst reads it.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "reject" and len((data.get("reason") or "").strip()) < MIN_REASON:
            self.add_error("reason", f"Say why the release is rejected, in at least {MIN_REASON} characters.")
        return data


class BudgetForm(forms.Form):
    epsilon = forms.FloatField(label="Total epsilon", widget=forms.NumberInput(attrs={"step": "any"}),
                               help_text="What all DP releases of the node's cases may spend together, for good.")
    delta = forms.FloatField(label="Total delta", initial=1e-6, widget=forms.NumberInput(attrs={"step": "any"}),
                             help_text="Default 1e-6: room for about ten releases at delta 1e-7.")

    def clean_epsilon(self) -> float:
        try:
            return check_epsilon(self.cleaned_data["epsilon"], "epsilon")
        except InputError as error:
            raise ValidationError(message(error)) from None

    def clean_delta(self) -> float:
        try:
            return check_delta(self.cleaned_data["delta"], "delta")
        except InputError as error:
            raise ValidationError(message(error)) from None
