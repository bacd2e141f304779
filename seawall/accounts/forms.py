from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password

from seawall.accounts import roles
from seawall.accounts.models import Agency, User
from seawall.standard import country_choices
from seawall.widgets import QuickSelect


class SignInForm(forms.Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(max_length=256, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="Code from your authenticator app", regex=r"^\s*\d{6}\s*$", max_length=12,
        error_messages={"invalid": "Type the 6 digits your authenticator app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class UserForm(forms.ModelForm):
    password = forms.CharField(
        required=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Leave empty to keep the current password.",
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "agency", "is_active"]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True)
        self.fields["role"].choices = roles.ROLE_CHOICES
        if self.instance.pk is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = "At least 12 characters."

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if password:
            validate_password(password, self.instance)
        return password

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


class AgencyForm(forms.ModelForm):
    country = forms.ChoiceField(choices=country_choices, widget=QuickSelect)

    class Meta:
        model = Agency
        fields = ["name", "org_type", "country", "focal_point", "is_active"]
